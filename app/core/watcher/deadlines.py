"""Stored deadlines when the time limit counts only business hours (SPEC §12).

Every eligible open chat stores when it will be closed (`chat.deadline_at`) and warned
(`chat.warning_at`). For calendar time the triggers of migration m007 keep them on every
write; for `business_hours` they store NULL, and this module computes the instants from
the instance's agenda (`schedule.open_time`): the warning falls `minutes_before` open
minutes before the deadline, so in open hours too. With the agenda off, business hours
count like calendar time.

Computed in Python once per distinct `last_agent_message_at` (one `OpenTimeline` for the
whole instance: two binary searches each), written set-based: an UPDATE joined with a
VALUES list per batch, never a statement per chat. A deadline beyond the 400-day horizon
stays NULL (the chat is not closed); `atende check` explains that agenda and time limit.

Callers, inside the transaction of their write:
- saving the auto-close settings or the agenda (their sections' `apply`, so pages, import,
  copy and duplication alike): `recompute(instance, agenda)`;
- writing chats (the chats import, a sync): `fill_missing(instance, load_agenda)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from peewee import SQL, Case, ValuesList

from app.core.schedule.agenda import Agenda
from app.core.schedule.open_time import BeyondHorizon, OpenTimeline
from app.core.storage.models import AutoCloseSettings, Chat, Instance
from app.core.watcher.due import eligible_condition, with_settings

BUSINESS_HOURS = "business_hours"
CALENDAR = "calendar"
BATCH = 5000  # VALUES rows per UPDATE: 3 parameters each, well within SQLite's limit


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
    instants = _instants(agenda, starts, timeout, before)
    written = 0
    iterator = iter(instants)
    while batch := list(islice(iterator, BATCH)):
        written += _write(instance, batch)
    return written


def _starts(instance: Instance, only_missing: bool) -> list[int]:
    """The distinct last agent messages (epoch ms) of the eligible open chats, in order."""
    column = Chat.last_agent_message_at.coerce(False)  # raw ms, not datetimes
    query = (
        with_settings(Chat.select(column).distinct())
        .where((Chat.instance == instance.id) & eligible_condition())
        .order_by(column)
    )
    if only_missing:
        query = query.where(Chat.deadline_at.is_null())
    return [row[0] for row in query.tuples()]


def _instants(
    agenda: Agenda, starts: list[int], timeout: int, before: int | None
) -> Iterable[tuple[int, int | None, int | None]]:
    """(last agent message, deadline, warning moment) in epoch ms, per start."""
    timeline = OpenTimeline(agenda, starts[0])
    for start in starts:
        try:
            deadline = timeline.add(start, timeout)
        except BeyondHorizon:
            yield start, None, None
            continue
        warning = timeline.add(start, timeout - before) if before else None
        yield start, deadline, warning


def _write(instance: Instance, rows: list[tuple[Any, ...]]) -> int:
    """One UPDATE for a batch: chats matched by their last agent message (set-based)."""
    values = ValuesList(rows).alias("v")
    at, deadline, warning = (SQL(f'"v"."column{i}"') for i in (1, 2, 3))
    not_warned_yet = Chat.warned_at.is_null() | (Chat.warned_at <= Chat.last_agent_message_at)
    return (
        Chat.update(
            {
                Chat.deadline_at: deadline,
                Chat.warning_at: Case(None, [(not_warned_yet, warning)], None),
            }
        )
        .from_(AutoCloseSettings, values)
        .where(
            (AutoCloseSettings.instance == Chat.instance)
            & (Chat.instance == instance.id)
            & (Chat.last_agent_message_at == at)
            & eligible_condition()
        )
        .execute()
    )
