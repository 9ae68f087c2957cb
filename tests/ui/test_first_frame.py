"""after_first_frame / on_first_paint: start-up work that waits for the window's first frame."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

from app.ui import first_frame


class PaintCounter(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_the_callback_runs_once_after_the_first_paint_not_before(qtbot):
    label = QLabel("Atende")
    qtbot.addWidget(label)
    label.show()
    painted = PaintCounter(label)
    seen: list[int] = []
    first_frame.after_first_frame(label, lambda: seen.append(painted.paints))
    assert seen == []  # never synchronously: the frame comes first
    qtbot.waitUntil(lambda: seen != [])
    assert seen[0] >= 1
    label.update()
    qtbot.waitUntil(lambda: painted.paints >= 2)
    qtbot.wait(20)
    assert len(seen) == 1


def test_a_hidden_window_does_not_wait_for_a_paint_that_never_comes(qtbot):
    label = QLabel("Atende")  # e.g. started minimized to the tray
    qtbot.addWidget(label)
    seen: list[bool] = []
    first_frame.after_first_frame(label, lambda: seen.append(True))
    assert seen == []
    qtbot.waitUntil(lambda: seen == [True])


def test_a_shown_window_that_never_paints_still_gets_the_callback(qtbot, monkeypatch):
    monkeypatch.setattr(first_frame, "FALLBACK_MS", 30)
    label = QLabel("Atende")  # stands for a window no compositor ever exposes
    qtbot.addWidget(label)
    seen: list[bool] = []
    first_frame.on_first_paint(label, lambda: seen.append(True))
    qtbot.waitUntil(lambda: seen == [True])
    label.show()
    label.repaint()
    assert seen == [True]  # once only
