"""The warning before closing (SPEC §12): sent once per silence, set-based, recorded as sent.

A chat is warned at `now` when its stored warning moment has come and its deadline has not
(`warning_at <= now < deadline_at`): a warning is never sent at or after the deadline — the
pass then just closes the chat. Sending clears `warning_at` and stamps `warned_at`, which
m007's trigger and `deadlines` read so that the same silence is not warned again; a new
agent message after a customer's reply starts a new silence, with a new warning moment.

One INSERT…SELECT of the history events (kind `auto_close_warning`, the template and the
chat's fields in the details, rendered as the customer got it by `messages_sent`), then one
UPDATE of the same rows, under the write lock. On PostgreSQL, where several desks run a
pass at once, the pass locks the enabled instances' settings rows FOR UPDATE first
(`lock_settings`): passes take turns, and the second one's statements see what the first
already closed and warned.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peewee import Case, Expression, ModelSelect, Value, fn

from app.core.audit import history
from app.core.storage import dialect
from app.core.storage.models import AutoCloseSettings, Chat, HistoryEvent, Instance, to_millis
from app.core.watcher.closing_sql import HISTORY_COLUMNS
from app.core.watcher.due import CHAT_SNAPSHOT, SECTION_KEY, with_settings
from app.i18n import _, format_duration

# What a warning's history event keeps: the template and the chat's fields that fill it.
DETAILS = tuple(
    sorted(
        (
            *CHAT_SNAPSHOT,
            ("minutes_before", AutoCloseSettings.warning_minutes_before),
            ("warning_message", AutoCloseSettings.warning_message),
        ),
        key=lambda pair: pair[0],
    )
)


def warning_condition(now: datetime) -> Expression:
    """The warning moment has come and the deadline has not (index `chat_warning`)."""
    at = to_millis(now)
    return (Chat.warning_at <= at) & (Chat.deadline_at > at)


def warning_summary(minutes_before: int) -> str:
    """The history line: "Aviso de encerramento enviado (10 minutos antes)"."""
    return _("Closing warning sent ({time} before closing)").format(
        time=format_duration(minutes_before)
    )


def _warned(now: datetime, *columns: Any) -> ModelSelect[Any]:
    return (
        with_settings(Chat.select(*columns)).join_from(Chat, Instance).where(warning_condition(now))
    )


def _groups(now: datetime) -> list[tuple]:
    """(instance id, name, minutes before, count) of the instances with warnings due."""
    columns = (Chat.instance, Instance.name, AutoCloseSettings.warning_minutes_before)
    query = _warned(now, *columns, fn.COUNT(Chat.id)).group_by(*columns).order_by(Instance.name)
    return list(query.tuples())  # type: ignore[arg-type]


def lock_settings() -> None:
    """PostgreSQL: make the passes of several desks take turns (see the module's doc)."""
    if dialect.is_postgres():
        AutoCloseSettings.select(AutoCloseSettings.instance).where(
            AutoCloseSettings.enabled == True  # noqa: E712 (SQL, not Python)
        ).for_update().execute()


def send_due_warnings(now: datetime) -> list[tuple]:
    """Record every warning due at `now` as sent, in one transaction; returns `_groups`.

    Runs after the pass closed what is due, inside its transaction (and `lock_settings`).
    """
    # After the closing of the same pass, a moment that has come is a warning to send: one
    # seek in `chat_warning` answers the usual case (none).
    if not Chat.select().where(Chat.warning_at <= to_millis(now)).exists():
        return []
    with dialect.write_transaction():
        groups = _groups(now)
        if not groups:
            return []
        minutes = sorted({group[2] for group in groups})
        summaries = Case(
            AutoCloseSettings.warning_minutes_before,
            [(m, warning_summary(m)) for m in minutes],
            None,
        )
        details = dialect.json_object(*(part for key, field in DETAILS for part in (key, field)))
        rows = _warned(
            now,
            Chat.instance,
            Instance.name,
            Value(to_millis(now)),
            Value(history.KIND_AUTO_CLOSE_WARNING),
            Value(SECTION_KEY),
            summaries,
            details,
            Chat.external_id,
        )
        inserted = HistoryEvent.insert_from(rows, HISTORY_COLUMNS).as_rowcount().execute()
        warned = Chat.update(warning_at=None, warned_at=now).where(warning_condition(now)).execute()
        expected = sum(group[-1] for group in groups)
        if not warned == inserted == expected:  # cannot happen under the lock
            raise RuntimeError(f"warned {warned}, wrote {inserted} events, {expected} due")
    return groups
