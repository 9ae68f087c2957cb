"""Saving a Chatwoot connection: validated, checked against the (fake) server, token kept."""

from __future__ import annotations

import json
import os
import socket
import stat

import pytest

from app.core.chatwoot import connection
from app.core.storage.models import Connection, HistoryEvent
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN


def settings_for(fake, **changes):
    values = {"url": fake.url, "account": ACCOUNT_ID, "inbox": INBOX_ID, "token": TOKEN}
    values.update(changes)
    settings, problems = connection.validate(**values)
    assert problems == []
    return settings


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:3000",
        "http://127.0.0.1:3000/",
        "http://[::1]:3000",
        "https://chat.loja.com.br",
    ],
)
def test_accepted_addresses(url):
    settings, problems = connection.validate(url, "7", 3, "abc")
    assert problems == [] and not settings.url.endswith("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://chat.loja.com.br",  # plain http to another machine
        "http://192.168.0.10:3000",
        "http://localhost.evil.com",
        "ftp://chat.loja.com.br",
        "chat.loja.com.br",
        "https://user:pw@chat.loja.com.br",
        "https://chat.loja.com.br/?x=1",
        "https://chat.loja.com.br:99999",
        "",
    ],
)
def test_refused_addresses(url):
    settings, problems = connection.validate(url, 7, 3, "abc")
    assert settings is None and [p.path for p in problems] == ["url"]


def test_ids_and_token_are_checked_and_the_token_never_echoed():
    secret = "abc def"
    settings, problems = connection.validate("https://x.com.br", "0", "três", secret)
    assert settings is None
    assert [p.path for p in problems] == ["account", "inbox", "token"]
    assert all(secret not in p.message for p in problems)
    assert TOKEN not in repr(connection.Settings("https://x", 1, 2, TOKEN))


def test_saves_after_checking_and_never_shows_the_token(fake_chatwoot, make_instance, clock):
    instance = make_instance()
    result = connection.save(instance, settings_for(fake_chatwoot), clock.now())
    assert result.inbox_name == "WhatsApp Loja" and result.warnings == ()
    assert fake_chatwoot.count("GET", f"/inboxes/{INBOX_ID}$") == 1
    stored = connection.get(instance)
    assert stored.token == TOKEN and TOKEN not in repr(stored) and TOKEN not in str(stored)
    shown = json.dumps(connection.describe(stored, instance.name))
    assert TOKEN not in shown and '"queued_actions": 0' in shown
    events = [e.summary + json.dumps(e.details) for e in HistoryEvent.select()]
    assert events and all(TOKEN not in e for e in events)


@pytest.mark.parametrize(
    ("change", "path"),
    [({"token": "refused-token"}, "token"), ({"inbox": 99}, "inbox"), ({"account": 8}, "account")],
)
def test_each_refusal_has_its_field_and_stores_nothing(
    fake_chatwoot, make_instance, clock, change, path
):
    instance = make_instance()
    with pytest.raises(connection.CheckFailed) as info:
        connection.save(instance, settings_for(fake_chatwoot, **change), clock.now())
    assert info.value.problem.path == path and not info.value.unreachable
    assert Connection.select().count() == 0


def test_unreachable_server_stores_nothing(make_instance, clock):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings, _ = connection.validate(f"http://127.0.0.1:{port}", 7, 3, TOKEN)
    with pytest.raises(connection.CheckFailed) as info:
        connection.save(make_instance(), settings, clock.now())
    assert info.value.unreachable and "127.0.0.1" in info.value.problem.message
    assert Connection.select().count() == 0


@pytest.mark.parametrize(
    "account_fields",
    [
        {"settings": {"auto_resolve_after": 1440}},
        {"auto_resolve_duration": 7, "settings": {}},
    ],
)
def test_warns_when_chatwoots_own_auto_resolve_is_on(
    fake_chatwoot, make_instance, clock, account_fields
):
    fake_chatwoot.state.account.update(account_fields)
    result = connection.save(make_instance(), settings_for(fake_chatwoot), clock.now())
    assert [w.path for w in result.warnings] == ["account"]
    assert result.warnings[0].warning


def test_saving_again_replaces_and_lifts_a_pause(fake_chatwoot, make_instance, clock):
    instance = make_instance()
    connection.save(instance, settings_for(fake_chatwoot), clock.now())
    connection.pause(instance.id, "token recusado", clock.now())
    assert connection.get(instance).paused_reason
    connection.save(instance, settings_for(fake_chatwoot), clock.now())
    assert Connection.select().count() == 1 and connection.get(instance).paused_reason is None


def test_remove(fake_chatwoot, make_instance, clock):
    instance = make_instance()
    connection.save(instance, settings_for(fake_chatwoot), clock.now())
    assert connection.remove(instance, clock.now())
    assert connection.get(instance) is None
    assert not connection.remove(instance, clock.now())


@pytest.mark.sqlite_only("file permissions")
def test_the_database_file_is_its_owners_only(db_path, db):
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
