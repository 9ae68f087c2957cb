"""PySide6 6.12 leaks a reference to None per void call; app.ui makes that harmless."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

import app.ui  # noqa: F401 (the import applies the workaround)


def test_many_void_qt_calls_cannot_exhaust_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(20_000):  # far more than None's natural reference count on 3.11
        label.setText("x")
    assert sys.getrefcount(None) > 1 << 30
