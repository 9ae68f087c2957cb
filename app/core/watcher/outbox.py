"""The outbox rows a closing pass writes: what a connector must then do on the platform.

The watcher decides and writes rows; a connector (`app.core.chatwoot.delivery`) delivers
them, so the watcher never knows which platform is behind a connection (STYLE).

`enqueue_closings(now)` runs inside the closing pass's transaction, right after the
UPDATE that closed the chats: for each chat closed at `now` by the pass in an instance that
has a connection, one `message` row (when the instance has a closing message) and one
`resolve` row, as INSERT…SELECT (set-based). `enqueue_warnings(now)` does the same for the
chats the pass warned at `now` (a `message` row with the warning). The UNIQUE key of the
table makes a second call for the same moment write nothing. Each row keeps, in `details`,
the template and the chat's fields of that moment, so the message can be rendered exactly
as the history shows it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peewee import SQL, Value

from app.core.storage import dialect
from app.core.storage.models import (
    AutoCloseSettings,
    Chat,
    Connection,
    Instance,
    OutboxRow,
    to_millis,
)
from app.core.watcher.due import CHAT_SNAPSHOT, literal

# The snapshot kept per row: the template, the chat as it was, the instance's name.
_DETAILS = (
    *CHAT_SNAPSHOT,
    ("last_customer_message_at", Chat.last_customer_message_at),
    ("last_agent_message_at", Chat.last_agent_message_at),
    ("instance_name", Instance.name),
)
_FIELDS = "instance chat_external_id kind purpose due_at content details created_at next_try_at"
COLUMNS = tuple(getattr(OutboxRow, name) for name in _FIELDS.split())


def _acted_now(now: datetime, kind: str, purpose: str) -> Any:
    """The chats the pass closed (or warned) at `now`, as outbox rows to INSERT…SELECT."""
    at = to_millis(now)
    template = (
        AutoCloseSettings.closing_message
        if purpose == "closing"
        else AutoCloseSettings.warning_message
    )
    snapshot = (("template", template), *_DETAILS)
    details = dialect.json_object(*(part for key, field in snapshot for part in (key, field)))
    query = (
        Chat.select(
            Chat.instance,
            Chat.external_id,
            Value(kind),
            Value(purpose),
            Value(at),
            SQL("NULL"),
            details,
            Value(at),
            Value(at),
        )
        .join(Connection, on=(Connection.instance == Chat.instance))
        .join_from(Chat, Instance)
        .join_from(Chat, AutoCloseSettings, on=(AutoCloseSettings.instance == Chat.instance))
    )
    if purpose == "closing":
        query = query.where(
            (Chat.status == literal("closed"))
            & (Chat.closed_by == literal("auto"))
            & (Chat.closed_at == at)
        )
    else:
        query = query.where((Chat.status == literal("open")) & (Chat.warned_at == at))
    if kind == "message":
        query = query.where(template.is_null(False) & (template != ""))
    return query


def enqueue_closings(now: datetime) -> int:
    """Queue the closing message and the resolve of every chat the pass closed at `now`
    (connected instances only). Call inside the pass's transaction; returns rows written."""
    # The message first: row ids order the delivery of a chat.
    return _insert(now, "message", "closing") + _insert(now, "resolve", "closing")


def enqueue_warnings(now: datetime) -> int:
    """Queue the warning message of every chat the pass warned at `now` (connected
    instances only). Call inside the pass's transaction, after the warnings were recorded."""
    return _insert(now, "message", "warning")


def _insert(now: datetime, kind: str, purpose: str) -> int:
    query = _acted_now(now, kind, purpose)
    return OutboxRow.insert_from(query, COLUMNS).on_conflict_ignore().as_rowcount().execute()
