"""The main window: Home, or the view of one instance, plus the menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from app.i18n import _
from app.ui.context import AppContext
from app.ui.home import HomePage
from app.ui.icons import icon
from app.ui.settings import Preferences

if TYPE_CHECKING:
    from app.ui.file_menu import FileActions
    from app.ui.help_window import HelpWindow
    from app.ui.instance_view import InstanceView
    from app.ui.services.tray import CloseAction, Tray
    from app.ui.welcome import WelcomePage


class MainWindow(QMainWindow):
    """Built in two steps so the window shows before the database opens: the constructor
    makes the frame (menus, Home without rows) and `load()` fills it. `load=True` (tests,
    a restored backup) does both at once; `run_gui` calls `load()` after the first frame."""

    loaded = Signal()

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        use_tray: bool | None = None,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.preferences = Preferences()
        self._quitting = False
        self._use_tray = use_tray
        self.is_loaded = False
        self.setWindowTitle("Atende")
        self.resize(1100, 720)
        self.setMinimumSize(860, 560)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home = HomePage(context, load=False)
        self.home.enter_requested.connect(self.enter_instance)
        self.stack.addWidget(self.home)
        self.instance_view: InstanceView | None = None
        self.help_window: HelpWindow | None = None  # Ajuda → Como usar o Atende, made when asked
        self.welcome: WelcomePage | None = None
        self._file_actions: FileActions | None = None
        self._build_menus()
        self.tray: Tray | None = None
        if load:
            self.load()

    def load(self) -> None:
        """Fill the window from the open database: the instances (or the welcome page on a
        first run), the File menu's actions and the tray icon."""
        if self.is_loaded:
            return
        self._fill_menus()
        self.home.reload()
        if not self.home.model.rows:
            self.show_welcome()
        from app.ui.services.tray import Tray, tray_available

        if tray_available() if self._use_tray is None else self._use_tray:
            self.tray = Tray(self.context, self)
            self.tray.open_requested.connect(self.bring_to_front)
            self.tray.quit_requested.connect(self.quit_app)
            self.tray.show()
            # The window may hide while the app goes on; only "Sair" ends it.
            QApplication.setQuitOnLastWindowClosed(False)
        self.is_loaded = True
        self.loaded.emit()

    def show_welcome(self) -> None:
        """First run (no instance yet): create the first one, or load the example data."""
        from app.ui.welcome import WelcomePage

        self.welcome = WelcomePage(self.context)
        self.welcome.instance_created.connect(self._first_instance_created)
        self.welcome.demo_loaded.connect(self._close_welcome)
        self.stack.addWidget(self.welcome)
        self.stack.setCurrentWidget(self.welcome)

    def _close_welcome(self) -> None:
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
        self.home.reload()
        self.stack.setCurrentWidget(self.home)

    def _first_instance_created(self, instance_id: int) -> None:
        self._close_welcome()
        self.home.reload(instance_id)
        self.enter_instance(instance_id)

    def _build_menus(self) -> None:
        # The menus are filled by load(), with the database open (none can be opened before).
        self.file_menu = self.menuBar().addMenu(_("&File"))
        self.tools_menu = self.menuBar().addMenu(_("&Tools"))
        self.help_menu = self.menuBar().addMenu(_("&Help"))

    def _fill_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        from app.ui.file_menu_entries import add_database_action, add_file_entries

        add_file_entries(self, self.file_menu)  # export, import, copy, restore
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_app)
        self.file_menu.addAction(quit_action)
        add_database_action(self, self.file_menu)
        preferences = QAction(icon("settings"), _("&Preferences…"), self)
        preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        if preferences.shortcut().isEmpty():  # Linux desktops have no standard key for it
            preferences.setShortcut(QKeySequence("Ctrl+,"))
        preferences.triggered.connect(self.show_preferences)
        self.tools_menu.addAction(preferences)
        guide = QAction(_("&How to use Atende"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        guide.triggered.connect(self.show_guide)
        self.help_menu.addAction(guide)
        about = QAction(_("&About Atende"), self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    @property
    def file_actions(self) -> FileActions:
        """What the File menu's entries do, loaded on first use (app.ui.file_menu_entries)."""
        if self._file_actions is None:
            from app.ui.file_menu import FileActions

            self._file_actions = FileActions(self)
        return self._file_actions

    def show_preferences(self) -> None:
        from app.ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(self.context.db_path, parent=self).exec()

    def show_guide(self) -> None:
        """Ajuda → Como usar o Atende (F1), at the section of the page on screen."""
        from app.ui.help_window import PAGE_SECTIONS, HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        view = self.instance_view if self.stack.currentWidget() is self.instance_view else None
        key = view.current_key() if view is not None else None
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        self.help_window.show_section(PAGE_SECTIONS.get(key or "", "instancias"))

    def show_about(self) -> None:
        from app.ui.dialogs.about import AboutDialog

        AboutDialog(self.context.db_path, self).exec()

    def enter_instance(self, instance_id: int) -> None:
        if not self.leave_instance():
            return
        from app.ui.instance_view import InstanceView

        self.instance_view = InstanceView(instance_id, self.context)
        self.instance_view.back_requested.connect(self.go_home)
        self.stack.addWidget(self.instance_view)
        self.stack.setCurrentWidget(self.instance_view)
        self.instance_view.nav.setFocus()  # keyboard users start in the list of pages
        self.setWindowTitle(f"{self.instance_view.name_label.text()} — Atende")

    def leave_instance(self) -> bool:
        """Close the instance view (asking about unsaved changes); False if cancelled."""
        if self.instance_view is None:
            return True
        if not self.instance_view.confirm_leave():
            return False
        self.stack.removeWidget(self.instance_view)
        self.instance_view.deleteLater()
        self.instance_view = None
        return True

    def go_home(self) -> None:
        if self.welcome is not None:  # e.g. a configuration imported from the File menu
            self._close_welcome()
        if self.leave_instance():
            self.home.reload()
            self.stack.setCurrentWidget(self.home)
            self.setWindowTitle("Atende")

    # -- closing: to the tray, or for good ----------------------------------------------------
    def bring_to_front(self) -> None:
        from PySide6.QtCore import Qt

        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Sair (menu or tray): end Atende, watcher included, after the unsaved-changes guard."""
        self._quitting = True
        if not self.isVisible():
            self.bring_to_front()  # the unsaved-changes question needs the window
        if not self.close():
            self._quitting = False

    def close_action(self) -> CloseAction:
        from app.core.desktop.status import auto_close_enabled_anywhere
        from app.ui.services.tray import close_action

        watcher = getattr(self.context, "watcher", None)
        return close_action(
            tray_available=self.tray is not None,
            watcher_running=bool(getattr(watcher, "running", False)),
            auto_close_enabled=auto_close_enabled_anywhere(),
        )

    def ask_tray_notice(self) -> bool:
        from app.ui.services.tray import tray_notice

        return tray_notice(self)

    def ask_watcher_stops(self) -> tuple[bool, bool]:
        from app.ui.services.tray import watcher_stops_notice

        return watcher_stops_notice(self)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.is_loaded:  # closed before the database opened: nothing to guard
            event.accept()
            return
        from app.ui.services.tray import CloseAction

        action = CloseAction.QUIT if self._quitting else self.close_action()
        if action is CloseAction.HIDE_TO_TRAY:
            event.ignore()
            if self.instance_view is not None and not self.instance_view.confirm_leave():
                return
            if not self.preferences.tray_notice_hidden and self.ask_tray_notice():
                self.preferences.tray_notice_hidden = True
            self.hide()
            return
        if action is CloseAction.QUIT_WATCHER_STOPS and not self.preferences.no_tray_notice_hidden:
            close_anyway, hide_next_time = self.ask_watcher_stops()
            if hide_next_time and close_anyway:
                self.preferences.no_tray_notice_hidden = True
            if not close_anyway:
                event.ignore()
                return
        if not self.leave_instance():
            event.ignore()
            self._quitting = False
            return
        event.accept()
        if self.tray is not None:
            self.tray.hide()
            QApplication.quit()
