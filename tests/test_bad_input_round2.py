"""The catalogue of hostile input, round two (issue 18): files and faults around the database.

Planted links and odd files next to the database, passwords in URLs and logs, partial
backups, empty files, two processes migrating at once. Each case failed before its fix.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core.common.log_file import setup_logging
from app.core.storage import backup as backup_module
from app.core.storage import migrations
from app.core.storage.backup import (
    BackupError,
    backup_database,
    backups_dir,
    daily_backup_if_due,
    list_backups,
    prune_backups,
)
from app.core.storage.db import CorruptDatabaseError, close_database, open_database
from app.core.storage.lock import FileLock, LockFileError, use_lock_path, watcher_lock_path
from app.core.storage.restore import verify_backup
from app.paths import (
    database_choice_path,
    default_db_path,
    is_database_url,
    mask_secrets,
    masked,
    save_database_choice,
    saved_database_choice,
)
from tests.commands.cli_fixture import atende  # noqa: F401 - a fixture
from tests.core.storage.test_migration_paths import make_old_database

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.sqlite_only("files beside a SQLite database")


# -- item 2: lock files and database.json never follow a planted link ----------------------


def test_a_link_planted_at_the_watcher_lock_is_refused_and_its_target_untouched(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("do not touch")
    lock_path = watcher_lock_path(tmp_path / "atende.sqlite3")
    lock_path.symlink_to(target)
    with pytest.raises(LockFileError, match="não é um arquivo comum"):
        FileLock(lock_path).acquire()
    assert target.read_text() == "do not touch"
    assert FileLock(lock_path).holder_pid() is None


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    lock_path = watcher_lock_path(tmp_path / "atende.sqlite3")
    os.mkfifo(lock_path) if kind == "fifo" else lock_path.mkdir()
    with pytest.raises(LockFileError):
        FileLock(lock_path).acquire()


def test_watch_refuses_a_planted_lock_link_with_a_message(atende, db_path, tmp_path):  # noqa: F811
    open_database(db_path)
    close_database()
    target = tmp_path / "precious.txt"
    target.write_text("do not touch")
    watcher_lock_path(db_path).symlink_to(target)
    code, _out, err = atende("watch", "--once", "--now", "2025-03-12T13:00:00Z")
    assert code == 1
    assert "não é um arquivo comum" in err and "Traceback" not in err
    assert target.read_text() == "do not touch"


def test_the_saved_database_choice_replaces_a_planted_link_instead_of_following_it(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("do not touch")
    choice = database_choice_path()
    choice.parent.mkdir(parents=True, exist_ok=True)
    choice.unlink(missing_ok=True)
    choice.symlink_to(target)
    try:
        assert saved_database_choice() is None  # a link is not read either
        save_database_choice(str(tmp_path / "outro.sqlite3"))
        assert target.read_text() == "do not touch"
        assert not choice.is_symlink()
        assert oct(choice.stat().st_mode & 0o777) == oct(0o600)
        assert saved_database_choice() == str(tmp_path / "outro.sqlite3")
    finally:
        save_database_choice(None)


# -- item 3: passwords never in clear on stderr or in the log; the log is private ----------

SECRET = "segredo-123"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://ana@db.example/atende?password={SECRET}",
        f"postgresql://ana@db.example/atende?sslmode=require&PASSWORD={SECRET}#x",
        f"postgresql://ana:{SECRET}@db.example:5432/atende",
        f"postgres://ana:{SECRET}@[::1/atende",  # not even a valid URL
        f"host=db.example user=ana password='{SECRET}' dbname=atende",
    ],
)
def test_every_password_form_is_masked(url):
    assert SECRET not in mask_secrets(url)
    assert SECRET not in masked(url) or not is_database_url(url)
    assert "ana" in mask_secrets(url)  # only the password goes


def test_a_refused_server_is_told_without_the_password(capsys):
    pytest.importorskip("psycopg2")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://ana@127.0.0.1:{port}/atende?password={SECRET}"
    assert main(["--db", url, "export"]) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL" in err and "password=***" in err
    assert SECRET not in err


def test_the_log_is_private_and_masks_passwords(tmp_path):
    log_file = tmp_path / "logs" / "atende.log"
    logger = setup_logging(log_file)
    try:
        try:
            raise RuntimeError(f"could not use postgresql://ana:{SECRET}@db/atende")
        except RuntimeError:
            logger.exception("failure on %s", f"postgresql://ana@db/x?password={SECRET}")
        for handler in logger.handlers:
            handler.flush()
        text = log_file.read_text("utf-8")
        assert "RuntimeError" in text and SECRET not in text
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
        logger.handlers[0].doRollover()
        rolled = log_file.with_name("atende.log.1")
        assert stat.S_IMODE(rolled.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()


def test_an_old_world_readable_log_is_narrowed(tmp_path):
    log_file = tmp_path / "logs" / "atende.log"
    log_file.parent.mkdir(mode=0o755)
    log_file.write_text("old\n")
    log_file.chmod(0o644)
    logger = setup_logging(log_file)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


# -- item 5: processes opening a new or older database at once ------------------------------


def open_together(path, workers: int = 6) -> list[str]:
    """Start `workers` processes, let them open `path` at the same moment, their answers."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.open_worker", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return [proc.communicate(timeout=60)[0].strip() for proc in procs]


