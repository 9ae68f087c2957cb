"""Run core work (network, database) off the UI thread and get its result back on it.

`run_in_background(fn, done, failed, pool)` runs `fn()` on a pool thread and returns a `Job`
whose `done(result)` or `failed(exception)` arrives on the UI thread (queued signals). The
receivers are connected before the work starts: a queued signal goes only to the receivers
connected when it is emitted, and a quick job on an idle pool can finish before the caller's
next line (the answer was lost, and the caller waited forever). Each run
opens the thread's own database connection and closes it at the end: Peewee keeps one
connection per thread, so a pool thread never shares the window's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from app.core.storage.db import database

log = logging.getLogger(__name__)
_alive: set[Job] = set()  # a job lives until its answer was delivered (no parent to outlive)


class Job(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self) -> None:
        super().__init__()
        self.running = True
        _alive.add(self)
        self.done.connect(self._finished)
        self.failed.connect(self._finished)

    def _finished(self, *_args: object) -> None:
        self.running = False
        # Not now: the signal is still being delivered to the other receivers, and dropping
        # the last reference would delete its sender in the middle of that (a crash).
        QTimer.singleShot(0, lambda: _alive.discard(self))


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], job: Job) -> None:
        super().__init__()
        self.fn = fn
        self.job = job

    def run(self) -> None:
        try:
            with database.connection_context():
                result = self.fn()
        except Exception as exc:  # noqa: BLE001 — said on the UI thread, never lost
            log.warning("background job failed: %s", exc)
            self.job.failed.emit(exc)
        else:
            self.job.done.emit(result)


def run_in_background(
    fn: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[Exception], None],
    pool: QThreadPool | None = None,
) -> Job:
    """Start `fn` on `pool` (the global one by default); `done`/`failed` get its answer."""
    job = Job()
    job.done.connect(done)
    job.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, job))
    return job
