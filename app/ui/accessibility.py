"""Accessible names for widgets Qt builds itself (dialog buttons translated by qtbase)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


def name_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Give each standard button its visible (Portuguese) text as accessible name."""
    for button in box.buttons():
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))
    return box
