"""The due rule of Encerramento automático (SPEC §6, §12): which chats are due, and when.

The rule of SPEC §6 is written once, as SQL (`eligible_condition`), over `chat` joined with
its instance's `auto_close_settings` row (no row = auto-close disabled). Each eligible chat
stores its deadline (`chat.deadline_at`) and its warning moment (`chat.warning_at`):
migration m007's triggers fill them for calendar time (they repeat the rule in raw SQL, as
migrations do), `deadlines` for business hours. Closing, listing the due chats, the
per-chat "encerra em" and the watcher's next wake all read the stored instants.

Where the SPEC is silent: a human chat with no `assigned_via` matches neither switch and is
never closed; an agent message in the same millisecond as the customer's is not "later", so
that chat waits on the operator; "due" includes the exact instant of the deadline.

The chat-side half of the rule (`awaiting_customer`) repeats, with SQL literals, the WHERE of
the partial index `chat_awaiting_customer` (migration m003): SQLite only uses a partial index
when the query states its conditions as literals, not bound parameters. The stored instants
have partial indexes of their own (`chat_deadline`, `chat_warning`): with
them `next_due_at()` answers in microseconds at any size, so the idle watcher costs
nothing. `tests/core/watcher/test_closing.py` checks that the plans really use them.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, cast

from peewee import JOIN, SQL, Expression, ModelSelect, fn

from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, Chat, Instance, from_millis, to_millis
from app.i18n import _, format_duration

# The chat's fields a message is filled from ({{nome}}, {{telefone}}, {{protocolo}},
# {{operador}}): what closings, warnings and outbox rows keep of the chat at that moment.
CHAT_SNAPSHOT = (
    ("customer_name", Chat.customer_name),
    ("operator_name", Chat.operator_name),
    ("phone", Chat.phone),
    ("protocol", Chat.protocol),
)
MINUTE_MS = 60_000
MAX_WAIT_SECONDS = 60.0  # the watcher wakes at least this often (clock jumps, sleep)
SECTION_KEY = "auto_close"


def literal(*values: str) -> SQL:
    """Fixed SQL literals (never user data): `'open'` or `('chatbot', 'workflow')`."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return SQL(quoted if len(values) == 1 else f"({quoted})")


def awaiting_customer() -> Expression:
    """Open, human-handled, and the agent wrote last (or the customer never wrote)."""
    return (
        (Chat.status == literal("open"))
        & (Chat.handler == literal("human"))
        & Chat.last_agent_message_at.is_null(False)
        & (
            Chat.last_customer_message_at.is_null()
            | (Chat.last_agent_message_at > Chat.last_customer_message_at)
        )
    )


def _switch_allows() -> Expression:
    """Who assigned the attendance, and whether the instance's switch for that is on."""
    by_operator = (Chat.assigned_via == literal("operator")) & (
        AutoCloseSettings.close_assigned_by_operator == True  # noqa: E712 (SQL, not Python)
    )
    by_bot = Chat.assigned_via.in_(literal("chatbot", "workflow")) & (
        AutoCloseSettings.close_started_by_bot_or_workflow == True  # noqa: E712
    )
    # The redundant IN lets SQLite walk the index by assigned_via instead of filtering.
    return Chat.assigned_via.in_(literal("operator", "chatbot", "workflow")) & (
        by_operator | by_bot
    )


def eligible_condition() -> Expression:
    """Everything of the rule except the time: the chat will be closed at its deadline."""
    return (AutoCloseSettings.enabled == True) & awaiting_customer() & _switch_allows()  # noqa: E712


def due_condition(now: datetime) -> Expression:
    """The rule of SPEC §6/§12 at `now`: the chat's stored deadline has come.

    `deadline_at` is set only for eligible chats (migration m007's triggers for calendar
    time, `deadlines` for business hours), so this is the whole rule; a comparison on the
    column lets SQLite use the partial index `chat_deadline`.
    """
    return Chat.deadline_at <= to_millis(now)


