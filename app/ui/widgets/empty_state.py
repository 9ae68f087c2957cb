"""An empty state that says what to do next: an icon, a title, a sentence and actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.icons import icon


class EmptyState(QWidget):
    def __init__(
        self, icon_name: str, title: str, text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(8)
        layout.addStretch(1)
        picture = QLabel()
        picture.setPixmap(icon(icon_name, "text_faint").pixmap(QSize(40, 40)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        self.title_label = QLabel(title, objectName="emptyTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.text_label = QLabel(text, objectName="emptyText")
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(10)
        self.actions.addStretch(1)
        self.actions.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(self.actions)
        layout.addStretch(2)

    def add_action(
        self,
        text: str,
        slot: Callable[[], object],
        icon_name: str | None = None,
        primary: bool = False,
    ) -> QPushButton:
        button = QPushButton(text, objectName="primary" if primary else "")
        if icon_name:
            button.setIcon(icon(icon_name, "on_accent" if primary else "text"))
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        self.actions.insertWidget(self.actions.count() - 1, button)
        return button
