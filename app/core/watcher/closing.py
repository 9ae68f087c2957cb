"""Encerramento automático: warning and closing every due chat in one set-based pass, and
the watcher pass.

Which chats are due is `due`; the statements that close them, one flavour per database, are
`closing_sql`; the warnings before closing are `warning_sql`. This module runs them in one
transaction (closing first: a chat past its deadline is closed, never warned), with the
outbox rows of connected instances (`outbox`), and reports what one pass did.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.storage import dialect
from app.core.storage.models import Instance
from app.core.watcher import bad_rows, closing_sql, outbox, warning_sql
from app.core.watcher.due import closing_reason, next_due_at


@dataclass(frozen=True)
class ClosedGroup:
    """The chats of one instance closed by one pass."""

    instance_id: int
    instance_name: str
    count: int
    reason: str
    closing_message: str | None


@dataclass(frozen=True)
class WarnedGroup:
    """The chats of one instance warned by one pass."""

    instance_id: int
    instance_name: str
    count: int
    minutes_before: int


@dataclass(frozen=True)
class CloseResult:
    at: datetime
    groups: tuple[ClosedGroup, ...] = ()
    warned: tuple[WarnedGroup, ...] = ()
    skipped: int = 0  # chats set aside for invalid data (`bad_rows`), logged

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def warned_total(self) -> int:
        return sum(g.count for g in self.warned)

    def count_for(self, instance: Instance | int) -> int:
        instance_id = instance.id if isinstance(instance, Instance) else instance
        return sum(g.count for g in self.groups if g.instance_id == instance_id)


def close_due(now: datetime) -> CloseResult:
    """Send the warnings and close every chat due at `now`, over all instances, in one
    transaction.

    Set-based whatever the number of chats or instances: no Python loop over chats, one
    history event per warned or closed chat, and a failure anywhere rolls everything back.
    A chat with invalid data is set aside first (`bad_rows`): one row never stops the rest.
    When nothing is due it only asks `next_due_at()` and takes no lock.
    """
    first = next_due_at()  # microseconds (the partial indexes): the idle watcher's case
    if first is None or first > now:
        return CloseResult(now)
    close = (
        closing_sql.close_with_row_locks
        if dialect.is_postgres()
        else closing_sql.close_in_write_lock
    )
    with dialect.write_transaction():
        warning_sql.lock_settings()
        skipped = bad_rows.skip_invalid(now)
        closed = close(now)
        warned = warning_sql.send_due_warnings(now)
        # For instances connected to a messaging platform, the actions to deliver (closing
        # and warning messages, resolves) are written in the same transaction as the local
        # close: a crash never loses one nor delivers one twice (a connector reads them).
        # Only after something was closed or warned: otherwise they would find nothing.
        if closed:
            outbox.enqueue_closings(now)
        if warned:
            outbox.enqueue_warnings(now)
    return CloseResult(
        now,
        tuple(
            ClosedGroup(iid, name, count, closing_reason(timeout), message)
            for iid, name, timeout, message, count in closed
        ),
        tuple(WarnedGroup(iid, name, count, minutes) for iid, name, minutes, count in warned),
        skipped,
    )


@dataclass(frozen=True)
class PassResult:
    closed: CloseResult
    next_due_at: datetime | None

    @property
    def closed_count(self) -> int:
        return self.closed.total


def watcher_pass(now: datetime) -> PassResult:
    """One pass of the watcher: close what is due, then find when to wake next."""
    closed = close_due(now)
    return PassResult(closed, next_due_at())