@pytest.mark.parametrize("attempt", range(2))
def test_processes_creating_one_new_database_at_once_all_open_it(tmp_path, attempt):
    path = tmp_path / "atende.sqlite3"
    assert open_together(path) == ["ok"] * 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atende.sqlite3"]  # no leftovers
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("attempt", range(2))
def test_processes_opening_an_older_database_at_once_migrate_it_once(tmp_path, attempt):
    path = tmp_path / "atende.sqlite3"
    make_old_database(path, 3)
    assert open_together(path) == ["ok"] * 6
    [backup] = list_backups(path)
    assert backup.reason == f"before-v{migrations.LATEST_VERSION}"
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST_VERSION
        assert db.execute_sql("SELECT count(*) FROM schema_version").fetchone()[0] == (
            migrations.LATEST_VERSION
        )
    finally:
        close_database()


# -- item 8: a backup cut by a crash never counts as one -------------------------------------

T0 = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)


def test_a_backup_is_written_under_another_name_until_complete(db_path, db, monkeypatch):
    seen = []
    real = backup_module.restrict_to_owner

    def spy(path):  # runs after the copy's file is created, before any page is copied
        seen.append(list_backups(db_path))
        real(path)

    monkeypatch.setattr(backup_module, "restrict_to_owner", spy)
    made = daily_backup_if_due(db_path, T0)
    assert seen == [[]], "a half-written copy was visible as a backup"
    assert [b.path for b in list_backups(db_path)] == [made]
    assert not list(made.parent.glob(".*"))


