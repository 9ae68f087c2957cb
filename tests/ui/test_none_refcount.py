"""Guard against the PySide6 6.12 bug on Python 3.11: every void Qt call dropped one
reference to None, and the interpreter aborted ("none_dealloc") after a few thousand calls.
pyproject excludes those releases on Python < 3.12 and constraints.txt pins 6.11.3; this test
fails if a bad build comes back."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_drain_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    # Immortal None (3.12+) reports a constant huge count; on 3.11 it must not fall by ~2000.
    assert sys.getrefcount(None) > before - 100
