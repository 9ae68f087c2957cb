"""The daily backup while the window runs (the list to restore is dialogs.restore_backup).

The rules (when a backup is due, how many are kept) live in `app.core.storage.backup`; this
module only drives them with a timer.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.common.clock import Clock
from app.core.storage.backup import BackupError, daily_backup_if_due
from app.ui.services.malloc import give_back

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
            give_back()
            self.made.emit(path)
        return path
