"""Start the GUI: QApplication, translations, style, the database, the main window."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.i18n import _
from app.paths import is_database_url, resolve_db_path, resources_dir
from app.ui.qt_gaps import QtGapsTranslator

if TYPE_CHECKING:
    from argparse import Namespace  # or the SimpleNamespace of app.__main__.window_options


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    created = app is None
    if app is None:  # Fusion from the start, the style every theme is drawn on
        app = QApplication([*(argv or sys.argv[:1]), "-style", "Fusion"])
    app.setApplicationName("Atende")
    app.setOrganizationName("Atende")
    app.setDesktopFileName("atende")
    QLocale.setDefault(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
    install_qt_translations(app)
    apply_style(app, fusion=created)
    icon = resources_dir() / "atende.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_qt_translations(app: QApplication) -> None:
    """Qt's own strings (dialog buttons) in Portuguese, from PySide6's qtbase_pt_BR.qm and,
    for the few it lacks (the file dialog's "Look in:"), `qt_gaps`."""
    if getattr(app, "_atende_qt_gaps", None) is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_pt_BR", folder):
        app.installTranslator(translator)
        app._atende_translator = translator  # keep it alive
    gaps = QtGapsTranslator(app)  # asked first: the strings the catalogue lacks
    app.installTranslator(gaps)
    app._atende_qt_gaps = gaps


def apply_style(app: QApplication, fusion: bool = False) -> None:
    """Fusion + the theme's palette and style sheet; the user's choice from QSettings."""
    from app.ui.settings import Preferences
    from app.ui.theme import ThemeManager, theme_manager

    manager = theme_manager(app)
    if manager is None:
        preferences = Preferences()
        manager = ThemeManager(app, preferences.theme, fusion, preferences.last_system_scheme)
        manager.system_seen.connect(remember_desktop_scheme)
    manager.apply()


def remember_desktop_scheme(scheme: str) -> None:
    """For the next start's first frame (see ThemeManager's `last_system`)."""
    from app.ui.settings import Preferences

    preferences = Preferences()
    if preferences.last_system_scheme != scheme:
        preferences.last_system_scheme = scheme


def follow_desktop_scheme() -> None:
    """After the first frame: ask the desktop for its color scheme (the frame used the one
    seen last time), restyle if it changed; remember_desktop_scheme keeps it for next time."""
    from app.ui.theme import theme_manager

    manager = theme_manager()
    if manager is not None:
        manager.follow_system()


def run_gui(args: Namespace) -> int:
    """The window first, then the database: the frame (menus, Home) is on screen before
    Peewee is even imported, and `finish_start` fills it right after the first frame."""
    from app.ui.context import AppContext
    from app.ui.first_frame import after_first_frame
    from app.ui.main_window import MainWindow
    from app.ui.services.crash import CrashReporter
    from app.ui.startup import Session, chosen_in_window

    app = create_application()
    reporter = CrashReporter()
    reporter.install()
    path = resolve_db_path(args.db)
    session = Session(path, app)
    session.remember_choice = chosen_in_window(args.db)
    if not session.claim():  # one Atende per database: a second launch raises the first
        return session.exit_code
    context = AppContext(db_path=path)
    minimized = getattr(args, "minimized", False)
    use_tray = None  # load() asks
    if minimized:  # started with the system: in the tray until asked for, else minimized
        from app.ui.services.tray import tray_available

        use_tray = tray_available()  # decided once: load() makes the tray by this answer
    window = MainWindow(context, load=False, use_tray=use_tray)
    session.dialog_parent = window
    if not minimized:
        window.show()
    elif not use_tray:
        window.showMinimized()

    def finish_start() -> None:
        from app.ui.services.malloc import share_one_arena

        share_one_arena()  # before the watcher's thread starts
        reporter.open_log()  # the start and any failure from here on are written to it
        try:
            if not finish_loading(args, session, context, window):
                app.exit(session.exit_code)
        except Exception as exc:  # an empty window over an unopened database: explain, end
            from app.core.storage.errors import storage_failure_message

            reporter.logger.exception("start-up failed")
            session.show_error(
                _("Atende could not start"),
                _("Atende could not finish opening: {error} The details are in {log}.").format(
                    error=storage_failure_message(exc) or exc, log=reporter.log_file
                ),
            )
            app.exit(1)
        finally:
            collect_garbage_again()

    after_first_frame(window, finish_start)
    if os.environ.get("ATENDE_SMOKE_EXIT_AFTER_MS"):  # packaging/smoke.sh
        from app.ui import smoke

        smoke.arm(window)
    return app.exec()


def collect_garbage_again() -> None:
    """Undo app.__main__'s `gc.disable()`: what start-up made lives as long as the app, so
    it is frozen out of later collections, and collection resumes for what comes next."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def finish_loading(args: Namespace, session, context, window) -> bool:
    """Open the database (a bad file explained, with a backup offered), then the example
    data when asked, the watcher, the change poller, the window's content and the daily
    backup. False when the user gives up on a database that cannot be opened."""
    follow_desktop_scheme()
    server = is_database_url(session.db_path)
    if server:  # a server may take seconds to answer
        window.statusBar().showMessage(_("Connecting to the database server…"))
        window.repaint()
    if not session.open():
        return False
    context.db_path = session.db_path  # another file may have been chosen instead of a bad one
    if server:
        window.statusBar().clearMessage()
    if getattr(args, "demo", False):
        from app.demo.instances import populate_if_empty

        populate_if_empty(context.clock)
    from app.ui.services.change_poller import start_change_poller
    from app.ui.services.watcher import start_watcher

    start_watcher(context)  # unless a headless `atende watch` already runs for this DB
    start_change_poller(context)  # what other desks and commands save shows up here
    window.load()
    session.attach(window, context)
    return True
