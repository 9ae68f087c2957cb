"""Backups in the window: the daily backup while the app runs, and "Restaurar backup…".

The rules (when a backup is due, how many are kept, how a restore is made safe) live in
`app.core.storage.backup`; this module only drives them with a timer and shows them.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.clock import Clock
from app.core.storage.backup import Backup, BackupError, daily_backup_if_due, list_backups
from app.i18n import _, format_date, format_number, format_relative, format_time

CHECK_INTERVAL_MS = 60 * 60 * 1000  # an hour: a day is never missed while the app runs


class DailyBackup(QObject):
    """Asks core once at start and then every hour whether today's backup is due.

    The copy runs in a worker thread (a million chats take about a second to copy, a
    freeze the user would notice); SQLite's backup reads a consistent snapshot while the
    window keeps writing, and core serializes it with a restore. Results come back as
    queued signals.
    """

    made = Signal(Path)
    failed = Signal(str)

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.clock = clock
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_in_background)
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check_in_background)

    def check_in_background(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        self._worker = threading.Thread(target=self.check, name="atende-daily-backup", daemon=True)
        self._worker.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._worker is not None:
            self._worker.join(timeout)

    def check(self) -> Path | None:
        try:
            path = daily_backup_if_due(self.db_path, self.clock.now())
        except (BackupError, OSError) as exc:  # OSError: the backups folder unreadable
            logging.getLogger("atende").warning("daily backup failed: %s", exc)
            self.failed.emit(str(exc))
            return None
        if path is not None:
            logging.getLogger("atende").info("daily backup made: %s", path)
            self.made.emit(path)
        return path


def describe_backup(backup: Backup, now: datetime) -> str:
    """Two lines: "quarta-feira, 12 de março de 2025 às 10:00" and
    "Backup diário · há 2 dias · 96 KB" (the machine's local time)."""
    local = backup.at.astimezone()
    when = _("{date} at {time}").format(date=format_date(local, "full"), time=format_time(local))
    details = [backup.reason_label()]
    if now > backup.at:
        details.append(format_relative(backup.at - now))
    try:
        size = round(backup.path.stat().st_size / 1024)
        details.append(_("{size} KB").format(size=format_number(size)))
    except OSError:
        pass
    return f"{when}\n{' · '.join(details)}"


class RestoreBackupDialog(QDialog):
    """The backups of the database, newest first; `selected()` is the chosen one."""

    def __init__(
        self, db_path: Path, now: datetime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore backup"))
        self.setMinimumSize(620, 360)
        self.backups = list_backups(db_path)
        now = now or datetime.now(UTC)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        intro = QLabel(
            _(
                "Choose the copy to bring back. The database as it is now is kept as a copy "
                "(“Before a restore”), so a restore can be undone from this same list."
            ),
            objectName="hint",
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Backups of the database"))
        self.list.setSpacing(3)
        for backup in self.backups:
            item = QListWidgetItem(describe_backup(backup, now))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.empty = QLabel(
            _(
                "There is no backup of this database yet. Atende makes one "
                "every day while it is open, and before each update."
            ),
            objectName="emptyText",
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        self.list.setVisible(bool(self.backups))
        layout.addWidget(self.empty)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = box.addButton(
            _("Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("primary")
        self.restore_button.setAccessibleName(_("Restore this backup"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.list.currentRowChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.backups:
            self.list.setCurrentRow(0)
        self._update()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None
