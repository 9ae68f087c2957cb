"""Start the GUI: QApplication, translations, style, the database, the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.paths import resolve_db_path, resources_dir


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Atende")
    app.setOrganizationName("Atende")
    app.setDesktopFileName("atende")
    QLocale.setDefault(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
    install_qt_translations(app)
    apply_style(app)
    icon = resources_dir() / "atende.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_qt_translations(app: QApplication) -> None:
    """Qt's own strings (dialog buttons) in Portuguese, from PySide6's qtbase_pt_BR.qm."""
    if getattr(app, "_atende_translator", None) is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_pt_BR", folder):
        app.installTranslator(translator)
        app._atende_translator = translator  # keep it alive


def apply_style(app: QApplication) -> None:
    """Fusion + the theme's palette and style sheet; the user's choice from QSettings."""
    from app.ui.preferences import Preferences
    from app.ui.theme import ThemeManager, theme_manager

    manager = theme_manager(app) or ThemeManager(app, Preferences().theme)
    manager.apply()


def run_gui(args: argparse.Namespace) -> int:
    from app.ui.context import AppContext
    from app.ui.crash import CrashReporter
    from app.ui.main_window import MainWindow
    from app.ui.startup import Session

    app = create_application()
    CrashReporter().install()
    path = resolve_db_path(args.db)
    session = Session(path, app)  # one Atende per database; a bad file explained
    if not session.start():
        return session.exit_code
    if getattr(args, "demo", False):
        from app.core.clock import SystemClock
        from app.core.demo import populate_if_empty

        populate_if_empty(SystemClock())
    context = AppContext(db_path=path)
    from app.ui.watcher import start_watcher

    start_watcher(context)  # unless a headless `atende watch` already runs for this DB
    from app.ui.change_poller import start_change_poller

    start_change_poller(context)  # what other desks and commands save shows up here
    window = MainWindow(context)
    session.attach(window, context)
    if not getattr(args, "minimized", False):
        window.show()
    elif window.tray is None:
        window.showMinimized()
    # else: started with the system, the window stays in the tray until asked for
    from app.ui import smoke  # ATENDE_SMOKE_EXIT_AFTER_MS, for packaging/smoke.sh

    smoke.arm(window)
    return app.exec()