@pytest.mark.parametrize("cut", ["empty", "half", "hot-journal"])
def test_a_cut_daily_backup_does_not_count_as_todays(db_path, db, make_instance, cut):
    make_instance("Loja Centro")
    good = backup_database(db_path, "daily", T0 - timedelta(days=1))
    leftover = backups_dir(db_path) / "atende-20250312-120000-daily.sqlite3"
    data = good.read_bytes()
    if cut == "empty":
        leftover.write_bytes(b"")
    elif cut == "half":
        leftover.write_bytes(data[: len(data) // 2 + 100])
    else:
        leftover.write_bytes(data)
        leftover.with_name(leftover.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9" * 128)
    made = daily_backup_if_due(db_path, T0)
    assert made is not None and made != leftover
    assert verify_backup(made)


def test_cut_backups_are_not_counted_among_the_seven_kept(db_path, db):
    for day in range(1, 8):
        backup_database(db_path, "daily", T0 - timedelta(days=day))
    for day in range(8, 11):  # three newer-looking but empty files
        (backups_dir(db_path) / f"atende-202503{12 + day}-000000-daily.sqlite3").write_bytes(b"")
    prune_backups(db_path, "daily", 7)
    usable = [b for b in list_backups(db_path) if backup_module.is_usable(b.path)]
    assert len(usable) == 7


def test_a_stale_partial_copy_is_cleaned_at_the_next_daily_backup(db_path, db):
    folder = backups_dir(db_path)
    folder.mkdir(exist_ok=True)
    stale = folder / ".atende-20250311-130000-daily.sqlite3.partial"
    fresh = folder / ".atende-20250312-125959-daily.sqlite3.partial"
    stale.write_bytes(b"SQLite format 3\x00")
    fresh.write_bytes(b"SQLite format 3\x00")
    os.utime(stale, (1, 1))
    daily_backup_if_due(db_path, T0)
    assert not stale.exists() and fresh.exists()  # another process may still be writing it


# -- item 9: an empty file is not a database (SPEC §11) ---------------------------------------


def test_an_empty_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "atende.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(CorruptDatabaseError, match=r"vazio \(0 bytes\)"):
        open_database(path)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atende.sqlite3"]


@pytest.mark.parametrize("command", [["check"], ["import", "config.json"]])
def test_commands_refuse_an_empty_database_file(tmp_path, capsys, command):
    path = tmp_path / "atende.sqlite3"
    path.write_bytes(b"")
    (tmp_path / "config.json").write_text(
        '{"format": "atende-config", "version": 2, "instances": []}'
    )
    code = main(
        ["--db", str(path), *[str(tmp_path / c) if c.endswith(".json") else c for c in command]]
    )
    assert code == 1
    assert "vazio (0 bytes)" in capsys.readouterr().err
    assert path.read_bytes() == b""


# -- item 15: commands that need data never create a database; --db "" is an error -----------

NEEDS_DATA = [
    ["export"],
    ["check"],
    ["history"],
    ["chats", "list", "--instance", "Loja"],
    ["chats", "import", "{tmp}/chats.jsonl", "--instance", "Loja"],
    ["simulate", "--instance", "Loja", "--at", "2025-03-12T13:00:00Z"],
    ["render", "--instance", "Loja", "/ola"],
    ["templates", "export", "--instance", "Loja"],
    ["templates", "import", "{tmp}/t.csv", "--instance", "Loja"],
    ["watch", "--once"],
    ["connection", "show"],
    ["sync"],
]


@pytest.mark.parametrize("command", NEEDS_DATA, ids=lambda c: " ".join(c[:2]))
def test_a_command_on_a_missing_database_file_is_exit_2_and_creates_nothing(
    tmp_path, capsys, command
):
    (tmp_path / "chats.jsonl").write_text("")
    (tmp_path / "t.csv").write_text("title,shortcut,category,content\n")
    before = sorted(tmp_path.iterdir())
    path = tmp_path / "novo" / "atende.sqlite3"
    argv = [c.format(tmp=tmp_path) for c in command]
    assert main(["--db", str(path), *argv]) == 2
    assert f"{path}: arquivo não encontrado" in capsys.readouterr().err
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_db_option_is_an_error_not_the_default_database(capsys, value):
    default = default_db_path()
    existed = default.exists()
    with pytest.raises(SystemExit) as stop:
        main(["--db", value, "import", "/dev/null"])
    assert stop.value.code == 2
    assert "--db" in capsys.readouterr().err
    assert default.exists() == existed


# -- item 17: a restore never swaps the file under a command that has it open ----------------


def test_restore_waits_for_a_command_that_has_the_database_open(db_path, db, tmp_path):
    from app.core.storage.restore import restore_backup

    saved = backup_database(db_path, "daily", T0)
    code = (
        "import argparse, sys; from app.commands.base import open_db;"
        f"open_db(argparse.Namespace(db={str(db_path)!r})); print('open', flush=True);"
        "sys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        before = db_path.stat().st_ino
        with pytest.raises(BackupError, match="está usando este banco de dados"):
            restore_backup(saved, db_path, T0)
        assert db_path.stat().st_ino == before  # not swapped
    finally:
        child.kill()
        child.wait()
    restore_backup(saved, db_path, T0)  # once the command is gone


def test_a_command_started_during_a_restore_is_refused(db_path, db, tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "atende-config", "version": 2, "instances": []}')
    restoring = FileLock(use_lock_path(db_path))
    assert restoring.acquire()
    try:
        assert main(["--db", str(db_path), "import", str(empty)]) == 1
        assert "sendo restaurado" in capsys.readouterr().err
    finally:
        restoring.release()


def test_commands_release_the_database_when_they_end(db_path, db, capsys):
    assert main(["--db", str(db_path), "check"]) == 0
    restoring = FileLock(use_lock_path(db_path))
    assert restoring.acquire()  # nothing still held by the finished command
    restoring.release()
