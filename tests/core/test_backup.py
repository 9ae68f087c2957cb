"""Backups: online copies, the daily rotation, verification and a safe restore."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core import backup as core
from app.core.backup import (
    BackupError,
    backup_database,
    daily_backup_if_due,
    latest_usable_backup,
    list_backups,
    restore_backup,
    verify_backup,
)
from app.core.db import close_database, database
from app.core.lock import watcher_lock_path
from app.core.migrations import LATEST_VERSION
from app.core.models import Instance

T0 = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)


def names(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM instance ORDER BY name")]
    finally:
        con.close()


def test_backup_holds_what_is_still_in_the_wal(db_path, make_instance):
    make_instance("Loja Centro")  # committed, but only in the -wal file so far
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0
    path = backup_database(db_path, "daily", T0)
    assert path.parent == db_path.parent / "backups"
    assert path.name == "atende-20250312-130000-daily.sqlite3"
    assert names(path) == ["Loja Centro"]
    assert verify_backup(path) == LATEST_VERSION


def test_list_is_newest_first_and_ignores_other_databases(db_path, db):
    first = backup_database(db_path, "daily", T0)
    second = backup_database(db_path, "before-v9", T0 + timedelta(hours=1))
    same_second = backup_database(db_path, "daily", T0)
    other = db_path.parent / "backups" / "atende-old-20250312-130000-daily.sqlite3"
    other.write_bytes(first.read_bytes())
    found = list_backups(db_path)
    assert [b.path for b in found][0] == second
    assert {b.path for b in found} == {first, second, same_second}
    assert found[0].at == T0 + timedelta(hours=1)
    assert found[0].reason == "before-v9"
    assert found[0].reason_label() == "Antes de atualizar o banco de dados (versão 9)"
    assert found[-1].reason_label() == "Backup diário"


def test_one_daily_backup_per_day_and_only_the_last_seven_kept(db_path, db):
    migration_backup = backup_database(db_path, "before-v2", T0 - timedelta(days=30))
    assert daily_backup_if_due(db_path, T0, tz=UTC) is not None
    assert daily_backup_if_due(db_path, T0 + timedelta(hours=10), tz=UTC) is None
    made = [daily_backup_if_due(db_path, T0 + timedelta(days=d), tz=UTC) for d in range(1, 10)]
    assert all(made)
    daily = [b for b in list_backups(db_path) if b.reason == "daily"]
    assert len(daily) == 7
    assert daily[0].at == T0 + timedelta(days=9)
    assert daily[-1].at == T0 + timedelta(days=3)
    assert migration_backup.exists(), "only daily backups rotate"


def test_the_day_is_counted_in_the_given_zone(db_path, db):
    sao_paulo = ZoneInfo("America/Sao_Paulo")
    evening = datetime(2025, 3, 12, 23, 30, tzinfo=UTC)  # 20:30 in São Paulo
    assert daily_backup_if_due(db_path, evening, tz=sao_paulo) is not None
    later = evening + timedelta(hours=2)  # a new day in UTC, still the 12th in São Paulo
    assert daily_backup_if_due(db_path, later, tz=sao_paulo) is None
    assert daily_backup_if_due(db_path, later, tz=UTC) is not None


def test_verify_refuses_garbage_and_newer_backups(db_path, db, tmp_path):
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"x" * 5000)
    with pytest.raises(BackupError, match="não é um banco de dados"):
        verify_backup(garbage)
    newer = backup_database(db_path, "daily", T0)
    con = sqlite3.connect(newer)
    con.execute("INSERT INTO schema_version VALUES (?)", (LATEST_VERSION + 1,))
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="versão mais nova"):
        verify_backup(newer)
    good = backup_database(db_path, "daily", T0 - timedelta(days=1))
    assert latest_usable_backup(db_path).path == good


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
        "import sys; from app.core.lock import FileLock;"
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


def test_backup_error_removes_the_partial_file(db_path, db, monkeypatch):
    def failing_backup(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(core, "_connect_readonly", failing_backup)
    with pytest.raises(BackupError, match="disk is full"):
        backup_database(db_path, "daily", T0)
    assert list_backups(db_path) == []
