"""The statements that close due chats (`closing.close_due`), one flavour per database.

SQLite serializes writers, so a pass takes the write lock at BEGIN and runs an INSERT…SELECT
of the history events, then an UPDATE…FROM of the same rows. PostgreSQL is shared by several
desks whose watchers run at the same time, so a pass locks the rows it closes and derives
the history events from exactly the rows its UPDATE changed. Both are set-based: no Python
loop over chats, one history event per closed chat, all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from peewee import SQL, Case, ModelSelect, Select, Value, fn

from app.core.audit import history
from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, Chat, HistoryEvent, Instance, to_millis
from app.core.watcher.due import (
    CHAT_SNAPSHOT,
    SECTION_KEY,
    closing_reason,
    due_condition,
    literal,
    with_settings,
)

# What closing writes besides the moment and the reason; clearing the stored instants also
# keeps m007's trigger from running for each closed chat.
CLOSED = {
    Chat.status: "closed",
    Chat.closed_by: "auto",
    Chat.deadline_at: None,
    Chat.warning_at: None,
}


def _reasons(timeouts: Iterable[int]) -> Case:
    """Per chat, the Portuguese reason naming its instance's timeout (SQL CASE)."""
    cases = [(t, closing_reason(t)) for t in sorted(set(timeouts))]
    return Case(AutoCloseSettings.timeout_minutes, cases, None)


# What a closing's history event shows about the chat, and the message recorded as sent:
# each key and the column it comes from (the chat's, or its instance's settings).
DETAILS = (
    ("assigned_via", Chat.assigned_via),
    ("closing_message", AutoCloseSettings.closing_message),
    *CHAT_SNAPSHOT,  # with the rest, renders the message as the customer got it
    ("timeout_minutes", AutoCloseSettings.timeout_minutes),
)


def _details(column=lambda field: field) -> Any:
    return dialect.json_object(*(part for key, field in DETAILS for part in (key, column(field))))


def _history_rows(now: datetime, reasons: Case) -> ModelSelect[Any]:
    """One history event per due chat (HISTORY_COLUMNS), as the source of an INSERT…SELECT."""
    columns = (
        Chat.instance,
        Instance.name,
        Value(to_millis(now)),
        Value(history.KIND_AUTO_CLOSE),
        Value(SECTION_KEY),
        reasons,
        _details(),
        Chat.external_id,
    )
    return with_settings(Chat.select(*columns)).join_from(Chat, Instance).where(due_condition(now))


_HISTORY_FIELDS = "instance instance_name at kind section summary details chat_external_id"
HISTORY_COLUMNS = tuple(getattr(HistoryEvent, name) for name in _HISTORY_FIELDS.split())


def close_in_write_lock(now: datetime) -> list[tuple]:
    """SQLite: one INSERT…SELECT of the history events, then one UPDATE…FROM of the same
    rows, under the database's write lock taken at BEGIN (IMMEDIATE), so no other writer
    slips in between the two. Returns (instance id, name, timeout, closing message, count)
    per instance, counted from the events just written (a range of their ids)."""
    with dialect.write_transaction():
        enabled = AutoCloseSettings.select(AutoCloseSettings.timeout_minutes).where(
            AutoCloseSettings.enabled == True  # noqa: E712 (SQL, not Python)
        )
        timeouts = {int(t) for t in enabled.scalars()}
        if not timeouts:  # turned off since next_due_at()
            return []
        reasons = _reasons(timeouts)
        first_id = (HistoryEvent.select(fn.MAX(HistoryEvent.id)).scalar() or 0) + 1
        inserted = (
            HistoryEvent.insert_from(_history_rows(now, reasons), HISTORY_COLUMNS)
            .as_rowcount()
            .execute()
        )
        if not inserted:  # another process closed them between next_due_at() and our lock
            return []
        closed = (
            Chat.update(CLOSED, closed_at=now, close_reason=reasons)
            .from_(AutoCloseSettings)
            .where((AutoCloseSettings.instance == Chat.instance) & due_condition(now))
            .execute()
        )
        if closed != inserted:  # cannot happen in one write transaction
            raise RuntimeError(f"closed {closed}, wrote {inserted} events")
        return _written_groups(first_id)


