"""UI fixtures: an AppContext on the test clock, and a helper to find widgets by name."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """QSettings (theme, notices) in a temporary folder, never the developer's own."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    yield


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
