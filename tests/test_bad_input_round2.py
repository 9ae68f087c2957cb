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
from pathlib import Path

import pytest

from app.cli import main
from app.core.common.log_file import setup_logging
from app.core.storage import migrations
from app.core.storage.backup import list_backups
from app.core.storage.db import close_database, open_database
from app.core.storage.lock import FileLock, LockFileError, watcher_lock_path
from app.paths import (
    database_choice_path,
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