def with_settings(query: ModelSelect[Any], outer: bool = False) -> ModelSelect[Any]:
    return query.join(
        AutoCloseSettings,
        JOIN.LEFT_OUTER if outer else JOIN.INNER,
        on=(AutoCloseSettings.instance == Chat.instance),
    )


def due_chats(now: datetime, instance: Instance | int | None = None) -> ModelSelect[Any]:
    """The chats that are due at `now` (a query), over all instances or one."""
    query = with_settings(Chat.select(Chat)).where(due_condition(now))
    if instance is not None:
        query = query.where(Chat.instance == instance)
    return query.order_by(Chat.instance, Chat.last_agent_message_at, Chat.id)


# --- deadlines ----------------------------------------------------------------------------


def closes_at_expression() -> Expression:
    """Per chat: the deadline in epoch ms when the watcher will close it, else NULL."""
    return cast(Expression, Chat.deadline_at)


def with_deadline(query: ModelSelect[Any]) -> ModelSelect[Any]:
    """Add `closes_at_ms` (int or None) to a `Chat` query, e.g. for the Atendimentos table."""
    # Raw epoch ms, as the pages and `chats list` expect (not a datetime).
    return query.select_extend(closes_at_expression().alias("closes_at_ms").coerce(False))


def deadline_of(chat: Chat | int) -> datetime | None:
    """When the watcher will close this chat (maybe already past), or None if never."""
    chat_id = chat.id if isinstance(chat, Chat) else chat
    return Chat.select(Chat.deadline_at).where(Chat.id == chat_id).scalar()


def _earliest(column, instance: Instance | int | None) -> ModelSelect[Any]:
    """The MIN of a stored instant: one seek in its partial index (only eligible chats of
    enabled instances have one)."""
    query = Chat.select(fn.MIN(column).alias("due")).where(column.is_null(False))
    if instance is not None:
        query = query.where(Chat.instance == instance)
    return query


def next_due_query(instance: Instance | int | None = None) -> ModelSelect[Any]:
    """SELECT MIN over the next deadline and the next warning (of one instance, or all)."""
    union = _earliest(Chat.deadline_at, instance) + _earliest(Chat.warning_at, instance)
    return Chat.select(fn.MIN(SQL("due")).coerce(False)).from_(union.alias("instants"))


def next_due_at(instance: Instance | int | None = None) -> datetime | None:
    """The earliest deadline or warning of any chat (maybe already past), in one query.

    The MIN of `deadline_at` and of `warning_at` in their partial indexes. Pass
    `instance` for one instance only (a status line).
    """
    instance_id = instance.id if isinstance(instance, Instance) else instance
    sql, params = _next_due_sql(instance_id, dialect.name())
    value = database.execute_sql(sql, params).fetchone()[0]
    return None if value is None else from_millis(value)


def next_closing_at(instance: Instance | int | None = None) -> datetime | None:
    """The earliest deadline alone (no warning moments): "next closure" on a status line."""
    return _earliest(Chat.deadline_at, instance).scalar()


@lru_cache(maxsize=64)
def _next_due_sql(instance_id: int | None, _dialect: str) -> tuple[str, list]:
    """The compiled query: building it costs ~50× more than SQLite takes to answer it."""
    return next_due_query(instance_id).sql()


def next_wake_delay(next_due: datetime | None, now: datetime) -> float:
    """Seconds to sleep before the next pass: until `next_due`, at most a minute."""
    if next_due is None:
        return MAX_WAIT_SECONDS
    return min(max((next_due - now).total_seconds(), 0.0), MAX_WAIT_SECONDS)


def closing_reason(timeout_minutes: int) -> str:
    """The close_reason and history summary: "Cliente sem resposta há 5 horas"."""
    return _("Customer without reply for {duration}").format(
        duration=format_duration(timeout_minutes)
    )
