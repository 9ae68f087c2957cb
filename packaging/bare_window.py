"""The floor for start-up: a bare PySide6 window, quitting as it paints its first frame.

Run with the same Python the bundle was frozen from (`.venv/bin/python`), it costs what
CPython + QtWidgets cost to put a window on screen; `start_time.py` compares the built app
to it in the same run. Like the app (app/ui/smoke.py, `ATENDE_SMOKE_MILESTONE=first-frame`)
it prints `milestone_at=`, the `time.monotonic()` of the first paint event of its main
window, and quits.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            print(f"milestone_at={time.monotonic():.6f}", flush=True)
            QApplication.exit(0)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
quitter = QuitOnFirstPaint()
window.installEventFilter(quitter)
window.show()
sys.exit(app.exec())
