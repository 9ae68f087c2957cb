"""Stored deadlines when the time limit counts only business hours (SPEC §12).

Every eligible open chat stores when it will be closed (`chat.deadline_at`) and warned
(`chat.warning_at`). For calendar time the triggers of migration m007 keep them on every
write; for `business_hours` they store NULL, and this module computes the instants from
the instance's agenda (`schedule.open_time`): the warning falls `minutes_before` open
minutes before the deadline, so in open hours too. With the agenda off, business hours
count like calendar time.

Computed in Python once per distinct `last_agent_message_at` (one `OpenTimeline` for the
whole instance: two binary searches each), written set-based: the instants go into a
temporary table keyed by instant (multi-row INSERTs), then one UPDATE of the instance's
eligible chats looks each chat's up by primary key — never a statement per chat. A
deadline beyond the 400-day horizon stays NULL (the chat is not closed); `atende check`
explains that agenda and time limit.

Callers, inside the transaction of their write:
- saving the auto-close settings or the agenda (their sections' `apply`, so pages, import,
  copy and duplication alike): `recompute(instance, agenda)`;
- writing chats (the chats import, a sync): `fill_missing(instance, load_agenda)`.
A chat with invalid data (`bad_rows`) is left without instants, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from peewee import Case, Table

from app.core.schedule.agenda import Agenda
from app.core.schedule.open_time import OpenTimeline
from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, Chat, Instance
from app.core.watcher.bad_rows import usable_start
from app.core.watcher.due import eligible_condition, with_settings
from app.core.watcher.temporary_rows import BIGINT, temporary_rows

BUSINESS_HOURS = "business_hours"
CALENDAR = "calendar"
ROOMY_CACHE_KIB = -65536  # 64 MiB (negative: KiB, SQLite's convention)
TEMPORARY = "atende_instants"  # (at, deadline, warning) of one recompute, then dropped
COLUMNS = (("at", BIGINT), ("deadline", BIGINT), ("warning", BIGINT))


def counts_business_hours(instance: Instance | int) -> bool:
    """Whether the instance's deadlines are this module's to compute (enabled, business)."""
    row = AutoCloseSettings.get_or_none(AutoCloseSettings.instance == instance)
    return row is not None and row.enabled and row.count_mode == BUSINESS_HOURS


def recompute(instance: Instance, agenda: Agenda) -> int:
    """Every eligible open chat's instants under `agenda`; returns how many chats."""
    return _compute(instance, agenda, only_missing=False)


def fill_missing(instance: Instance, load_agenda: Callable[[Instance], Agenda]) -> int:
    """After chats were written: the instants the triggers left NULL (business hours).

    Costs one small query for a calendar instance; loads the agenda only when needed.
    """
    if not counts_business_hours(instance):
        return 0
    return _compute(instance, load_agenda(instance), only_missing=True)


def _compute(instance: Instance, agenda: Agenda, *, only_missing: bool) -> int:
    settings = AutoCloseSettings.get_or_none(AutoCloseSettings.instance == instance.id)
    if settings is None or not settings.enabled or settings.count_mode != BUSINESS_HOURS:
        return 0  # the triggers keep calendar deadlines, and disabled means none
    starts = _starts(instance, only_missing)
    if not starts:
        return 0
    timeout, before = settings.timeout_minutes, settings.warning_minutes_before
    return _write(instance, _instants(agenda, starts, timeout, before), only_missing)


def _starts(instance: Instance, only_missing: bool) -> list[int]:
    """The distinct last agent messages (epoch ms) of the eligible open chats, in order."""
    column = Chat.last_agent_message_at.coerce(False)  # raw ms, not datetimes
    # A chat whose last agent message is no instant of 1970–2999 (`bad_rows`: written directly
    # in the database) gets no deadline instead of failing the whole computation.
    query = (
        with_settings(Chat.select(column).distinct())
        .where((Chat.instance == instance.id) & eligible_condition() & usable_start())
        .order_by(column)
    )
    if only_missing:
        query = query.where(Chat.deadline_at.is_null())
    return [row[0] for row in database.execute(query)]  # the cursor: 100k rows, no wrapping


def _instants(
    agenda: Agenda, starts: list[int], timeout: int, before: int | None
) -> list[tuple[int, int | None, int | None]]:
    """(last agent message, deadline, warning moment) in epoch ms, per start: NULLs where
    the deadline lies beyond the horizon."""
    timeline = OpenTimeline(agenda, starts[0])
    closes = timeline.add_many(starts, timeout)
    warns = timeline.add_many(starts, timeout - before) if before else [None] * len(starts)
    return [
        (start, deadline, warning if deadline is not None else None)
        for start, deadline, warning in zip(starts, closes, warns, strict=True)
    ]


def _write(instance: Instance, rows: list[tuple[Any, ...]], only_missing: bool) -> int:
    """Into a temporary table keyed by instant (multi-row INSERTs), then one UPDATE of the
    instance's eligible chats, each looking its instants up by primary key."""
    instants = Table(TEMPORARY, [name for name, _type in COLUMNS])

    def lookup(column):
        return instants.select(column).where(instants.at == Chat.last_agent_message_at)

    not_warned_yet = Chat.warned_at.is_null() | (Chat.warned_at <= Chat.last_agent_message_at)
    query = (
        Chat.update(
            {
                Chat.deadline_at: lookup(instants.deadline),  # type: ignore[attr-defined]
                Chat.warning_at: Case(
                    None,
                    [(not_warned_yet, lookup(instants.warning))],  # type: ignore[attr-defined]
                    None,
                ),
            }
        )
        .from_(AutoCloseSettings)
        .where(
            (AutoCloseSettings.instance == Chat.instance)
            & (Chat.instance == instance.id)
            & eligible_condition()
        )
    )
    if only_missing:
        query = query.where(Chat.deadline_at.is_null())
    with temporary_rows(TEMPORARY, COLUMNS) as insert:
        insert(rows)
        with _roomy_page_cache():
            return query.execute()


@contextmanager
def _roomy_page_cache() -> Iterator[None]:
    """SQLite: a larger page cache for the one big UPDATE, then back to what it was.

    Rewriting 100k chats moves entries in two indexes in random order; with SQLite's
    default 2 MB cache that UPDATE takes twice as long (bench/deadlines.py).
    """
    if dialect.is_postgres():
        yield
        return
    before = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size = {ROOMY_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(before)}")
