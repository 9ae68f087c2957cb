"""The floor for start-up: a bare PySide6 window shown, then quit (PERFORMANCE.md's row).

Run with the same Python the bundle was frozen from (`.venv/bin/python`), it costs what
CPython + QtWidgets cost to put a window on screen; `start_time.py` compares the built app
to it in the same run.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
