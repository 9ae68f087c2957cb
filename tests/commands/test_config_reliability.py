"""`atende import`/`export` when things go wrong: kill -9, a full disk, a busy database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.cli import main
from app.commands import base
from app.core.config.file_format import dumps, export_config
from app.core.instances.store import create_instance
from app.core.storage import db as core_db
from app.core.storage.db import close_database, open_database
from tests.faults import dump, fill_disk

BASE = {"phone": "+5511912345678", "plan": "intermediario", "timezone": "America/Sao_Paulo"}


@pytest.fixture
def old_config(db_path, clock):
    """A database holding three instances, closed; returns its exported config text."""
    open_database(db_path)
    for name in ("Loja Centro", "Loja Norte", "Loja Sul"):
        create_instance({**BASE, "name": name}, clock)
    text = dumps(export_config())
    close_database()
    return text


def big_config(old_text: str, count: int) -> dict:
    """The old instances changed (plan, prioritize) plus `count` new ones."""
    data = json.loads(old_text)
    for item in data["instances"]:
        item["plan"] = "avancado"
        item["prioritize_attendance"] = True
    template = data["instances"][0]
    for n in range(count):
        data["instances"].append({**template, "name": f"Filial {n:04d}"})
    return data


def exported(db_path) -> str:
    open_database(db_path)
    try:
        return dumps(export_config())
    finally:
        close_database()


CHILD = textwrap.dedent(
    """
    import sys
    from app.core.audit import history
    from app.core.storage.db import database

    real_record = history.record
    calls = 0

    def record(*args, **kwargs):
        global calls
        calls += 1
        if calls == 1:
            database.execute_sql("PRAGMA cache_size = 8")  # spill pages to the WAL early
        event = real_record(*args, **kwargs)
        if calls == {stop_at}:
            print("writing", flush=True)
            sys.stdin.read()  # wait here, mid-transaction, to be killed
        return event

    history.record = record
    from app.cli import main
    sys.exit(main(["--db", {db!r}, "import", "--replace", {file!r}]))
    """
)


@pytest.mark.sqlite_only("the SQLite file: WAL, page limits, file locks, damaged or newer files")
def test_kill_9_in_the_middle_of_an_import_leaves_the_old_config(db_path, old_config, tmp_path):
    file = tmp_path / "big.json"
    file.write_text(json.dumps(big_config(old_config, 1500)), encoding="utf-8")
    code = CHILD.format(stop_at=900, db=str(db_path), file=str(file))
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "writing", child.stderr.read()
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 100_000, "the import had written uncommitted pages"
    finally:
        child.kill()  # SIGKILL: no cleanup, no rollback by the process
        child.wait()
    assert child.returncode == -9
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert exported(db_path) == old_config


def test_the_same_import_finishes_when_not_killed(db_path, old_config, tmp_path, capsys):
    """The control case of the test above: the big file itself is valid and importable."""
    file = tmp_path / "big.json"
    file.write_text(json.dumps(big_config(old_config, 1500)), encoding="utf-8")
    assert main(["--db", str(db_path), "import", "--replace", str(file)]) == 0
    close_database()
    text = exported(db_path)
    assert text != old_config
    assert len(json.loads(text)["instances"]) == 1503


@pytest.mark.sqlite_only("the SQLite file: WAL, page limits, file locks, damaged or newer files")
def test_full_disk_during_import_rolls_back_with_a_clear_message(
    db_path, old_config, tmp_path, capsys, monkeypatch
):
    file = tmp_path / "big.json"
    file.write_text(json.dumps(big_config(old_config, 300)), encoding="utf-8")
    before = dump(db_path)
    real_open = core_db.open_database

    def open_on_a_full_disk(path, **kwargs):
        db = real_open(path, **kwargs)
        fill_disk(db, spare_pages=1)
        return db

    monkeypatch.setattr(base, "open_database", open_on_a_full_disk)
    code = main(["--db", str(db_path), "import", "--replace", str(file)])
    close_database()
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == ["O disco está cheio: nada foi salvo. Libere espaço e tente de novo."]
    assert dump(db_path) == before


@pytest.mark.sqlite_only("the SQLite file: WAL, page limits, file locks, damaged or newer files")
def test_a_database_busy_in_another_process_is_reported_and_untouched(
    db_path, old_config, tmp_path, capsys, monkeypatch
):
    file = tmp_path / "small.json"
    file.write_text(json.dumps(big_config(old_config, 2)), encoding="utf-8")
    before = dump(db_path)
    holder = textwrap.dedent(
        f"""
        import sqlite3, sys
        con = sqlite3.connect({str(db_path)!r}, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("UPDATE instance SET phone = phone")
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    monkeypatch.setitem(core_db.PRAGMAS, "busy_timeout", 100)
    try:
        assert child.stdout.readline().strip() == "locked"
        code = main(["--db", str(db_path), "import", "--replace", str(file)])
        close_database()
    finally:
        child.kill()
        child.wait()
    assert code == 1
    assert "ocupado" in capsys.readouterr().err
    assert dump(db_path) == before
    assert main(["--db", str(db_path), "import", "--replace", str(file)]) == 0
    close_database()


def test_export_to_a_file_replaces_it_whole(db_path, old_config, tmp_path):
    out = tmp_path / "config.json"
    out.write_text("old content that is longer than nothing", encoding="utf-8")
    assert main(["--db", str(db_path), "export", "-o", str(out)]) == 0
    close_database()
    assert out.read_text("utf-8") == old_config
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".config")] == []


@pytest.mark.sqlite_only("the SQLite file: WAL, page limits, file locks, damaged or newer files")
def test_a_damaged_database_is_one_stderr_line_naming_the_backup(db_path, old_config, capsys):
    from datetime import UTC, datetime

    from app.core.storage.backup import backup_database

    backup = backup_database(db_path, "daily", datetime(2025, 3, 12, 13, 0, tzinfo=UTC))
    db_path.write_bytes(b"garbage" * 1000)
    assert main(["--db", str(db_path), "export"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert "danificado" in err[0] and str(backup) in err[0]
    assert db_path.read_bytes() == b"garbage" * 1000


@pytest.mark.sqlite_only("the SQLite file: WAL, page limits, file locks, damaged or newer files")
def test_a_newer_database_is_one_stderr_line(db_path, old_config, capsys):
    from app.core.storage.migrations import LATEST_VERSION

    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO schema_version VALUES (?)", (LATEST_VERSION + 1,))
    con.commit()
    con.close()
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "versão mais nova do Atende" in err[0]
    assert db_path.read_bytes() == before


def test_a_read_only_folder_is_one_stderr_line(tmp_path, capsys):
    from tests.faults import read_only

    folder = tmp_path / "ro"
    folder.mkdir()
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "atende-config", "version": 2, "instances": []}')
    with read_only(folder):
        assert main(["--db", str(folder / "atende.sqlite3"), "import", str(empty)]) == 1
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and "não permite gravação" in err[0]
        assert list(folder.iterdir()) == []
