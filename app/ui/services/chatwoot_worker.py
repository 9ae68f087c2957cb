"""The Chatwoot side of the window's watcher: a worker thread that pulls every connected
inbox (at most once a minute) and delivers the outbox, never on the event loop.

The QTimer watcher (app.ui.services.watcher) runs the closing pass, which writes the outbox
rows; after each pass it kicks this driver, which delivers them on its own thread (one pass
at a time: a pool of one). Between passes the driver wakes at the earliest of the next pull
and the outbox's next retry. After a pass it says so: `context.connections_changed(0)` (the
connection page, Visão geral and the tray refresh) and `chats_changed(0)` when the pull or
the delivery moved chats (the watcher re-arms for the new deadlines).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from app.core.chatwoot.outbox_store import DeliveryReport, next_try_at
from app.core.chatwoot.state import PULL_EVERY_SECONDS, desk_name, pull_due
from app.core.common.clock import Clock, SystemClock
from app.core.storage.models import Connection
from app.ui.context import AppContext
from app.ui.services.background import Job, run_in_background

if TYPE_CHECKING:
    from app.core.chatwoot.passes import PullOutcome

IDLE_MS = 60_000  # no connection, nothing queued: look again in a minute
SPIN_GUARD_MS = 2_000  # a retry already due (someone else's lease): not sooner than this


@dataclass
class PassSummary:
    connected: bool = False
    pulls: list[PullOutcome] = field(default_factory=list)
    report: DeliveryReport = field(default_factory=DeliveryReport)
    next_retry: datetime | None = None

    @property
    def chats_moved(self) -> bool:
        updated = sum(o.result.updated for o in self.pulls if o.result is not None)
        r = self.report
        return bool(updated or r.resolved or r.gone or r.kept_open or r.not_sent)


def run_pass(rules_now: datetime, network: Clock, pull: bool, desk: str) -> PassSummary:
    """One pass (on the worker's thread): pull when due, then deliver what is ready."""
    if not Connection.select().exists():
        return PassSummary()
    # Loaded with the first connection: a desk without Chatwoot never loads the client,
    # the delivery and the templates' renderer (bench/memory.py).
    from app.core.chatwoot.passes import deliver_all, pull_all

    pulls = pull_all(rules_now) if pull else []
    # The network's clock is the real one (leases, backoff), whatever the rules' clock says.
    report = deliver_all(network.now(), desk)
    return PassSummary(True, pulls, report, next_try_at())


class ChatwootDriver(QObject):
    passed = Signal(object)  # a PassSummary, on the UI thread

    def __init__(
        self, context: AppContext, network: Clock | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.network = network or SystemClock()
        self.desk = desk_name()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one pass at a time
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.kick)
        self.last_pull: datetime | None = None
        self.job: Job | None = None
        self.again = False
        self.stopped = False
        context.connections_changed.connect(self._connection_saved)

    def start(self) -> None:
        self.stopped = False
        self.kick()

    def stop(self) -> None:
        """No more passes; waits for the one running (its requests have timeouts)."""
        self.stopped = True
        self.timer.stop()
        self.pool.waitForDone()

    @property
    def busy(self) -> bool:
        return self.job is not None

    def kick(self, *_args: object) -> None:
        """A pass now (after a closing pass, a saved connection, or the timer)."""
        if self.stopped:
            return
        if self.job is not None:
            self.again = True  # the rows written meanwhile go in the next pass
            return
        self.timer.stop()
        now = self.network.now()
        pull = pull_due(self.last_pull, now)
        if pull:
            self.last_pull = now
        rules_now = self.context.clock.now()
        self.job = run_in_background(
            lambda: run_pass(rules_now, self.network, pull, self.desk),
            self._done,
            self._failed,
            self.pool,
        )

    def _connection_saved(self, instance_id: int) -> None:
        if instance_id:  # a page saved or removed one: read it at once
            self.last_pull = None
            self.kick()

    def _done(self, summary: PassSummary) -> None:
        self.job = None
        if summary.chats_moved:
            self.context.chats_changed.emit(0)
        if summary.connected:
            self.context.connections_changed.emit(0)
        self.passed.emit(summary)
        self._next(summary.next_retry if summary.connected else None, summary.connected)

    def _failed(self, _exc: Exception) -> None:  # logged by run_in_background
        self.job = None
        self._next(None, True)

    def _next(self, retry: datetime | None, connected: bool) -> None:
        if self.stopped:
            return
        if self.again:
            self.again = False
            self.kick()
            return
        self.timer.start(self.interval_ms(retry, connected, self.network.now()))

    def interval_ms(self, retry: datetime | None, connected: bool, now: datetime) -> int:
        """Until the earliest of the next pull and the outbox's next retry."""
        if not connected or self.last_pull is None:
            return IDLE_MS
        wake = self.last_pull + timedelta(seconds=PULL_EVERY_SECONDS)
        if retry is not None:
            wake = min(wake, retry)
        wait = math.ceil((wake - now).total_seconds() * 1000)
        return max(SPIN_GUARD_MS, min(wait, IDLE_MS))
