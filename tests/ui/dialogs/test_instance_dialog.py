"""The instance dialog can be created and destroyed without hurting the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import gc, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from app import i18n; i18n.install()
from app.ui.app import create_application
app = create_application()
from app.core.common.clock import SystemClock
from app.ui.dialogs.instance_dialog import InstanceDialog
for _ in range(3):
    dialog = InstanceDialog(SystemClock())
    dialog.show()
    app.processEvents()
    del dialog
    gc.collect()
print("ok")
"""


def test_a_destroyed_dialog_leaves_a_clean_exit(tmp_path):
    # A layout handed to QFormLayout.addRow() stayed owned by Python: Qt and Python both
    # deleted it and the app aborted when it quit.
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
