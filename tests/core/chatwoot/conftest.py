"""The fake Chatwoot server for every test here, and a shop whose chats were just closed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.core.chatwoot import connection
from app.core.chatwoot.client import ChatwootClient
from app.core.chatwoot.sync import sync_instance
from app.core.watcher.closing import close_due
from tests import fake_chatwoot as fake_module
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN, enable_auto_close

fake_chatwoot = fake_module.fake_chatwoot  # the fixture, for every test here

CONVERSATIONS = (1, 2, 3)


@pytest.fixture
def shop(fake_chatwoot, make_instance, clock):
    instance = make_instance()
    enable_auto_close(instance.id, "Obrigado, {{primeiro_nome}}!")
    settings, _problems = connection.validate(fake_chatwoot.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(instance, settings, clock.now())
    for cid in CONVERSATIONS:
        fake_chatwoot.add_waiting_conversation(cid, f"Cliente{cid} Souza")
    client = ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, TOKEN, timeout=2)
    sync_instance(instance, client, clock.now())
    assert close_due(clock.now()).total == len(CONVERSATIONS)  # writes the outbox rows too
    fake_chatwoot.requests.clear()
    yield SimpleNamespace(instance=instance, fake=fake_chatwoot, client=client, now=clock.now())
    client.close()
