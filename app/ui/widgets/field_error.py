"""The Portuguese error (or warning) shown right under a field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class FieldError(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None, warning: bool = False) -> None:
        self.setObjectName("fieldWarning" if warning else "fieldError")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(message or "")
        self.setAccessibleName(message or "")
        self.setVisible(bool(message))
