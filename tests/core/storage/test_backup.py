"""Backups: online copies, the daily rotation, verification and a safe restore."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.storage import backup as core
from app.core.storage.backup import (
    BackupError,
    backup_database,
    daily_backup_if_due,
    list_backups,
)
from app.core.storage.migrations import LATEST_VERSION
from app.core.storage.restore import latest_usable_backup, verify_backup

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file")

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


def test_checking_a_backup_leaves_nothing_beside_it(db_path, make_instance):
    make_instance("Loja Centro")
    path = backup_database(db_path, "daily", T0)
    assert verify_backup(path) == LATEST_VERSION
    assert latest_usable_backup(db_path).path == path
    # a WAL copy read read-only made -wal and -shm files next to every backup checked
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


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


def test_backup_error_removes_the_partial_file(db_path, db, monkeypatch):
    def failing_backup(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(core, "connect_readonly", failing_backup)
    with pytest.raises(BackupError, match="o disco está cheio"):
        backup_database(db_path, "daily", T0)
    assert list_backups(db_path) == []
