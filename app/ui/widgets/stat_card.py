"""A card of the Visão geral: what it is about, one big value, a detail and a way to act."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.icons import icon

TONES = {"normal": "statValue", "ok": "statValueOk", "off": "statValueOff"}


class StatCard(QFrame):
    """`link_clicked` carries the page key the card's button opens."""

    link_clicked = Signal(str)

    def __init__(
        self, icon_name: str, label: str, target: str, link_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.target = target
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.setSpacing(8)
        badge = QLabel()
        badge.setPixmap(icon(icon_name, "accent_text").pixmap(QSize(18, 18)))
        head.addWidget(badge)
        head.addWidget(QLabel(label, objectName="statLabel"), 1)
        layout.addLayout(head)
        self.value_label = QLabel(objectName="statValue")
        layout.addWidget(self.value_label)
        self.detail_label = QLabel(objectName="statDetail")
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.detail_label, 1)
        self.link = QPushButton(link_text, objectName="link")
        self.link.setIcon(icon("enter", "accent_text"))
        self.link.setAccessibleName(link_text)
        self.link.clicked.connect(lambda: self.link_clicked.emit(self.target))
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignLeft)

    def show_value(self, value: str, detail: str, tone: str = "normal") -> None:
        self.value_label.setObjectName(TONES[tone])
        self.value_label.style().unpolish(self.value_label)
        self.value_label.style().polish(self.value_label)
        self.value_label.setText(value)
        self.detail_label.setText(detail)
