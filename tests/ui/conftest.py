"""UI fixtures: an AppContext on the test clock, and a helper to find widgets by name."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget


@pytest.fixture
def context(db, clock, db_path):
    from app.ui.app import create_application
    from app.ui.context import AppContext

    create_application()
    return AppContext(clock=clock, db_path=db_path)


def find(root: QWidget, accessible_name: str, cls=QWidget):
    """The one visible-or-not child of `root` with that accessible name."""
    found = [w for w in root.findChildren(cls) if w.accessibleName() == accessible_name]
    assert len(found) == 1, f"{len(found)} widgets named {accessible_name!r}"
    return found[0]
