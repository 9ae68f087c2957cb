"""The window is on screen before the database is opened, and fills right after.

Start-up speed is measured in packaging/start_time.py, never asserted here; what is asserted
is what makes it fast: at the first painted frame no database work has been done and the
heavy libraries (Peewee, phonenumbers, Babel, holidays) are not even imported, and once the
window is ready it shows the instances from the database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Reports, at the first painted frame, what is imported and whether the database exists.
SPY = """
import os, sys
import app.ui.first_frame as first_frame
original = first_frame.on_first_paint
reported = []

def spy(widget, callback):
    def at_first_paint():
        if not reported:
            reported.append(True)
            heavy = [m for m in ("peewee", "phonenumbers", "babel", "holidays",
                                 "app.core.storage.db") if m in sys.modules]
            print("heavy_at_first_frame=" + ",".join(heavy))
            print("db_exists_at_first_frame=" + str(int(os.path.exists(sys.argv[2]))))
            print("loaded_at_first_frame=" + str(int(widget.is_loaded)))
            import PySide6.QtCore
            # PySide builds the Python side of Qt's `Qt` namespace (~100 enums) on first use
            print("qt_namespace_at_first_frame=" + str(int("Qt" in PySide6.QtCore.__dict__)))
            print("gc_at_first_frame=" + str(int(gc.isenabled())))
        callback()
    original(widget, at_first_paint)

first_frame.on_first_paint = spy
import atexit, gc
atexit.register(lambda: print("gc_when_done=" + str(int(gc.isenabled()))))
from app.__main__ import main
sys.exit(main())
"""


def run_app(db_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    home = db_path.parent / "home"  # QSettings (theme, last desktop scheme) stay in the test
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "QT_QPA_PLATFORM": "offscreen",
        "ATENDE_SMOKE_EXIT_AFTER_MS": "0",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", SPY, "--db", str(db_path), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def lines(done: subprocess.CompletedProcess) -> list[str]:
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_first_frame_comes_before_any_database_work(tmp_path):
    db_path = tmp_path / "novo.sqlite3"
    out = lines(run_app(db_path, "--demo"))
    assert "heavy_at_first_frame=" in out
    assert "db_exists_at_first_frame=0" in out
    assert "loaded_at_first_frame=0" in out
    assert "gc_at_first_frame=0" in out and "gc_when_done=1" in out
    # ... and once ready, the window shows the example instances from that database.
    assert "home_rows=3" in out
    assert "title=Atende" in out and "menus=Arquivo, Ferramentas, Ajuda" in out
    assert db_path.is_file()


def test_from_the_second_start_the_first_frame_needs_no_qt_namespace(tmp_path):
    """The desktop's scheme seen last time themes the first frame; asking the desktop
    again (which builds the `Qt` namespace, ≈ 11 ms) waits until after it."""
    db_path = tmp_path / "atende.sqlite3"
    lines(run_app(db_path, "--demo"))  # the first start asks the desktop and remembers
    out = lines(run_app(db_path))
    assert "qt_namespace_at_first_frame=0" in out
    assert "home_rows=3" in out


@pytest.mark.sqlite_only("a damaged SQLite file")
def test_a_database_that_cannot_be_opened_leaves_the_window_unfilled(tmp_path, qtbot):
    from app.ui.app import finish_loading
    from app.ui.context import AppContext
    from app.ui.dialogs.damaged_database import QUIT, Recovery
    from app.ui.main_window import MainWindow
    from app.ui.startup import Session

    db_path = tmp_path / "estragado.sqlite3"
    db_path.write_bytes(b"isto nao e um banco" * 100)
    session = Session(db_path)
    asked = []
    session.ask_recovery = lambda error, backups: asked.append(str(error)) or Recovery(QUIT)
    assert session.claim()
    context = AppContext(db_path=db_path)
    window = MainWindow(context, load=False)
    qtbot.addWidget(window)
    window.show()
    assert not finish_loading(SimpleNamespace(demo=False), session, context, window)
    assert session.exit_code == 1 and not window.is_loaded
    assert "danificado" in asked[0]
    assert db_path.read_bytes() == b"isto nao e um banco" * 100


FAILING = """
import sys
import app.ui.startup as startup
startup.Session.show_error = lambda self, title, text: print("error=" + title + " | " + text)
import app.ui.services.watcher as watcher

def broken(context):
    raise PermissionError(13, "Permissão negada", "/tmp/x")

watcher.start_watcher = broken
from app.__main__ import main
sys.exit(main())
"""


def test_a_failure_while_loading_is_explained_and_ends_the_app(tmp_path):
    """Not an empty window left over a database that never opened: a message, exit 1."""
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-c", FAILING, "--db", str(tmp_path / "atende.sqlite3"), "--demo"],
        cwd=ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        "error=O Atende não pôde iniciar | O Atende não conseguiu terminar de abrir" in done.stdout
    )
    assert "Permissão negada" in done.stdout


def test_before_it_loads_the_window_offers_nothing_that_needs_the_database(qtbot, db, db_path):
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    window = MainWindow(AppContext(db_path=db_path), load=False, use_tray=False)
    qtbot.addWidget(window)
    home = window.home
    buttons = (home.new_button, home.edit_button, home.duplicate_button, home.delete_button)
    assert not any(button.isEnabled() for button in (*buttons, home.enter_button))
    assert window.file_menu.actions() == [] and window.tools_menu.actions() == []
    window.load()
    assert home.new_button.isEnabled() and window.file_menu.actions()


@pytest.mark.sqlite_only("a SQLite file opens at once: no 'connecting' line")
def test_a_loaded_window_has_its_rows_and_no_status_strip(tmp_path, qtbot):
    from PySide6.QtWidgets import QStatusBar

    from app.core.storage.db import close_database
    from app.ui.app import finish_loading
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow
    from app.ui.startup import Session

    db_path = tmp_path / "atende.sqlite3"
    session = Session(db_path)
    assert session.claim()
    context = AppContext(db_path=db_path)
    window = MainWindow(context, load=False, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    try:
        assert finish_loading(SimpleNamespace(demo=True), session, context, window)
        assert window.is_loaded and window.home.model.rowCount() == 3
        assert window.findChild(QStatusBar) is None  # the window keeps its full height
    finally:
        if context.watcher is not None:
            context.watcher.pause()
            context.watcher.lock.release()
        session.single.release()
        close_database()