def _written_groups(first_id: int) -> list[tuple]:
    """Per instance, the closings just recorded (event ids from `first_id` on): counted in
    the range of new ids, then named from the few instances that have some."""
    counts: dict[int, int] = dict(
        HistoryEvent.select(HistoryEvent.instance, fn.COUNT(SQL("*")))
        .where(HistoryEvent.id >= first_id)
        .group_by(HistoryEvent.instance)
        .tuples()  # type: ignore[arg-type]  # rows of (instance id, count)
    )
    query = (
        AutoCloseSettings.select(
            AutoCloseSettings.instance,
            Instance.name,
            AutoCloseSettings.timeout_minutes,
            AutoCloseSettings.closing_message,
        )
        .join(Instance)
        .where(AutoCloseSettings.instance.in_(list(counts)))
        .order_by(Instance.name)
    )
    return [(*row, counts[row[0]]) for row in cast(Iterable[tuple], query.tuples())]


def close_with_row_locks(now: datetime) -> list[tuple]:
    """PostgreSQL, where several desks run a watcher on the same database at once.

    One statement: lock the due chats (`FOR UPDATE SKIP LOCKED`: rows another desk is
    closing right now are skipped, never waited for, so two passes cannot deadlock), close
    them with a conditional UPDATE (`status = 'open'`) RETURNING exactly the rows it
    changed, and insert one history event per returned row. A chat another desk closed
    first no longer matches, so each chat is closed once with one event, whoever wins.
    The settings rows are read FOR SHARE first: a save waits for the pass, so the reasons
    (one per timeout) cannot change between the two statements.
    """
    with database.atomic():
        timeouts = (
            AutoCloseSettings.select(AutoCloseSettings.timeout_minutes)
            .where(AutoCloseSettings.enabled == True)  # noqa: E712
            .for_update("FOR SHARE")  # type: ignore[arg-type]  # peewee takes the clause
        )
        enabled = {int(t) for t in timeouts.scalars()}
        if not enabled:  # turned off since next_due_at()
            return []
        reasons = _reasons(enabled)
        due = (
            with_settings(Chat.select(Chat.id))
            .where(due_condition(now))
            .order_by(Chat.id)
            .for_update(of=Chat, skip_locked=True)
            .cte("due")
        )
        returned = (Chat.instance, Chat.external_id, Chat.close_reason) + tuple(
            field for _key, field in DETAILS
        )
        closed = (
            Chat.update(CLOSED, closed_at=now, close_reason=reasons)
            .from_(AutoCloseSettings, due)
            .where(
                (Chat.id == due.c.id)
                & (AutoCloseSettings.instance == Chat.instance)
                & (Chat.status == literal("open"))
            )
            .returning(*returned)
            .cte("closed")
        )
        c = closed.c
        events = (
            HistoryEvent.insert_from(
                Select(
                    [closed],
                    [
                        c.instance_id,
                        Instance.name,
                        Value(to_millis(now)),
                        Value(history.KIND_AUTO_CLOSE),
                        Value(SECTION_KEY),
                        c.close_reason,
                        _details(lambda field: getattr(c, field.column_name)),
                        c.external_id,
                    ],
                ).join(Instance, on=(Instance.id == c.instance_id)),
                HISTORY_COLUMNS,
            )
            .returning(HistoryEvent.id)
            .cte("events")
        )
        written = Select([events], [fn.COUNT(SQL("*"))])
        groups = (
            Select(
                [closed],
                [
                    c.instance_id,
                    Instance.name,
                    c.timeout_minutes,
                    c.closing_message,
                    fn.COUNT(SQL("*")),
                    written,
                ],
            )
            .join(Instance, on=(Instance.id == c.instance_id))
            .group_by(c.instance_id, Instance.name, c.timeout_minutes, c.closing_message)
            .order_by(Instance.name)
            .with_cte(due, closed, events)
            .bind(database)
        )
        rows = list(groups.tuples())
        if sum(row[4] for row in rows) != (rows[0][5] if rows else 0):  # cannot happen
            raise RuntimeError("the closed chats and their history events differ")
    return [row[:5] for row in rows]
