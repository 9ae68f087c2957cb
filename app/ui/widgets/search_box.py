"""The search field of a long list (Atendimentos, Histórico): it asks again only after a
pause in typing (`paused`), so a query over a long table does not run at every key; ↓ or
Enter goes on to the list (`results`), whose first row is then the current one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

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
        self.results: QAbstractItemView | None = None  # where ↓ and Enter go

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self.results is None or event.key() not in keys:
            super().keyPressEvent(event)
            return
        if self.timer.isActive():  # typed just now: show what it finds first
            self.timer.stop()
            self.paused.emit()
        self.results.setFocus(Qt.FocusReason.TabFocusReason)
        if not self.results.currentIndex().isValid() and self.results.model().rowCount():
            self.results.setCurrentIndex(self.results.model().index(0, 0))

    def settle(self) -> None:
        """The list is being read now: no second query after the pause."""
        self.timer.stop()
