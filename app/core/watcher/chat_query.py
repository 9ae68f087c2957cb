"""Reading an instance's chats: the listing order of `chats list` and a chat by its id."""

from __future__ import annotations

from peewee import fn

from app.core.storage import dialect
from app.core.storage.models import Chat, Instance


def chats_query(instance: Instance, status: str | None = None):
    """The instance's chats, most recent activity (a message or the closing) first; lazy."""
    last_activity = dialect.greatest(
        fn.COALESCE(Chat.last_agent_message_at, 0),
        fn.COALESCE(Chat.last_customer_message_at, 0),
        fn.COALESCE(Chat.closed_at, 0),
    )
    query = Chat.select().where(Chat.instance == instance)
    if status is not None:
        query = query.where(Chat.status == status)
    return query.order_by(last_activity.desc(), Chat.external_id)


def get_chat(instance: Instance, external_id: str) -> Chat | None:
    return Chat.get_or_none((Chat.instance == instance) & (Chat.external_id == external_id))
