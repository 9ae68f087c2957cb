"""The main window: Home, or the view of one instance, plus the menus."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from app.i18n import _
from app.ui.context import AppContext
from app.ui.file_menu import FileActions
from app.ui.home import HomePage
from app.ui.instance_view import InstanceView


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Atende")
        self.resize(1100, 720)
        self.setMinimumSize(860, 560)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home = HomePage(context)
        self.home.enter_requested.connect(self.enter_instance)
        self.stack.addWidget(self.home)
        self.instance_view: InstanceView | None = None
        self._build_menus()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.file_actions = FileActions(self, file_menu)  # export, import, copy, restore
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        from app.ui.database_dialog import add_database_action  # Arquivo → Banco de dados…
        add_database_action(self, file_menu)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About Atende"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_about(self) -> None:
        from app.ui.about import AboutDialog

        AboutDialog(self.context.db_path, self).exec()

    def enter_instance(self, instance_id: int) -> None:
        if not self.leave_instance():
            return
        self.instance_view = InstanceView(instance_id, self.context)
        self.instance_view.back_requested.connect(self.go_home)
        self.stack.addWidget(self.instance_view)
        self.stack.setCurrentWidget(self.instance_view)
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
        if self.leave_instance():
            self.home.reload()
            self.stack.setCurrentWidget(self.home)
            self.setWindowTitle("Atende")

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.leave_instance():
            event.accept()
        else:
            event.ignore()
