"""Start-up safety for the window: one Atende per database, and a database that cannot be
opened explained in Portuguese with the offer to restore the latest backup.

A second launch on the same database finds the lock taken, asks the first process (over a
local socket named from the database path) to bring its window forward, and quits; when
nobody answers it says clearly that Atende is already open with that database. Nothing here
creates or changes the database file unless the user chooses to restore a backup.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app import __version__
from app.core.storage.errors import (
    DatabaseOpenError,
    NewerSchemaError,
    UnwritableDatabaseError,
    check_writable,
)
from app.core.storage.lock import FileLock, app_lock_path, lock_base
from app.i18n import _, format_datetime
from app.paths import is_database_url, masked

if TYPE_CHECKING:  # backups, Peewee and QtNetwork load after the window's first frame
    from PySide6.QtNetwork import QLocalServer

    from app.core.storage.backup import Backup

SHOW = b"show\n"
ACK = b"ok\n"
RESTORE_LATEST = "latest"
CHOOSE_BACKUP = "choose"
QUIT = "quit"


def server_name(db_path: Path | str) -> str:
    import hashlib

    digest = hashlib.sha256(str(lock_base(db_path).resolve()).encode("utf-8")).hexdigest()
    return f"atende-{digest[:24]}"


def location(db_path: Path | str) -> Path | str:
    """A PostgreSQL URL stays a str; anything else is a file Path."""
    return db_path if is_database_url(db_path) else Path(db_path)


class SingleInstance(QObject):
    """The app lock of one database plus the socket that later launches knock on."""

    activation_requested = Signal()

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = location(db_path)
        self.lock = FileLock(app_lock_path(self.db_path))
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the lock; False when another Atende has this database. `listen()` follows
        once the window is on screen (a later launch knocking before that is retried)."""
        return self.lock.acquire()

    def listen(self) -> None:
        """Answer the knocks of later launches on this database."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        name = server_name(self.db_path)
        QLocalServer.removeServer(name)  # a socket left by a killed process
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)
        self.server.listen(name)

    def _accept(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket.readLine().data() == SHOW:
            socket.write(ACK)
            socket.flush()
            self.activation_requested.emit()

    def ask_running_to_show(self, timeout_ms: int = 3000) -> bool:
        """Knock on the running Atende; True when it answered that it shows its window.
        A first launch that is still starting does not listen yet: knock again until
        `timeout_ms` has passed."""
        from PySide6.QtCore import QDeadlineTimer, QThread
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(timeout_ms)
        socket = QLocalSocket()
        while True:
            socket.connectToServer(server_name(self.db_path))
            if socket.waitForConnected(max(0, deadline.remainingTime())):
                break
            if deadline.hasExpired():
                return False
            QThread.msleep(50)
        socket.write(SHOW)
        remaining = max(0, deadline.remainingTime())
        if not socket.waitForBytesWritten(remaining) or not socket.waitForReadyRead(remaining):
            return False
        answered = socket.readLine().data() == ACK
        socket.disconnectFromServer()
        return answered

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
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
        self.single = SingleInstance(self.db_path, parent)
        self.exit_code = 0
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
                    path=app_lock_path(self.db_path), error=exc.strerror
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
        """Open the database; on failure explain it and offer a backup, until it opens."""
        from app.core.storage.backup import BackupError, list_backups
        from app.core.storage.db import open_database
        from app.core.storage.restore import latest_usable_backup, restore_backup

        logging.getLogger("atende").info(
            "Atende %s starting on %s", __version__, masked(self.db_path)
        )
        while True:
            try:
                open_database(self.db_path)
                return True
            except DatabaseOpenError as exc:
                error = exc
            if not isinstance(self.db_path, Path):  # a server: no local backup to offer
                return self._fail(str(error))
            if isinstance(error, UnwritableDatabaseError):
                return self._fail(str(error))
            latest = latest_usable_backup(self.db_path)
            choice = self.ask_recovery(error, latest, bool(list_backups(self.db_path)))
            if choice == QUIT:
                self.single.release()
                self.exit_code = 1
                return False
            backup = latest if choice == RESTORE_LATEST else self.choose_backup()
            if backup is None:
                continue
            try:
                restore_backup(backup.path, self.db_path)
                return True
            except BackupError as exc:
                self.show_error(_("The backup could not be restored"), str(exc))

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

    def ask_recovery(
        self, error: DatabaseOpenError, latest: Backup | None, any_backup: bool
    ) -> str:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.dialog_parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Atende cannot open the database"))
        box.setText(str(error))
        if isinstance(error, NewerSchemaError):
            advice = _(
                "The best way out is to update Atende. Restoring an older backup loses "
                "what was done after it."
            )
        else:
            advice = _(
                "You can restore an automatic backup (the current file is kept as a copy "
                "first), or close Atende and open another file with --db."
            )
        if latest is None:
            advice += " " + _("There is no usable automatic backup of this database.")
        box.setInformativeText(advice)
        buttons = {}
        if latest is not None:
            label = _("Restore the backup of {date}").format(
                date=format_datetime(latest.at.astimezone())
            )
            buttons[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = RESTORE_LATEST
        if any_backup:
            buttons[box.addButton(_("Choose a backup…"), QMessageBox.ButtonRole.ActionRole)] = (
                CHOOSE_BACKUP
            )
        quit_button = box.addButton(_("Close Atende"), QMessageBox.ButtonRole.RejectRole)
        buttons[quit_button] = QUIT
        box.setEscapeButton(quit_button)
        box.exec()
        return buttons.get(box.clickedButton(), QUIT)

    def choose_backup(self) -> Backup | None:
        from app.ui.dialogs.restore_backup import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.db_path, parent=self.dialog_parent)
        return dialog.selected() if dialog.exec() else None
