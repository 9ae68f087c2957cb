"""What a window showing an instance's pages does not load until it is asked for
(bench/memory.py counts the memory): QtNetwork (the single-instance door is a Unix socket),
the File menu's work and dialogs, the instance dialog, the damaged-database dialog, the
Chatwoot client and delivery on a desk without a connection, and Babel's global data once
the zone names are known. Each is then loaded by the click that needs it. (Agenda
loads holidays, which loads importlib.metadata and the email package.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
from app.ui import smoke

WATCHED = ("PySide6.QtNetwork", "app.ui.file_menu", "app.ui.dialogs.instance_dialog",
           "app.ui.dialogs.damaged_database", "app.ui.dialogs.database_dialog",
           "app.core.chatwoot.passes", "email.utils")

def arm(window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def show():
        window.enter_instance(window.home.model.rows[0].id)
        for page in ("overview", "chats", "history", "templates"):
            window.instance_view.show_page(page)
        window.repaint()
        QTimer.singleShot(300, report)

    def report():
        import babel.core
        print("loaded=" + ",".join(m for m in WATCHED if m in sys.modules))
        print("babel_global=" + str(int(babel.core._global_data is not None)))
        window.file_actions  # the first click on a File entry
        print("after_file_menu=" + ",".join(m for m in WATCHED if m in sys.modules))
        QApplication.exit(0)

    if window.is_loaded:
        QTimer.singleShot(0, show)
    else:
        window.loaded.connect(show)

smoke.arm = arm
os.environ[smoke.ENV] = "0"
from app.__main__ import main
main()
"""


def test_a_window_on_an_instance_leaves_the_rest_unloaded(tmp_path):
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    db = str(tmp_path / "a.sqlite3")
    # The example database first: creating it checks holidays (Agenda's own imports).
    made = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "--demo"],
        cwd=ROOT,
        env={**env, "ATENDE_SMOKE_EXIT_AFTER_MS": "0", "ATENDE_SMOKE_QUIET": "1"},
        capture_output=True,
        timeout=90,
    )
    assert made.returncode == 0, made.stderr
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--db", db],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert "loaded=" in out
    assert "babel_global=0" in out
    assert "after_file_menu=app.ui.file_menu" in out
    assert list(tmp_path.glob("*.sock")) == [], "the single-instance door is gone after quitting"
