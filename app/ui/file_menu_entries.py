"""The File menu's entries, made with the window. What they do (`app.ui.file_menu`, its
dialogs, the core's config file, transfer and chats import: ~30 modules and their Qt
classes, ~1 MiB) loads on the first click (`MainWindow.file_actions`), not with every
window (bench/memory.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.i18n import N_, _

# (label, the FileActions method it calls); None is a separator
ENTRIES = (
    (N_("&Export configuration…"), "export_config"),
    (N_("&Import configuration…"), "import_config"),
    (N_("Import &attendances…"), "import_chats"),
    (N_("&Copy settings to another instance…"), "copy_settings"),
    None,
    (N_("&Restore backup…"), "restore_backup"),
    None,
)


def add_file_entries(window: QMainWindow, menu: QMenu) -> dict[str, QAction]:
    """The entries by method name; `window` is the MainWindow (its `file_actions`)."""
    actions: dict[str, QAction] = {}
    for entry in ENTRIES:
        if entry is None:
            menu.addSeparator()
            continue
        label, method = entry
        action = QAction(_(label), window)
        action.triggered.connect(lambda _checked=False, m=method: getattr(window.file_actions, m)())
        menu.addAction(action)
        actions[method] = action
    # Backups are of a SQLite file; a shared server is backed up with its own tools.
    actions["restore_backup"].setEnabled(isinstance(window.context.db_path, Path))
    return actions


def add_database_action(window: QMainWindow, menu: QMenu) -> QAction:
    """Arquivo → Banco de dados…, just above Sair (app.ui.dialogs.database_dialog)."""
    action = QAction(_("&Database…"), window)
    action.triggered.connect(lambda: open_database_dialog(window))
    quit_action = menu.actions()[-1] if menu.actions() else None
    menu.insertAction(quit_action, action)
    if quit_action is not None:
        menu.insertSeparator(quit_action)
    return action


def open_database_dialog(window: QMainWindow) -> None:
    from app.ui.dialogs.database_dialog import DatabaseDialog

    DatabaseDialog(window.context.db_path, window).exec()
