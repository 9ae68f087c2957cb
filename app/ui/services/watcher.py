"""The watcher in the GUI: a single-shot QTimer that drives `closing.watcher_pass`.

The timer is armed for the next moment a chat becomes due (one query over all instances),
but never for more than a minute, so a clock jump or a sleeping laptop is noticed within
that minute. When nothing is due at a wake, only `next_due_at()` is asked. Settings and
chats changes re-arm it at once. The clock is injected (the context's), and the interval
is computed from it, so tests drive time by moving a FixedClock and firing the timer.

Only one watcher may run per SQLite file: `start_watcher` takes the watcher lock file; when
a headless `atende watch` holds it, the window does not run its own. On a shared PostgreSQL
database every desk runs one (a lock file means nothing across machines): each pass closes
only rows it locked and that are still open, so each chat is closed exactly once.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.storage.lock import FileLock, LockFileError, watcher_lock_path
from app.core.watcher import closing
from app.i18n import _
from app.ui.context import AppContext
from app.ui.services.chatwoot_worker import ChatwootDriver

log = logging.getLogger(__name__)

MAX_WAIT_MS = 60_000
RETRY_MS = 5_000  # after a failed pass (the DB busy or unreadable for a moment)
SPIN_GUARD_MS = 250
_TOLD: set[QMessageBox] = set()  # the lock problem boxes on screen


class WatcherCore(Protocol):
    """What the watcher needs from core (`app.core.watcher`); tests pass a counting wrapper."""

    def next_due_at(self) -> datetime | None: ...

    def watcher_pass(self, now: datetime) -> Any: ...


def default_core() -> WatcherCore:
    return closing  # type: ignore[return-value]


class Watcher(QObject):
    closed = Signal(int)  # how many chats one pass closed (only emitted when > 0)
    failed = Signal(str)  # a pass or query raised; it is retried after RETRY_MS
    passed = Signal()  # after every pass (it may have written outbox rows: the driver delivers)

    def __init__(
        self, context: AppContext, core: WatcherCore | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.core = core or default_core()
        self.next_due: datetime | None = None
        self.paused = True
        self.lock: FileLock | None = None
        self.platforms: ChatwootDriver | None = None  # set by start_watcher
        self._emitting = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # A coarse timer may fire up to 5 % early or late; a deadline wants the millisecond.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.on_timeout)
        context.settings_changed.connect(self.rearm)
        context.chats_changed.connect(self.rearm)

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        self.resume()

    def pause(self) -> None:
        """Stop waking up (e.g. while the database is being replaced)."""
        self.paused = True
        self.timer.stop()
        if self.platforms is not None:
            self.platforms.stop()  # and waits for its pass: the database may be swapped next

    def resume(self) -> None:
        self.paused = False
        self.rearm()
        if self.platforms is not None:
            self.platforms.start()

    @property
    def running(self) -> bool:
        return not self.paused

    # -- arming ----------------------------------------------------------------------------
    def rearm(self, *_args: object) -> None:
        """Ask when the next chat is due and arm the timer for it (settings/chats changed)."""
        if self.paused or self._emitting:
            return
        try:
            next_due = self.core.next_due_at()
        except Exception as exc:  # noqa: BLE001 — a watcher never takes the window down
            self._failed(exc)
            return
        self._arm(next_due)

    def interval_ms(self, next_due: datetime | None, now: datetime) -> int:
        """Milliseconds from `now` until `next_due`, at most MAX_WAIT_MS, never negative."""
        if next_due is None:
            return MAX_WAIT_MS
        wait = math.ceil((next_due - now).total_seconds() * 1000)
        return max(0, min(wait, MAX_WAIT_MS))

    def _arm(self, next_due: datetime | None, floor_ms: int = 0) -> None:
        self.next_due = next_due
        wait = self.interval_ms(next_due, self.context.clock.now())
        self.timer.start(max(wait, floor_ms))

    # -- waking ----------------------------------------------------------------------------
    def on_timeout(self) -> None:
        if self.paused:
            return
        now = self.context.clock.now()
        if self.next_due is None or self.next_due > now:
            # A capped wake (or the timer ran a hair early): only look for what is next.
            self.rearm()
            return
        try:
            result = self.core.watcher_pass(now)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            return
        self.passed.emit()
        if result.closed_count:
            self.closed.emit(result.closed_count)
            # Pages refresh; our own re-arm is skipped, the pass already said what is next.
            self._emitting = True
            try:
                self.context.chats_changed.emit(0)
            finally:
                self._emitting = False
        # Still due right after a pass means someone else is writing the same rows: give
        # them a moment instead of spinning.
        self._arm(result.next_due_at, floor_ms=0 if result.closed_count else SPIN_GUARD_MS)

    def _failed(self, exc: Exception) -> None:
        log.warning("watcher pass failed: %s", exc)
        self.failed.emit(str(exc))
        self.next_due = None
        self.timer.start(RETRY_MS)

    def stop(self) -> None:
        """Stop for good and let another process take over (releases the lock)."""
        self.pause()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def start_watcher(context: AppContext, core: WatcherCore | None = None) -> Watcher | None:
    """Run the watcher in this window unless another process holds the DB's watcher lock.

    Sets `context.watcher` (this process runs it) or `context.watcher_elsewhere_pid`
    (another one does; None when unknown) for the Atendimentos page. A lock file that is not
    a regular file (a planted link) is refused: the window opens without a watcher and says
    why (`tell_lock_problem`).
    """
    if context.db_path is None:
        return None
    lock = None
    if isinstance(context.db_path, Path):
        lock = FileLock(watcher_lock_path(context.db_path))
        try:
            acquired = lock.acquire()
        except LockFileError as exc:
            log.warning("watcher not started: %s", exc)
            tell_lock_problem(str(exc))
            return None
        if not acquired:
            context.watcher_elsewhere = True
            context.watcher_elsewhere_pid = lock.holder_pid()
            return None
    watcher = Watcher(context, core, parent=context)
    watcher.lock = lock
    context.watcher = watcher
    # Chatwoot: pull and deliver on a worker thread; a closing pass's outbox rows go at once.
    watcher.platforms = ChatwootDriver(context, parent=watcher)
    watcher.passed.connect(watcher.platforms.kick)
    watcher.start()
    return watcher


def tell_lock_problem(reason: str) -> QMessageBox:
    """Say, without blocking the start, that this window will not close chats and why."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("Automatic closing stopped"),
        _("Automatic closing will not run in this window. {reason}").format(reason=reason),
        QMessageBox.StandardButton.Ok,
        QApplication.activeWindow(),
    )
    box.setObjectName("watcherLockProblem")
    _TOLD.add(box)  # without a window to own it, kept alive until it is closed
    box.finished.connect(lambda _result: _TOLD.discard(box))
    box.open()
    return box
