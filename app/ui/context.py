"""What every window and page shares: the clock and the change signals.

Pages emit `settings_changed` after a save and `chats_changed` after chats move, so the
watcher re-arms at once and other views refresh; nothing polls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.common.clock import Clock, SystemClock


class AppContext(QObject):
    settings_changed = Signal(int)  # instance id
    chats_changed = Signal(int)  # instance id (0 = several)
    instances_changed = Signal()
    # A Chatwoot connection's state moved: saved or removed on its page (the instance id:
    # the worker syncs it at once), or after a pass of the worker (0: any of them).
    connections_changed = Signal(int)

    def __init__(self, clock: Clock | None = None, db_path: Path | None = None) -> None:
        super().__init__()
        self._clock = clock
        self.db_path = db_path
        # Set by app.ui.services.watcher.start_watcher: the watcher this process runs, or whether
        # another process (a headless `atende watch`) holds the database's watcher lock.
        self.watcher: QObject | None = None
        self.watcher_elsewhere = False
        self.watcher_elsewhere_pid: int | None = None

    @property
    def clock(self) -> Clock:
        """The given clock, else the system's (made on first use)."""
        if self._clock is None:
            self._clock = SystemClock()
        return self._clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._clock = clock
