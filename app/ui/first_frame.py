"""Start-up work that waits until the window is on screen.

The window shows its frame (menus, Home) first; opening the database and loading what it
shows runs right after that first frame is painted, so the user sees Atende at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is shown but never painted (no compositor, another workspace) still loads.
FALLBACK_MS = 500


class _FirstPaint(QObject):
    """Calls `callback` once, when `widget` receives its first paint event (the frame is
    painted and flushed right after), or FALLBACK_MS after being armed, whichever is first."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self._fire()
        return False

    def _fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.parent().removeEventFilter(self)
            callback()


def on_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` as `widget` starts painting its first frame (inside the paint, so
    keep it short: the smoke test's start-up clock stops there)."""
    _FirstPaint(widget, callback)


def after_first_frame(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once, in the event loop, after `widget` painted its first frame;
    at once (next loop turn) when it is hidden or minimized and will not paint."""
    if not widget.isVisible() or widget.isMinimized():
        QTimer.singleShot(0, widget, callback)
        return
    on_first_paint(widget, lambda: QTimer.singleShot(0, widget, callback))
