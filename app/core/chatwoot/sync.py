"""Sync (pull): the open, pending and snoozed conversations of the inbox become the
instance's chats; those that left that set become closed (SPEC §13).

Cheap when nothing changed: the list pages carry each conversation's `last_activity_at`,
kept per chat in `synced_conversation`, so only a conversation whose activity moved (or a
new one) costs a request for its messages — an idle sync of an unchanged inbox reads the
list pages and nothing else. A conversation missing from the pages is asked for by itself
before it is closed: the list is ordered by activity, so one that moved to the first page
while we read the later ones can be absent without having left.

Chats with a closing still waiting in the outbox are left alone: the delivery re-reads the
conversation just before acting and decides then. Everything one sync learned is written in
one transaction; chats go through `app.core.watcher.chats.upsert_chats`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from peewee import chunked, fn

from app.core.chatwoot import connection as connections
from app.core.chatwoot.client import OPEN_STATUSES, ChatwootClient, ChatwootError, NotFound
from app.core.chatwoot.mapping import Known, chat_data, chat_row, instant
from app.core.storage.db import database
from app.core.storage.models import (
    Chat,
    Connection,
    Instance,
    OutboxRow,
    SyncedConversation,
    to_millis,
)
from app.core.watcher.chats import upsert_chats
from app.i18n import N_, _

WORKERS = 8  # messages fetched at once for changed conversations
BATCH = 5000  # ids per IN (…), well within SQLite's bound variables
CLOSED_THERE = N_("resolved in Chatwoot")
DELETED_THERE = N_("deleted in Chatwoot")


@dataclass(frozen=True)
class SyncResult:
    instance_name: str
    updated: int  # chats created or changed (closures included)
    closed: int  # of which closed because they left the open set
    listed: int  # conversations in the open set


class SyncError(Exception):
    """The sync stopped (nothing written); `str()` is Portuguese, without the token."""


def sync_instance(
    instance: Instance, client: ChatwootClient, now: datetime, workers: int = WORKERS
) -> SyncResult:
    conn = connections.get(instance)
    if conn is None:
        raise SyncError(_("{instance} has no Chatwoot connection.").format(instance=instance.name))
    try:
        result = _pull(instance, conn, client, now, workers)
    except ChatwootError as exc:
        _failed(instance.id, exc, now)
        raise SyncError(str(exc)) from None
    connections.record_error(instance.id, None, now)
    Connection.update(last_sync_at=now).where(Connection.instance == instance.id).execute()
    return result


def _failed(instance_id: int, exc: ChatwootError, now: datetime) -> None:
    if exc.status == 401:
        connections.pause(instance_id, str(exc), now)
    else:
        connections.record_error(instance_id, str(exc), now)


def _pull(
    instance: Instance, conn: Connection, client: ChatwootClient, now: datetime, workers: int
) -> SyncResult:
    listed: dict[str, dict[str, Any]] = {}
    for status in OPEN_STATUSES:
        for conversation in client.conversations(conn.inbox_id, status):
            listed.setdefault(str(conversation["id"]), conversation)
    synced = _synced(instance.id)
    waiting = _waiting_on_outbox(instance.id)
    missing = [
        eid
        for eid, (_at, status) in synced.items()
        if status in OPEN_STATUSES and eid not in listed
    ]
    gone: dict[str, str] = {}
    for external_id, answer in _ask_each(client, missing, workers).items():
        if answer is None:
            gone[external_id] = _(DELETED_THERE)
        elif answer.get("status") in OPEN_STATUSES:
            listed[external_id] = answer  # moved while we paged: still there
        else:
            gone[external_id] = _(CLOSED_THERE)
    # What moved since the last sync (a chat waiting on the outbox is looked at again after
    # the delivery): only these are read in full, and only these are remembered again.
    changed = {
        eid: c
        for eid, c in listed.items()
        if eid not in waiting and synced.get(eid) != (_activity(c), c.get("status"))
    }
    rows = _rows(instance.id, list(changed.values()), client, workers)
    with database.atomic():
        if rows:
            upsert_chats(instance, rows)
        closed = _close_gone(instance.id, [eid for eid in gone if eid not in waiting], gone, now)
        _remember(instance.id, changed, gone)
    return SyncResult(instance.name, len(rows) + closed, closed, len(listed))


def _activity(conversation: dict[str, Any]) -> int:
    return int(conversation.get("last_activity_at") or 0) * 1000


def _synced(instance_id: int) -> dict[str, tuple[int, str]]:
    query = SyncedConversation.select(
        SyncedConversation.external_id,
        SyncedConversation.last_activity_at,
        SyncedConversation.status,
    ).where(SyncedConversation.instance == instance_id)
    rows = cast(Iterable[tuple[str, datetime, str]], query.tuples())
    return {eid: (to_millis(at), status) for eid, at, status in rows}


def _waiting_on_outbox(instance_id: int) -> set[str]:
    query = OutboxRow.select(fn.DISTINCT(OutboxRow.chat_external_id)).where(
        (OutboxRow.instance == instance_id)
        & OutboxRow.outcome.is_null()
        & (OutboxRow.purpose == "closing")
    )
    return set(query.scalars())


def _ask_each(
    client: ChatwootClient, external_ids: list[str], workers: int
) -> dict[str, dict[str, Any] | None]:
    """Each conversation by itself (None: deleted there)."""

    def ask(external_id: str) -> dict[str, Any] | None:
        try:
            return client.conversation(int(external_id))
        except NotFound:
            return None

    return dict(zip(external_ids, _parallel(ask, external_ids, workers), strict=True))


def _parallel(work: Callable[[Any], Any], items: list[Any], workers: int) -> list[Any]:
    if len(items) <= 1 or workers <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chatwoot") as pool:
        return list(pool.map(work, items))


def _rows(
    instance_id: int, changed: list[dict[str, Any]], client: ChatwootClient, workers: int
) -> list[dict[str, Any]]:
    if not changed:
        return []
    bots = {str(b.get("name")) for b in client.agent_bots()}  # only when something changed
    known = _known(instance_id, [str(c["id"]) for c in changed])
    messages = _parallel(lambda c: _messages_or_none(client, c["id"]), changed, workers)
    return [
        chat_row(chat_data(c, m, bots, known.get(str(c["id"]), Known())))
        for c, m in zip(changed, messages, strict=True)
        if m is not None
    ]


def _messages_or_none(client: ChatwootClient, conversation_id: int) -> list[dict[str, Any]] | None:
    try:
        return client.messages(conversation_id)
    except NotFound:
        return None  # deleted between the list and now: the next sync closes it


def _known(instance_id: int, external_ids: list[str]) -> dict[str, Known]:
    known: dict[str, Known] = {}
    for batch in chunked(external_ids, BATCH):
        query = Chat.select(
            Chat.external_id,
            Chat.last_customer_message_at,
            Chat.last_agent_message_at,
            Chat.assigned_via,
        ).where((Chat.instance == instance_id) & Chat.external_id.in_(batch))
        rows = cast(Iterable[tuple[str, Any, Any, Any]], query.tuples())
        known.update((eid, Known(c, a, via)) for eid, c, a, via in rows)
    return known


def _close_gone(
    instance_id: int, external_ids: list[str], reasons: dict[str, str], now: datetime
) -> int:
    """Close the open chats whose conversation left the set, one UPDATE per reason."""
    closed = 0
    for reason in set(reasons[eid] for eid in external_ids):
        ids = [eid for eid in external_ids if reasons[eid] == reason]
        closed += (
            Chat.update(status="closed", closed_at=now, closed_by="agent", close_reason=reason)
            .where(
                (Chat.instance == instance_id) & (Chat.status == "open") & Chat.external_id.in_(ids)
            )
            .execute()
        )
    return closed


def _remember(instance_id: int, changed: dict[str, dict[str, Any]], gone: dict[str, str]) -> None:
    """What this sync saw move, so the next one can skip what did not (rows already
    remembered as they are are not written again: an idle inbox writes nothing)."""
    rows = [
        {
            "instance": instance_id,
            "external_id": eid,
            "last_activity_at": instant(c.get("last_activity_at")) or instant(1),
            "status": c.get("status") or "open",
        }
        for eid, c in changed.items()
    ]
    for batch in chunked(rows, 500):
        SyncedConversation.insert_many(batch).on_conflict(
            conflict_target=[SyncedConversation.instance, SyncedConversation.external_id],
            preserve=[SyncedConversation.last_activity_at, SyncedConversation.status],
        ).execute()
    if gone:
        SyncedConversation.update(status="gone").where(
            (SyncedConversation.instance == instance_id)
            & SyncedConversation.external_id.in_(list(gone))
        ).execute()
