"""The daily backup timer and the "Restaurar backup" list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.core.storage import backup as core
from app.core.storage.backup import backup_database, list_backups
from app.i18n import format_date
from app.ui.dialogs.restore_backup import RestoreBackupDialog, describe_backup
from app.ui.services.backups import DailyBackup

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file")


def test_daily_backup_once_a_day_from_the_timer(db, db_path, clock, qtbot):
    service = DailyBackup(db_path, clock)
    with qtbot.waitSignal(service.made, timeout=2000):
        service.start()  # the first check runs right after start
    assert service.timer.isActive() and service.timer.interval() == 3_600_000
    assert service.check() is None, "already made today"
    clock.advance(timedelta(days=1))
    assert service.check() is not None
    assert [b.reason for b in list_backups(db_path)] == ["daily", "daily"]


def test_a_backup_made_gives_its_memory_back(db, db_path, clock, monkeypatch):
    """The copy's page caches (~4 MiB) were kept by the window after the first start of
    each day (bench/memory.py); nothing due, nothing to give back."""
    calls = []
    monkeypatch.setattr("app.ui.services.backups.give_back", lambda: calls.append(1))
    service = DailyBackup(db_path, clock)
    assert service.check() is not None and calls == [1]
    assert service.check() is None and calls == [1]


def test_a_failed_daily_backup_is_signalled_not_raised(db, db_path, clock, qtbot, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise core.BackupError("O disco está cheio")

    monkeypatch.setattr("app.ui.services.backups.daily_backup_if_due", refuse)
    service = DailyBackup(db_path, clock)
    with qtbot.waitSignal(service.failed, timeout=1000) as blocker:
        service.check()
    assert blocker.args == ["O disco está cheio"]


def test_backups_are_described_in_portuguese(db, db_path):
    at = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
    path = backup_database(db_path, "daily", at)
    [backup] = list_backups(db_path)
    text = describe_backup(backup, at + timedelta(days=2))
    first, second = text.split("\n")
    assert first == f"{format_date(at.astimezone(), 'full')} às " + at.astimezone().strftime(
        "%H:%M"
    )
    assert "de março de 2025" in first
    assert second.startswith("Backup diário · há 2 dias · ")
    assert second.endswith(" KB") and path.exists()


def test_the_restore_list_is_newest_first_and_selects_it(db, db_path, qtbot):
    at = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
    backup_database(db_path, "daily", at)
    backup_database(db_path, "before-v2", at + timedelta(days=1))
    dialog = RestoreBackupDialog(db_path, at + timedelta(days=3))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "Antes de atualizar o banco de dados (versão 2)" in dialog.list.item(0).text()
    assert dialog.selected().reason == "before-v2"
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_button.text() == "Restaurar este backup"
    dialog.list.setCurrentRow(1)
    assert dialog.selected().reason == "daily"


def test_no_backup_yet_is_said_plainly(db, db_path, qtbot):
    dialog = RestoreBackupDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.selected() is None
    assert not dialog.restore_button.isEnabled()
    assert dialog.empty.text().startswith("Ainda não há backup")
