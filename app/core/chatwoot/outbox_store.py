"""Claiming outbox rows and recording what became of them (the delivery's bookkeeping).

A claim is a lease: `claimed_by` a desk until `claimed_until`. A desk killed mid-delivery
leaves its rows claimed until the lease ends; then another pass takes them. SQLite claims
inside its write lock (BEGIN IMMEDIATE); PostgreSQL with `FOR UPDATE SKIP LOCKED`, as the
closing pass does, so two desks never claim the same row and never wait for each other.

`in_flight` is committed before a request that acts goes out and cleared only when its
outcome is known: a row found in flight was interrupted (kill -9, timeout, 5xx), so the next
attempt looks at the conversation before sending again.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import JOIN, fn

from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import Connection, OutboxRow, from_millis, to_millis

LEASE = timedelta(minutes=5)
CLAIM_LIMIT = 400  # rows per claim: a batch ends well within its lease
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)


@dataclass
class DeliveryReport:
    """What one delivery did (counts per outcome), filled by its threads."""

    sent: int = 0
    resolved: int = 0
    not_sent: int = 0
    kept_open: int = 0
    gone: int = 0
    retrying: int = 0
    paused: set[str] = field(default_factory=set)
    wait: float = 0.0  # the longest Retry-After seen (seconds)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, count: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + count)


def _ready(now: datetime, ignore_backoff: bool, exclude: Collection[int]):
    """Pending rows nobody holds, of connections that are not paused."""
    at = to_millis(now)
    condition = (
        OutboxRow.outcome.is_null()
        & (OutboxRow.claimed_until.is_null() | (OutboxRow.claimed_until < at))
        & Connection.paused_reason.is_null()
    )
    if not ignore_backoff:
        condition &= OutboxRow.next_try_at <= at
    if exclude:
        condition &= OutboxRow.id.not_in(list(exclude))
    return (
        OutboxRow.select(OutboxRow.id)
        .join(Connection, JOIN.INNER, on=(Connection.instance == OutboxRow.instance))
        .where(condition)
        # A chat's rows together (its message and its resolve share one re-read).
        .order_by(OutboxRow.instance, OutboxRow.chat_external_id, OutboxRow.id)
        .limit(CLAIM_LIMIT)
    )


def claim(
    now: datetime,
    desk: str,
    *,
    ignore_backoff: bool = False,
    lease: timedelta = LEASE,
    exclude: Collection[int] = (),
) -> list[OutboxRow]:
    """Take up to CLAIM_LIMIT rows ready at `now` for `desk` (in id order, not those in
    `exclude`), committed before returning."""
    until = now + lease
    if dialect.is_postgres():
        with database.atomic():
            ready = _ready(now, ignore_backoff, exclude).for_update(of=OutboxRow, skip_locked=True)
            ids = [
                row.id
                for row in OutboxRow.update(claimed_by=desk, claimed_until=until)
                .where(OutboxRow.id.in_(ready))
                .returning(OutboxRow.id)
                .execute()
            ]
    else:
        with dialect.write_transaction():
            ids = list(_ready(now, ignore_backoff, exclude).scalars())
            if ids:
                OutboxRow.update(claimed_by=desk, claimed_until=until).where(
                    OutboxRow.id.in_(ids)
                ).execute()
    if not ids:
        return []
    return list(OutboxRow.select().where(OutboxRow.id.in_(ids)).order_by(OutboxRow.id))


def _mine(row: OutboxRow, desk: str):
    return (OutboxRow.id == row.id) & (OutboxRow.claimed_by == desk)


def going_out(row: OutboxRow, desk: str, now: datetime) -> bool:
    """About to send: from now on an interruption leaves the row in flight. False when the
    row is no longer this desk's (its lease ended and another desk took it): do not send."""
    mine = (
        OutboxRow.update(
            in_flight=True,
            attempts=OutboxRow.attempts + 1,
            first_try_at=row.first_try_at or now,
        )
        .where(_mine(row, desk))
        .execute()
    )
    if not mine:
        return False
    row.in_flight = True
    row.attempts += 1
    row.first_try_at = row.first_try_at or now
    return True


def finish(
    row: OutboxRow,
    desk: str,
    now: datetime,
    outcome: str,
    reason: str | None = None,
    remote_id: str | None = None,
) -> None:
    OutboxRow.update(
        outcome=outcome,
        outcome_reason=reason,
        remote_id=remote_id or row.remote_id,
        in_flight=False,
        done_at=now,
        claimed_by=None,
        claimed_until=None,
    ).where(_mine(row, desk)).execute()
    row.outcome = outcome
    row.remote_id = remote_id or row.remote_id


def retry_later(
    row: OutboxRow, desk: str, now: datetime, error: str, *, in_flight: bool, wait=None
) -> None:
    """Give the row back: tried again after `wait` (a 429's) or the backoff of its attempts.
    `in_flight`: whether the platform may have acted on it (look before sending again)."""
    if wait is None:
        wait = min(BACKOFF_FIRST * 2 ** max(row.attempts - 1, 0), BACKOFF_MAX)
    OutboxRow.update(
        in_flight=in_flight,
        last_error=error,
        next_try_at=now + wait,
        claimed_by=None,
        claimed_until=None,
    ).where(_mine(row, desk)).execute()


def release(rows: list[OutboxRow], desk: str) -> None:
    """Give back rows this pass did not get to (a paused connection, a stop)."""
    ids = [row.id for row in rows if row.outcome is None]
    if ids:
        OutboxRow.update(claimed_by=None, claimed_until=None).where(
            OutboxRow.id.in_(ids) & (OutboxRow.claimed_by == desk)
        ).execute()


def pending_count(instance_id: int | None = None) -> int:
    query = OutboxRow.select().where(OutboxRow.outcome.is_null())
    if instance_id is not None:
        query = query.where(OutboxRow.instance == instance_id)
    return query.count()


def next_try_at() -> datetime | None:
    """When the earliest pending row of a connection that is not paused may be tried: the
    running watcher wakes for it (with `due.next_due_at`)."""
    value = (
        OutboxRow.select(fn.MIN(OutboxRow.next_try_at))
        .join(Connection, on=(Connection.instance == OutboxRow.instance))
        .where(OutboxRow.outcome.is_null() & Connection.paused_reason.is_null())
        .scalar()
    )
    if value is None or isinstance(value, datetime):  # peewee converts MIN(an instant)
        return value
    return from_millis(int(value))
