"""The system tray: the watcher keeps closing inactive attendances with the window closed.

`close_action` decides what closing the window means (a pure function, tested on its own);
`Tray` holds the icon, its menu (watcher state, "Abrir Atende", "Sair") and the
notification shown when the watcher closes chats.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu, QMessageBox, QSystemTrayIcon

from app.core.chatwoot.state import troubled
from app.core.common.validation import Problem
from app.i18n import _, format_number, format_relative, ngettext
from app.ui.context import AppContext
from app.ui.icons import icon

NOTIFICATION_MS = 8000


class CloseAction(Enum):
    QUIT = "quit"  # nothing would keep working in the background: just close
    HIDE_TO_TRAY = "tray"  # the window goes away, the watcher goes on in the tray
    QUIT_WATCHER_STOPS = "stops"  # no tray: close, after saying the watcher stops


def close_action(
    *, tray_available: bool, watcher_running: bool, auto_close_enabled: bool
) -> CloseAction:
    """What closing the main window does.

    Only a watcher with something to do is worth keeping alive: auto-close must be on for
    at least one instance and this process must be the one running the watcher (a headless
    `atende watch` keeps going by itself).
    """
    if not (watcher_running and auto_close_enabled):
        return CloseAction.QUIT
    return CloseAction.HIDE_TO_TRAY if tray_available else CloseAction.QUIT_WATCHER_STOPS


def closed_notification(count: int) -> str:
    """ "3 atendimentos encerrados por inatividade" (gettext plural forms)."""
    return ngettext(
        "{count} attendance closed for inactivity",
        "{count} attendances closed for inactivity",
        count,
    ).format(count=format_number(count))


def watcher_status(
    *,
    running: bool,
    elsewhere: bool,
    auto_close_enabled: bool,
    next_due: datetime | None,
    now: datetime,
) -> str:
    """One line for the tray menu and tooltip."""
    if elsewhere:
        return _("Watcher running in another process (atende watch)")
    if not running:
        return _("Watcher stopped")
    if not auto_close_enabled:
        return _("Watcher on · automatic closing is off in every instance")
    if next_due is None:
        return _("Watcher on · no attendance waiting to be closed")
    if next_due <= now:
        return _("Watcher on · closing attendances now")
    return _("Watcher on · next closing {when}").format(when=format_relative(next_due - now))


def connection_line(instance: str, problem: Problem) -> str:
    """A paused (refused token) or failing Chatwoot connection, short for the tray."""
    if problem.warning:
        return _("{instance}: Chatwoot is not answering; its actions wait").format(
            instance=instance
        )
    return _("{instance}: the Chatwoot connection is paused (token refused)").format(
        instance=instance
    )


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """The tray icon of a running Atende; `open_requested` / `quit_requested` go to the window."""

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        app_icon = QApplication.windowIcon()
        self.icon = QSystemTrayIcon(app_icon if not app_icon.isNull() else QIcon(), self)
        self.menu = QMenu()
        self.status_action = QAction("", self.menu)
        self.status_action.setEnabled(False)
        self.menu.addAction(self.status_action)
        self.connection_actions: list[QAction] = []  # one per paused or failing connection
        self.paused: set[str] = set()
        self._newly_paused: list[str] = []
        self.separator = self.menu.addSeparator()
        self.open_action = QAction(icon("open"), _("Open Atende"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.menu.addAction(self.open_action)
        self.quit_action = QAction(icon("quit"), _("Quit"), self.menu)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.quit_action)
        self.icon.setContextMenu(self.menu)
        self.menu.aboutToShow.connect(self.refresh)
        self.icon.activated.connect(self._activated)
        watcher = getattr(context, "watcher", None)
        if watcher is not None:
            watcher.closed.connect(self.notify_closed)
        context.connections_changed.connect(self.refresh_connections)
        self.refresh()

    def status_text(self) -> str:
        from app.core.desktop import status  # the database layer: loaded after the first frame

        watcher = getattr(self.context, "watcher", None)
        return watcher_status(
            running=bool(getattr(watcher, "running", False)),
            elsewhere=bool(getattr(self.context, "watcher_elsewhere", False)),
            auto_close_enabled=status.auto_close_enabled_anywhere(),
            next_due=getattr(watcher, "next_due", None),
            now=self.context.clock.now(),
        )

    def refresh(self) -> None:
        text = self.status_text()
        self.status_action.setText(text)
        lines = self._show_connections()
        self.icon.setToolTip("\n".join(["Atende", text, *lines]))

    def _show_connections(self) -> list[str]:
        for action in self.connection_actions:
            self.menu.removeAction(action)
        found = troubled()
        lines = [connection_line(name, problem) for name, problem in found]
        self.connection_actions = []
        for line in lines:
            action = QAction(icon("warning", "warning"), line, self.menu)
            action.setEnabled(False)
            self.menu.insertAction(self.separator, action)
            self.connection_actions.append(action)
        paused = {name for name, problem in found if not problem.warning}
        # Kept until `refresh_connections` says them: a menu opened in between must not eat them.
        self._newly_paused = sorted(paused & ({*self._newly_paused} | (paused - self.paused)))
        self.paused = paused
        return lines

    def refresh_connections(self, *_args: object) -> None:
        """After a worker pass: say it once when a connection has just been paused."""
        self.refresh()
        for name in self._newly_paused:
            self.icon.showMessage(
                "Atende",
                connection_line(name, Problem("connection", "")),
                QSystemTrayIcon.MessageIcon.Warning,
                NOTIFICATION_MS,
            )
        self._newly_paused = []

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def notify_closed(self, count: int) -> None:
        self.refresh()
        self.icon.showMessage(
            "Atende",
            closed_notification(count),
            QSystemTrayIcon.MessageIcon.Information,
            NOTIFICATION_MS,
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()


def tray_notice_box(parent) -> QMessageBox:
    """ "O Atende continua rodando na bandeja do sistema", with "Não mostrar novamente"."""
    box = _notice_box(
        parent,
        QMessageBox.Icon.Information,
        _("Atende keeps running"),
        _("Atende keeps running in the system tray."),
        _(
            "The watcher goes on closing inactive attendances while the window is closed. "
            "Click the Atende icon in the tray to open the window again, or choose Quit in its "
            "menu to stop."
        ),
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def watcher_stops_box(parent) -> QMessageBox:
    """No tray: closing stops the watcher (Fechar / Cancelar, "Não mostrar novamente")."""
    box = _notice_box(
        parent,
        QMessageBox.Icon.Warning,
        _("Close Atende"),
        _("Closing the window stops the watcher."),
        _(
            "Inactive attendances are not closed automatically until you open Atende again. "
            "This desktop has no system tray to keep it running; to keep it always on, run "
            "“atende watch” in a terminal or as a service."
        ),
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def tray_notice(parent) -> bool:
    """Show the tray notice; True when the user ticked "Não mostrar novamente"."""
    box = tray_notice_box(parent)
    box.exec()
    hide_next_time = box.checkBox().isChecked()
    box.deleteLater()
    return hide_next_time


def watcher_stops_notice(parent) -> tuple[bool, bool]:
    """Ask before closing without a tray: (close anyway, "Não mostrar novamente")."""
    box = watcher_stops_box(parent)
    answer = box.exec()
    result = answer == QMessageBox.StandardButton.Close, box.checkBox().isChecked()
    box.deleteLater()
    return result


def _dont_show_again(box: QMessageBox) -> QCheckBox:
    # Parented: the box keeps it (an unparented one was deleted with its Python wrapper).
    check = QCheckBox(_("Don't show again"), box)
    check.setAccessibleName(_("Don't show again"))
    return check


def _notice_box(parent, icon: QMessageBox.Icon, title: str, text: str, details: str) -> QMessageBox:
    """A question about closing the window, with "Não mostrar novamente"."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(details)
    box.setCheckBox(_dont_show_again(box))
    return box
