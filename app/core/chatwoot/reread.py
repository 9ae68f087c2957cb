"""What the re-read just before acting decides (`delivery`): a new message, and the chat
opened again when Chatwoot's conversation moved on without Atende."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.core.chatwoot.mapping import INCOMING, OUTGOING
from app.core.schedule.store import load_agenda
from app.core.storage.models import Chat, Instance, SyncedConversation
from app.core.watcher import deadlines


def newer_message(
    conversation: dict[str, Any], details: dict[str, Any], ours: set[str], in_flight: set[str]
) -> dict[str, Any] | None:
    """The newest customer or agent message if it came after the closing decision and Atende
    did not send it, else None (activity messages and private notes never count).

    `ours`: ids of the messages Atende sent in this conversation; `in_flight`: the texts of
    those it may have sent without hearing back (a lost answer, a crash)."""
    message = conversation.get("last_non_activity_message") or {}
    if message.get("message_type") not in (INCOMING, OUTGOING) or message.get("private"):
        return None
    if str(message.get("id")) in ours:
        return None
    if message.get("message_type") == OUTGOING and message.get("content") in in_flight:
        return None
    return message if (message.get("created_at") or 0) > decision_seconds(details) else None


def decision_seconds(details: dict[str, Any]) -> int:
    """The newest message the closing decision knew of, in Chatwoot's epoch seconds."""
    known = max(
        details.get("last_agent_message_at") or 0, details.get("last_customer_message_at") or 0
    )
    return int(known) // 1000


def keep_open(instance_id: int, external_id: str, conversation: dict[str, Any], newer) -> None:
    """The chat closed here before Chatwoot agreed: open it again (or note it was resolved
    there) and make the next sync read the conversation afresh."""
    status = conversation.get("status")
    where = (Chat.instance == instance_id) & (Chat.external_id == external_id)
    if status != "resolved":  # resolved there too: it stays closed here
        fields: dict[str, Any] = {
            "status": "open",
            "closed_at": None,
            "closed_by": None,
            "close_reason": None,
        }
        if status == "pending":
            fields.update(handler="bot", assigned_via=None)
        elif status == "snoozed":
            fields["assigned_via"] = None
        if newer is not None:
            at = datetime.fromtimestamp(newer["created_at"], tz=UTC)
            key = (
                "last_customer_message_at"
                if newer["message_type"] == INCOMING
                else "last_agent_message_at"
            )
            fields[key] = at
        Chat.update(**fields).where(where).execute()
        instance = Instance.get_or_none(Instance.id == instance_id)
        if instance is not None:  # business hours: the triggers leave its instants to Python
            deadlines.fill_missing(instance, load_agenda)
    SyncedConversation.delete().where(
        (SyncedConversation.instance == instance_id)
        & (SyncedConversation.external_id == external_id)
    ).execute()
