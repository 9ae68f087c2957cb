"""Restoring a backup: verified first, the replaced file kept, reopened and checked."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from app.core.storage.backup import BackupError, backup_database, list_backups
from app.core.storage.db import close_database, database
from app.core.storage.lock import watcher_lock_path
from app.core.storage.models import Instance
from app.core.storage.restore import restore_backup

pytestmark = pytest.mark.sqlite_only("restoring a backup of the SQLite file")

T0 = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)


def names(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM instance ORDER BY name")]
    finally:
        con.close()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_file(db_path, make_instance):
    make_instance("Loja Centro")
    saved = backup_database(db_path, "daily", T0)
    make_instance("Loja Norte")
    kept = restore_backup(saved, db_path, T0 + timedelta(hours=1))
    assert [i.name for i in Instance.select()] == ["Loja Centro"], "reopened and usable"
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kept.name == "atende-20250312-140000-before-restore.sqlite3"
    assert names(kept) == ["Loja Centro", "Loja Norte"]
    make_instance("Loja Sul")  # the restored database takes writes
    close_database()
    assert names(db_path) == ["Loja Centro", "Loja Sul"]


def test_restore_over_a_damaged_file_keeps_its_bytes(db_path, make_instance):
    make_instance("Loja Centro")
    saved = backup_database(db_path, "daily", T0)
    close_database()
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    garbage = b"\x00garbage" * 1000
    db_path.write_bytes(garbage)
    kept = restore_backup(saved, db_path, T0 + timedelta(hours=1))
    assert kept.read_bytes() == garbage
    assert names(db_path) == ["Loja Centro"]
    close_database()


def test_a_damaged_backup_is_refused_and_nothing_changes(db_path, make_instance, tmp_path):
    make_instance("Loja Centro")
    bad = tmp_path / "backups" / "atende-20250101-000000-daily.sqlite3"
    bad.parent.mkdir(exist_ok=True)
    good = backup_database(db_path, "daily", T0)
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(BackupError):
        restore_backup(bad, db_path, T0)
    assert [i.name for i in Instance.select()] == ["Loja Centro"]
    assert [b.reason for b in list_backups(db_path)] == ["daily", "daily"]


def test_restore_refuses_while_a_headless_watcher_holds_the_database(db_path, make_instance):
    make_instance("Loja Centro")
    saved = backup_database(db_path, "daily", T0)
    lock = watcher_lock_path(db_path)
    code = (
        "import sys; from app.core.storage.lock import FileLock;"
        f"l = FileLock({str(lock)!r}); assert l.acquire(); print('held', flush=True);"
        "sys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        with pytest.raises(BackupError, match="atende watch"):
            restore_backup(saved, db_path, T0)
        assert not database.is_closed(), "the open database was not touched"
    finally:
        child.kill()
        child.wait()
    restore_backup(saved, db_path, T0)  # a dead holder no longer blocks


def test_only_the_last_seven_replaced_files_are_kept(db_path, make_instance):
    make_instance("Loja Centro")
    saved = backup_database(db_path, "daily", T0)
    for n in range(9):
        restore_backup(saved, db_path, T0 + timedelta(hours=n + 1))
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert len(kept) == 7
    assert kept[0].at == T0 + timedelta(hours=9) and kept[-1].at == T0 + timedelta(hours=3)
    assert saved.exists()
