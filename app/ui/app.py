"""Start the GUI: QApplication, translations, style, the database, the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

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


ACCENT = "#128c7e"  # the teal of the style sheet; switches and selections use it too


def apply_style(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(palette)
    qss = resources_dir() / "style.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text("utf-8"))


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
    window.show()
    from app.ui import smoke  # ATENDE_SMOKE_EXIT_AFTER_MS, for packaging/smoke.sh

    smoke.arm(window)
    return app.exec()
