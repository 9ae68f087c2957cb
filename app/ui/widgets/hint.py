"""The grey explanatory text under a title or a field, wrapped to the width it is given."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text, objectName="hint")
    label.setWordWrap(True)
    return label
