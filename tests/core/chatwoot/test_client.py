"""The Chatwoot client against the fake server: shapes, typed errors, the token kept secret."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime

import pytest

from app.core.chatwoot.client import (
    DEFAULT_RETRY_AFTER,
    BadResponse,
    ChatwootClient,
    NotFound,
    RateLimited,
    ServerError,
    TimedOut,
    Unauthorized,
    Unreachable,
    parse_retry_after,
)
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN


@pytest.fixture
def client(fake_chatwoot):
    with ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, TOKEN, timeout=2) as c:
        yield c


def test_reads_the_inbox_account_and_bots(client):
    assert client.inbox(INBOX_ID)["name"] == "WhatsApp Loja"
    assert client.account()["settings"]["auto_resolve_after"] is None
    assert [b["name"] for b in client.agent_bots()] == ["Robô Loja"]


def test_pages_through_25_per_page_with_one_connection(fake_chatwoot, client):
    for n in range(1, 61):
        fake_chatwoot.add_conversation(n)
    fake_chatwoot.add_conversation(99, status="resolved")
    ids = [c["id"] for c in client.conversations(INBOX_ID, "open")]
    assert sorted(ids) == list(range(1, 61))
    assert fake_chatwoot.count("GET", "/conversations$") == 3  # 25 + 25 + 10
    assert fake_chatwoot.connections == 1


def test_a_full_last_page_needs_no_empty_page_after_it(fake_chatwoot, client):
    for n in range(1, 51):
        fake_chatwoot.add_conversation(n)
    assert len(list(client.conversations(INBOX_ID, "open"))) == 50
    assert fake_chatwoot.count("GET", "/conversations$") == 2  # all_count says 50


def test_sends_a_public_outgoing_message_and_resolves(fake_chatwoot, client):
    fake_chatwoot.add_conversation(5)
    client.send_message(5, "Obrigado!")
    assert client.resolve(5)["current_status"] == "resolved"
    assert fake_chatwoot.sent(5) == ["Obrigado!"]
    assert client.messages(5)[-1]["message_type"] == 1


def test_refused_token_is_unauthorized_without_the_token_anywhere(fake_chatwoot, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "wrong-token-123456"
    client = ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, secret)
    with pytest.raises(Unauthorized) as info:
        client.inbox(INBOX_ID)
    client.close()
    shown = [str(info.value), repr(info.value), repr(client), caplog.text]
    assert not any(secret in text for text in shown)


def test_unknown_inbox_and_account_are_not_found(fake_chatwoot, client):
    with pytest.raises(NotFound):
        client.inbox(999)
    with pytest.raises(NotFound):
        ChatwootClient(fake_chatwoot.url, 8, TOKEN).account()


def test_429_carries_retry_after(fake_chatwoot, client):
    fake_chatwoot.fail(429, retry_after="7")
    with pytest.raises(RateLimited) as info:
        client.inbox(INBOX_ID)
    assert info.value.retry_after == 7 and info.value.transient


def test_5xx_is_transient_and_uncertain(fake_chatwoot, client):
    fake_chatwoot.fail(502)
    with pytest.raises(ServerError) as info:
        client.inbox(INBOX_ID)
    assert info.value.transient and info.value.uncertain and info.value.status == 502
    assert client.inbox(INBOX_ID)["id"] == INBOX_ID  # the next request is fine


def test_a_server_that_never_answers_times_out(fake_chatwoot):
    fake_chatwoot.hang("/inboxes")
    with ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, TOKEN, timeout=0.3) as client:
        with pytest.raises(TimedOut) as info:
            client.inbox(INBOX_ID)
    assert info.value.uncertain


def test_nobody_listening_is_unreachable_and_certain():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nobody listens there
    with ChatwootClient(f"http://127.0.0.1:{port}", ACCOUNT_ID, TOKEN) as client:
        with pytest.raises(Unreachable) as info:
            client.inbox(INBOX_ID)
    assert info.value.transient and not info.value.uncertain
    assert "127.0.0.1" in str(info.value)


def test_a_redirect_is_not_followed(fake_chatwoot, client):
    fake_chatwoot.fail(302)
    with pytest.raises(BadResponse):
        client.inbox(INBOX_ID)


def test_parse_retry_after():
    now = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
    assert parse_retry_after("12") == 12
    assert parse_retry_after("Wed, 12 Mar 2025 13:00:30 GMT", now) == 30
    assert parse_retry_after("soon") == DEFAULT_RETRY_AFTER
    assert parse_retry_after(None) == DEFAULT_RETRY_AFTER
