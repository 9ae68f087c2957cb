"""Sync (pull) against the fake Chatwoot: mapping, idle cost, leaving the set, faults."""

from __future__ import annotations

import logging

import pytest

from app.core.chatwoot import connection
from app.core.chatwoot.client import ChatwootClient
from app.core.chatwoot.sync import CLOSED_THERE, DELETED_THERE, SyncError, sync_instance
from app.core.storage.models import Chat
from app.core.watcher.chats import get_chat
from app.i18n import _
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN


@pytest.fixture
def connected(fake_chatwoot, make_instance, clock):
    instance = make_instance()
    settings, _ = connection.validate(fake_chatwoot.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(instance, settings, clock.now())
    with ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, TOKEN) as client:
        yield instance, client


def conversation_with_messages(fake, cid, status="open", assigned_by="João", agent_last=True):
    fake.add_conversation(cid)
    fake.add_message(cid, f"Assigned to Ana by {assigned_by}", 2)
    fake.add_message(cid, "Olá", 0)
    if agent_last:
        fake.add_message(cid, "Em que posso ajudar?", 1)
    fake.state.conversations[cid]["status"] = status


def test_first_sync_maps_every_open_conversation(fake_chatwoot, connected, clock):
    instance, client = connected
    conversation_with_messages(fake_chatwoot, 1)
    conversation_with_messages(fake_chatwoot, 2, assigned_by="Robô Loja")
    conversation_with_messages(fake_chatwoot, 3, status="pending")
    conversation_with_messages(fake_chatwoot, 4, status="snoozed")
    conversation_with_messages(fake_chatwoot, 5, status="resolved")
    fake_chatwoot.add_conversation(6, inbox_id=INBOX_ID + 1)  # another inbox
    result = sync_instance(instance, client, clock.now())
    assert (result.updated, result.closed, result.listed) == (4, 0, 4)
    chats = {c.external_id: c for c in Chat.select()}
    assert sorted(chats) == ["1", "2", "3", "4"]
    assert (chats["1"].handler, chats["1"].assigned_via) == ("human", "operator")
    assert chats["2"].assigned_via == "chatbot"
    assert (chats["3"].handler, chats["3"].assigned_via) == ("bot", None)
    assert chats["4"].assigned_via is None  # snoozed: never closed by the due rule
    assert chats["1"].last_agent_message_at > chats["1"].last_customer_message_at
    assert connection.get(instance).last_sync_at == clock.now()


def is_write(message) -> bool:
    sql = message[0] if isinstance(message, tuple) else str(message)
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))


def test_idle_resync_reads_only_the_list_pages(fake_chatwoot, connected, clock, caplog):
    instance, client = connected
    for cid in range(1, 61):
        conversation_with_messages(fake_chatwoot, cid)
    sync_instance(instance, client, clock.now())
    fake_chatwoot.requests.clear()
    caplog.set_level(logging.DEBUG, logger="peewee")  # Peewee logs each statement it runs
    caplog.clear()
    result = sync_instance(instance, client, clock.now())
    assert result.updated == 0
    # Only the connection's row (last sync, error cleared): not one per conversation.
    writes = [r for r in caplog.records if r.name == "peewee" and is_write(r.msg)]
    assert not [w for w in writes if "synced_conversation" in str(w.msg)]
    assert 1 <= len(writes) <= 2  # (the connection row is written: the log is read)
    # open: 25 + 25 + 10; pending and snoozed: one empty page each
    assert dict(fake_chatwoot.requests) == {
        ("GET", f"/api/v1/accounts/{ACCOUNT_ID}/conversations"): 5
    }


def test_a_changed_conversation_costs_one_messages_request(fake_chatwoot, connected, clock):
    instance, client = connected
    for cid in range(1, 31):
        conversation_with_messages(fake_chatwoot, cid)
    sync_instance(instance, client, clock.now())
    fake_chatwoot.add_message(17, "Ainda está aí?", 0)
    fake_chatwoot.requests.clear()
    assert sync_instance(instance, client, clock.now()).updated == 1
    assert fake_chatwoot.count("GET", "/messages$") == 1
    assert fake_chatwoot.count("GET", "/conversations/17/messages$") == 1
    chat = get_chat(instance, "17")
    assert chat.last_customer_message_at > chat.last_agent_message_at


def test_resolved_or_deleted_there_closes_here(fake_chatwoot, connected, clock):
    instance, client = connected
    for cid in (1, 2, 3):
        conversation_with_messages(fake_chatwoot, cid)
    sync_instance(instance, client, clock.now())
    fake_chatwoot.state.conversations[1]["status"] = "resolved"
    del fake_chatwoot.state.conversations[2]
    result = sync_instance(instance, client, clock.now())
    assert (result.updated, result.closed) == (2, 2)
    one, two = get_chat(instance, "1"), get_chat(instance, "2")
    assert (one.status, one.closed_by, one.close_reason) == ("closed", "agent", _(CLOSED_THERE))
    assert (two.status, two.close_reason) == ("closed", _(DELETED_THERE))
    assert get_chat(instance, "3").status == "open"
    fake_chatwoot.requests.clear()
    assert sync_instance(instance, client, clock.now()).updated == 0  # asked once, not again
    assert fake_chatwoot.count("GET", r"/conversations/\d+$") == 0


def test_a_conversation_that_moves_up_while_paging_is_not_closed(fake_chatwoot, connected, clock):
    instance, client = connected
    for cid in range(1, 41):
        conversation_with_messages(fake_chatwoot, cid)
    sync_instance(instance, client, clock.now())
    # Before page 2 is read, the oldest conversation (last page) gets a reply: it jumps to
    # page 1, already read, and the pages shift under the reader.
    fake_chatwoot.before(
        "/conversations$", lambda: fake_chatwoot.add_message(1, "oi?", 0), "page=2"
    )
    sync_instance(instance, client, clock.now())
    assert get_chat(instance, "1").status == "open"
    assert Chat.select().where(Chat.status == "closed").count() == 0


def test_a_refused_token_pauses_the_connection_and_writes_nothing(fake_chatwoot, connected, clock):
    instance, _client = connected
    conversation_with_messages(fake_chatwoot, 1)
    with ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, "revoked") as client:
        with pytest.raises(SyncError) as info:
            sync_instance(instance, client, clock.now())
    assert "token" in str(info.value) and "revoked" not in str(info.value)
    assert connection.get(instance).paused_reason
    assert Chat.select().count() == 0


def test_a_server_error_mid_sync_writes_nothing(fake_chatwoot, connected, clock):
    instance, client = connected
    for cid in range(1, 31):
        conversation_with_messages(fake_chatwoot, cid)
    fake_chatwoot.fail(500, path="/messages$", times=1)
    with pytest.raises(SyncError):
        sync_instance(instance, client, clock.now())
    assert Chat.select().count() == 0
    assert connection.get(instance).last_error and not connection.get(instance).paused_reason
    assert sync_instance(instance, client, clock.now()).updated == 30  # nothing was lost
    assert connection.get(instance).last_error is None
