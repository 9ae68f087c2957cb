"""`atende export / import / check` as other tools use them (SPEC §9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.core.storage.db import close_database


def run(capsys, *argv):
    code = main(list(argv))
    close_database()
    out = capsys.readouterr()
    return code, out.out, out.err


def test_export_import_round_trip_between_databases(tmp_path, capsys):
    src, dst = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    config = {"format": "atende-config", "version": 2, "instances": []}
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(config))
    assert run(capsys, "--db", str(src), "import", str(empty))[0] == 0  # creates it (§14)
    code, out, err = run(capsys, "--db", str(src), "export")
    assert code == 0 and json.loads(out) == config
    # Create instances through the CLI import of a file exported from a populated DB.
    from app.core.common.clock import SystemClock
    from app.core.storage.db import open_database
    from app.demo.instances import populate_if_empty

    open_database(src)
    populate_if_empty(SystemClock())
    close_database()
    out_file = tmp_path / "config.json"
    assert run(capsys, "--db", str(src), "export", "-o", str(out_file))[0] == 0
    code, out, err = run(capsys, "--db", str(dst), "import", str(out_file))
    assert code == 0, err
    assert "criada: Padaria Pão Quente" in out
    assert "aviso: instances[1].prioritize_attendance" in err  # Clínica on Básico
    code, again, _ = run(capsys, "--db", str(dst), "export")
    assert again == out_file.read_text("utf-8")


def test_import_errors_exit_2_one_per_line_and_write_nothing(tmp_path, capsys):
    db = tmp_path / "a.sqlite3"
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "atende-config",
                "version": 1,
                "instances": [
                    {
                        "name": "",
                        "phone": "1",
                        "plan": "x",
                        "timezone": "y",
                        "prioritize_attendance": 1,
                    }
                ],
            }
        ),
        "utf-8",
    )
    code, out, err = run(capsys, "--db", str(db), "import", str(bad))
    assert code == 2
    lines = err.strip().splitlines()
    assert "instances[0].name: Informe um nome." in lines
    assert any(line.startswith("instances[0].phone: ") for line in lines)
    assert any(line.startswith("instances[0].plan: ") for line in lines)
    assert any(line.startswith("instances[0].prioritize_attendance: ") for line in lines)
    assert json.loads(run(capsys, "--db", str(db), "export")[1])["instances"] == []


def test_unreadable_and_unparsable_files(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    code, _, err = run(capsys, "--db", db, "import", str(tmp_path / "missing.json"))
    assert code == 2 and err.startswith("arquivo: Não foi possível ler")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', "utf-8")
    code, _, err = run(capsys, "--db", db, "import", str(broken))
    assert code == 2 and err.startswith("arquivo: JSON inválido na linha 1")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Açaí"}'.encode("cp1252"))
    code, _, err = run(capsys, "--db", db, "import", str(latin))
    assert code == 2 and "não é um texto UTF-8" in err


def test_export_unknown_instance_is_exit_2(tmp_path, capsys):
    from app.core.storage.db import open_database

    open_database(tmp_path / "a.sqlite3")
    close_database()
    code, out, err = run(
        capsys, "--db", str(tmp_path / "a.sqlite3"), "export", "--instance", "Nada"
    )
    assert code == 2 and out == "" and "Nada" in err


def test_check_reports_warnings_with_exit_0(tmp_path, capsys):
    db = str(tmp_path / "a.sqlite3")
    from app.core.common.clock import SystemClock
    from app.core.storage.db import open_database
    from app.demo.instances import populate_if_empty

    open_database(db)
    populate_if_empty(SystemClock())
    close_database()
    code, out, err = run(capsys, "--db", db, "check")
    assert code == 0
    assert "aviso: Clínica Sorriso.prioritize_attendance:" in err


def test_db_env_and_option_precedence(tmp_path):
    env_db, opt_db = tmp_path / "env.sqlite3", tmp_path / "opt.sqlite3"
    root = Path(__file__).resolve().parents[2]
    env = {"ATENDE_DB": str(env_db), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "atende-config", "version": 2, "instances": []}')
    subprocess.run(
        [sys.executable, "-m", "app", "import", str(empty)],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
    )
    assert env_db.exists() and not opt_db.exists()
    subprocess.run(
        [sys.executable, "-m", "app", "--db", str(opt_db), "import", str(empty)],
        check=True,
        env=env,
        cwd=root,
        capture_output=True,
    )
    assert opt_db.exists()


def test_unwritable_database_is_exit_1(tmp_path, capsys):
    folder = tmp_path / "adir.sqlite3"
    folder.mkdir()
    code, _, err = run(capsys, "--db", str(folder), "export")
    assert code == 1 and "é uma pasta" in err


def test_a_closed_pipe_is_not_an_error(tmp_path):
    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "a.sqlite3"
    code = (
        "import sys; from app.cli import main; from app.core.storage.db import open_database;"
        "from app.demo.instances import populate_if_empty;"
        "from app.core.common.clock import SystemClock;"
        "from app import i18n; i18n.install();"
        f"db = open_database({str(db)!r}); populate_if_empty(SystemClock());"
        # far more than a pipe buffer (64 KiB), so the writer really meets the closed pipe
        'db.execute_sql("WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n'
        " WHERE v < 3000) INSERT INTO history_event (instance_name, at, kind, section, summary)"
        " SELECT 'Loja', v, 'config', 'x', printf('%0200d', v) FROM n\")"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db), "history"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "falha" not in err
