"""Run core work (network, database) off the UI thread and get its result back on it.

`run_in_background(fn, pool, parent)` runs `fn()` on a pool thread and returns a `Job` whose
`done(result)` or `failed(exception)` arrives on the UI thread (queued signals). Each run
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


def run_in_background(fn: Callable[[], Any], pool: QThreadPool | None = None) -> Job:
    """Connect to the job's signals at once (they arrive through the event loop)."""
    job = Job()
    (pool or QThreadPool.globalInstance()).start(_Runnable(fn, job))
    return job
