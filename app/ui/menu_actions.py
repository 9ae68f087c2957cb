"""What the window's menus share: the instance the user is on, notes in
the status bar, reloading the window after a change, and the plain questions and messages.
Tests replace the questions (`confirm`, `show_problems`, `show_message`) on the instance."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.core.common.validation import Problem
from app.core.storage.db import storage_failure_message
from app.core.storage.models import Instance
from app.ui.dialogs.config_dialogs import ProblemsDialog
from app.ui.widgets.confirm import ask


class MenuActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context

    def current_instance(self) -> Instance | None:
        view = getattr(self.window, "instance_view", None)
        if view is not None:
            return Instance.get_or_none(Instance.id == view.instance_id)
        return self.window.home.selected()

    def say(self, text: str) -> None:
        """A note in the window's status bar."""
        self.window.statusBar().showMessage(text, 8000)

    # -- after a change -------------------------------------------------------------------
    def reload_window(self) -> None:
        """Show what is now stored: the same instance if it still exists, else Home."""
        view = getattr(self.window, "instance_view", None)
        current = view.instance_id if view is not None else None
        page_key = view.current_key() if view is not None else None
        self.window.go_home()
        self.window.home.reload()
        self.context.instances_changed.emit()
        for instance_id in Instance.select(Instance.id).tuples():
            self.context.settings_changed.emit(instance_id[0])
        self.context.chats_changed.emit(0)
        if current is not None and Instance.get_or_none(Instance.id == current):
            self.window.enter_instance(current)
            if page_key:  # back on the page the user was looking at
                self.window.instance_view.show_page(page_key)

    def _storage_failure(self, title: str, exc: Exception) -> bool:
        message = storage_failure_message(exc)
        if message is None:
            raise exc
        self.show_message(title, message, QMessageBox.Icon.Critical)
        return False

    def ask_leave_instance(self) -> bool:
        """Unsaved changes on the open page are saved or discarded first (or we stop)."""
        view = getattr(self.window, "instance_view", None)
        return view is None or view.confirm_leave()

    def show_problems(self, title: str, intro: str, problems: list[Problem], words=None) -> None:
        ProblemsDialog(title, intro, problems, self.window, words).exec()

    def confirm(self, title: str, text: str, action: str) -> bool:
        """`action` names the button ("Restaurar"); the other is Cancelar."""
        return ask(self.window, title, text, action)

    def show_message(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.exec()
