"""The honest "em construção" state of a page whose issue has not landed yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.i18n import _
from app.ui.pages.base import Page


class UnderConstructionPage(Page):
    def __init__(self, instance_id, context, parent=None, title: str = ""):
        self.title = title
        super().__init__(instance_id, context, parent)
        card = self.card()
        label = QLabel(
            _(
                "Under construction: this page arrives in a next version of Atende. Nothing "
                "here is saved yet."
            ),
            objectName="hint",
        )
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        card.addWidget(label)
        self.body.addStretch(1)
