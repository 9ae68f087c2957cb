"""A Chatwoot conversation (and its newest messages) as an Atende chat (SPEC §13).

Pure functions over the JSON of Chatwoot's views (`_conversation.json.jbuilder`, messages
`index`): no HTTP and no database here, so every rule of the mapping is tested on its own.

- `external_id` = the conversation `id` as text; `customer_name` / `phone` =
  `meta.sender.name` / `phone_number`; `operator_name` = `meta.assignee.name`; `protocol` =
  `custom_attributes.protocolo`.
- `status` `resolved` → closed, else open; `pending` (the bot has it) → handler bot.
- last customer / agent message: the newest incoming (0) / outgoing (1, not private)
  message; activity messages (2) and private notes never count.
- `assigned_via` from the newest assignment activity message, in English or Portuguese:
  by one of the account's agent bots → chatbot; by "Automation System" / "Sistema de
  automação", or no such message (the inbox's auto-assignment) → workflow; else operator.
- A snoozed conversation gets no `assigned_via`: SPEC §6's due rule never closes a human
  chat without one, which is how "snoozed conversations are never closed" is kept without
  the watcher knowing about Chatwoot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.core.common.clock import format_instant
from app.core.watcher.chats import validate_chat

INCOMING, OUTGOING, ACTIVITY = 0, 1, 2
AUTOMATION_NAMES = {"automation system", "sistema de automação"}
_ASSIGNMENT = (
    re.compile(r"^Assigned to (?P<to>.+?) by (?P<by>.+?)\.?$"),
    re.compile(r"^(?P<by>.+?) self-assigned this conversation\.?$"),
    re.compile(r"^Atribuído a (?P<to>.+?) por (?P<by>.+?)\.?$"),
    re.compile(r"^(?P<by>.+?) atribuiu a si mesm[oa] essa conversa\.?$"),
)


@dataclass(frozen=True)
class Known:
    """What Atende already knows of the chat: kept when the newest messages do not say."""

    last_customer_message_at: datetime | None = None
    last_agent_message_at: datetime | None = None
    assigned_via: str | None = None


def instant(seconds: Any) -> datetime | None:
    """Chatwoot's epoch seconds as an aware instant (0 or missing = unknown)."""
    if not isinstance(seconds, (int, float)) or seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


def assigner(message: dict[str, Any]) -> str | None:
    """Who assigned the conversation, if `message` is an assignment activity message."""
    if message.get("message_type") != ACTIVITY:
        return None
    text = " ".join(str(message.get("content") or "").split())
    for pattern in _ASSIGNMENT:
        match = pattern.match(text)
        if match and not match.groupdict().get("to", "").endswith(" team"):
            return match["by"]
    return None


def newest(messages: Iterable[dict[str, Any]], kind: int) -> datetime | None:
    times = [
        m.get("created_at")
        for m in messages
        if m.get("message_type") == kind and not (kind == OUTGOING and m.get("private"))
    ]
    return max((t for t in map(instant, times) if t is not None), default=None)


def assigned_via(messages: list[dict[str, Any]], bot_names: set[str]) -> str | None:
    """`chatbot` / `workflow` / `operator` from the newest assignment message, or None when
    the messages hold none (the caller then keeps what it knew, else `workflow`)."""
    ordered = sorted(messages, key=lambda m: (m.get("created_at") or 0, m.get("id") or 0))
    for message in reversed(ordered):
        by = assigner(message)
        if by is None:
            continue
        if by in bot_names:
            return "chatbot"
        return "workflow" if by.casefold() in AUTOMATION_NAMES else "operator"
    return None


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    return max((t for t in (a, b) if t is not None), default=None)


def chat_data(
    conversation: dict[str, Any],
    messages: list[dict[str, Any]],
    bot_names: set[str],
    known: Known = Known(),
) -> dict[str, Any]:
    """The chat (SPEC §6 fields, JSON values) for an open/pending/snoozed conversation."""
    meta = conversation.get("meta") or {}
    sender = meta.get("sender") or {}
    assignee = meta.get("assignee") or {}
    attributes = conversation.get("custom_attributes") or {}
    status = conversation.get("status")
    handler = "bot" if status == "pending" else "human"
    via = None
    if handler == "human" and status != "snoozed":
        via = assigned_via(messages, bot_names) or known.assigned_via or "workflow"
    customer = _later(newest(messages, INCOMING), known.last_customer_message_at)
    agent = _later(newest(messages, OUTGOING), known.last_agent_message_at)
    protocol = attributes.get("protocolo")
    return {
        "external_id": str(conversation["id"]),
        "customer_name": sender.get("name") or None,
        "phone": sender.get("phone_number") or None,
        "protocol": None if protocol in (None, "") else str(protocol),
        "status": "closed" if status == "resolved" else "open",
        "handler": handler,
        "assigned_via": via,
        "operator_name": assignee.get("name") or None,
        "last_customer_message_at": format_instant(customer) if customer else None,
        "last_agent_message_at": format_instant(agent) if agent else None,
    }


def chat_row(data: dict[str, Any]) -> dict[str, Any]:
    """The row `upsert_chats` takes, through the same validation as a chats file. A value
    Atende cannot keep (a phone it does not understand, a name too long) becomes empty
    rather than keeping the whole conversation out."""
    row, problems = validate_chat(data, "chat")
    if row is not None:
        return row
    bad = {p.path.split(".", 1)[1] for p in problems if "." in p.path}
    cleaned = {
        k: (None if k in bad and k not in ("external_id", "status", "handler") else v)
        for k, v in data.items()
    }
    row, problems = validate_chat(cleaned, "chat")
    if row is None:
        raise ValueError("; ".join(map(str, problems)))
    return row
