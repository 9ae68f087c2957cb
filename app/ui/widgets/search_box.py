"""The search field of a long list (Atendimentos, Histórico): it asks again only after a
pause in typing (`paused`), so a query over a long table does not run at every key."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

PAUSE_MS = 250


class SearchBox(QLineEdit):
    paused = Signal()

    def __init__(self, name: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self.timer.timeout.connect(self.paused)
        self.textChanged.connect(self.timer.start)

    def settle(self) -> None:
        """The list is being read now: no second query after the pause."""
        self.timer.stop()
