"""Start-up safety for the window: one Atende per database, and a database that cannot be
opened explained in Portuguese with the ways out (app.ui.dialogs.damaged_database).

A second launch on the same database finds the lock taken, asks the first process (through
a door named from the database path, app.ui.services.door) to bring its window forward, and
quits; when nobody answers it says clearly that Atende is already open with that database.
Nothing here creates or changes the database file unless the user chooses to restore a
backup (or to create a new database elsewhere).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app import __version__
from app.core.common.files import os_error_text
from app.core.storage.errors import (
    DatabaseOpenError,
    UnwritableDatabaseError,
    check_writable,
)
from app.core.storage.lock import FileLock, app_lock_path, lock_base
from app.i18n import _
from app.paths import DATABASE_URL_ENV, is_database_url, masked, save_database_choice

if TYPE_CHECKING:  # backups, Peewee and the door load after the window's first frame
    from app.ui.dialogs.damaged_database import CheckedBackup, Recovery
    from app.ui.services.door import PipeDoor, UnixDoor


def server_name(db_path: Path | str) -> str:
    import hashlib

    digest = hashlib.sha256(str(lock_base(db_path).resolve()).encode("utf-8")).hexdigest()
    return f"atende-{digest[:24]}"


def location(db_path: Path | str) -> Path | str:
    """A PostgreSQL URL stays a str; anything else is a file Path."""
    return db_path if is_database_url(db_path) else Path(db_path)


class SingleInstance(QObject):
    """The app lock of one database plus the door later launches knock on
    (app.ui.services.door)."""

    activation_requested = Signal()

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = location(db_path)
        self.lock = FileLock(app_lock_path(self.db_path))
        self.door: UnixDoor | PipeDoor | None = None

    def claim(self) -> bool:
        """Take the lock; False when another Atende has this database. `listen()` follows
        once the window is on screen (a later launch knocking before that is retried)."""
        return self.lock.acquire()

    def listen(self) -> None:
        """Answer the knocks of later launches on this database."""
        from app.ui.services.door import open_door

        if self.door is not None:
            return
        self.door = open_door(server_name(self.db_path), self)
        self.door.knocked.connect(self.activation_requested)
        self.door.listen()

    def ask_running_to_show(self, timeout_ms: int = 3000) -> bool:
        """Knock on the running Atende; True when it answered that it shows its window."""
        from app.ui.services.door import knock

        return knock(server_name(self.db_path), timeout_ms)

    def release(self) -> None:
        if self.door is not None:
            self.door.close()
            self.door = None
        self.lock.release()


def bring_forward(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class Session:
    """What `run_gui` does before the window exists. `start()` is False to quit, with
    `exit_code` set. Dialog methods are separate so tests can answer them."""

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        self.db_path = location(db_path)
        self.first_path = self.db_path
        self.single = SingleInstance(self.db_path, parent)
        self.exit_code = 0
        self.remember_choice = False  # run_gui: True unless --db or the environment chose
        self.recovery_choosers: dict = {}  # the recovery dialog's file dialogs (tests answer)
        self.dialog_parent: QWidget | None = None  # the window, once it is shown

    def start(self) -> bool:
        """`claim()`, `listen()` and `open()` as one call (the window splits them around
        its first frame: see app.ui.app.run_gui)."""
        if not self.claim():
            return False
        self.single.listen()
        return self.open()

    def claim(self) -> bool:
        """Take this database's app lock (a second Atende hands over to the first and
        quits). Cheap and Peewee-free, so it runs before the window is shown."""
        try:
            if isinstance(self.db_path, Path):
                check_writable(self.db_path)
            claimed = self.single.claim()
        except UnwritableDatabaseError as exc:
            return self._fail(str(exc))
        except OSError as exc:  # the lock file could not be created
            return self._fail(
                _("Could not create {path}: {error}").format(
                    path=app_lock_path(self.db_path), error=os_error_text(exc)
                )
            )
        if not claimed:
            if self.single.ask_running_to_show():
                return False
            pid = self.single.lock.holder_pid()
            return self._fail(
                _(
                    "Atende is already open with the database {path} (process {pid}). Use the "
                    "window that is open, or close it before opening Atende again."
                ).format(path=masked(self.db_path), pid=pid or "?"),
                title=_("Atende is already open"),
            )
        return True

    def open(self) -> bool:
        """Open the database; on failure explain it and offer the ways out (a backup, another
        file, a new database), until one opens or the user closes Atende."""
        from app.core.storage.backup import BackupError
        from app.core.storage.db import open_database

        logging.getLogger("atende").info(
            "Atende %s starting on %s", __version__, masked(self.db_path)
        )
        while True:
            try:
                open_database(self.db_path)
                self._remember()
                return True
            except DatabaseOpenError as exc:
                error = exc
            if not isinstance(self.db_path, Path):  # a server: no local backup to offer
                return self._fail(str(error))
            if isinstance(error, UnwritableDatabaseError):
                return self._fail(str(error))
            from app.core.storage.restore import restore_backup
            from app.ui.dialogs.damaged_database import QUIT, RESTORE

            choice = self.ask_recovery(error, checked_backups(self.db_path))
            if choice.action == QUIT:
                self.single.release()
                self.exit_code = 1
                return False
            if choice.action != RESTORE:  # another file, or a new one: its own lock
                if not self._switch_to(choice.path):
                    return False
                continue
            try:
                restore_backup(choice.backup.path, self.db_path)
                return True
            except BackupError as exc:
                self.show_error(_("The backup could not be restored"), str(exc))

    def _switch_to(self, path: Path) -> bool:
        self.single.release()
        self.db_path = path
        self.single = SingleInstance(path, self.single.parent())
        return self.claim()

    def _remember(self) -> None:
        """A file chosen in the recovery dialog is used from the next start too, as
        Arquivo → Banco de dados… would, unless --db or the environment chose the database
        (those win anyway)."""
        if self.remember_choice and self.db_path != self.first_path:
            save_database_choice(str(self.db_path))

    def attach(self, window: QWidget, context) -> None:
        """Once the window exists: later launches raise it; the daily backup runs."""
        from app.ui.services.backups import DailyBackup

        self.single.listen()
        self.single.activation_requested.connect(lambda: bring_forward(window))
        if not isinstance(self.db_path, Path):
            return  # a server is backed up with its own tools (README: team mode)
        self.daily_backup = DailyBackup(self.db_path, context.clock, window)
        self.daily_backup.failed.connect(lambda text: window.statusBar().showMessage(text))
        self.daily_backup.start()

    def _fail(self, message: str, title: str | None = None) -> bool:
        self.show_error(title or _("Atende cannot open the database"), message)
        self.single.release()
        self.exit_code = 1
        return False

    # -- dialogs (tests replace these on the instance) -----------------------------------
    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.dialog_parent, title, message)

    def ask_recovery(self, error: DatabaseOpenError, backups: list[CheckedBackup]) -> Recovery:
        from app.ui.dialogs.damaged_database import DamagedDatabaseDialog

        dialog = DamagedDatabaseDialog(
            self.db_path, error, backups, parent=self.dialog_parent, **self.recovery_choosers
        )
        dialog.exec()
        return dialog.choice


def checked_backups(db_path: Path) -> list[CheckedBackup]:
    """The backups beside the database, newest first, each with why it cannot be restored
    (None when it can)."""
    from app.core.storage.backup import BackupError, list_backups
    from app.core.storage.restore import verify_backup

    checked: list[CheckedBackup] = []
    for backup in list_backups(db_path):
        try:
            verify_backup(backup.path)
            checked.append((backup, None))
        except BackupError as exc:
            checked.append((backup, str(exc)))
    return checked


def chosen_in_window(cli_value: str | None) -> bool:
    """The database comes from Arquivo → Banco de dados… or the default (not --db or the
    environment): a file chosen at start-up may then be remembered."""
    return not any(
        value and value.strip()
        for value in (cli_value, os.environ.get(DATABASE_URL_ENV), os.environ.get("ATENDE_DB"))
    )
