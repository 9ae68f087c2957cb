"""The demo gives the watcher visible work: one chat overdue, others closing within minutes."""

from __future__ import annotations

from datetime import timedelta

from app.core.instances.store import get_by_name
from app.core.storage.models import AutoCloseSettings, Chat
from app.core.templates.syntax import validate_content
from app.core.watcher import closing
from app.demo.chats import CLOSING_MESSAGE
from app.demo.instances import populate_if_empty


def open_ids():
    return sorted(c.external_id for c in Chat.select().where(Chat.status == "open"))


def test_demo_chats_close_soon_after_start(db, clock):
    assert populate_if_empty(clock)
    shop = get_by_name("Padaria Pão Quente")
    settings = AutoCloseSettings.get(AutoCloseSettings.instance == shop)
    assert settings.enabled and settings.timeout_minutes == 30
    assert validate_content(CLOSING_MESSAGE, "closing_message") == []
    assert Chat.select().where(Chat.instance == shop).count() == 8
    now = clock.now()
    assert closing.next_due_at() == now - timedelta(minutes=50)  # overdue at start
    assert closing.close_due(now).total == 1
    assert closing.next_due_at() == now + timedelta(minutes=2)
    assert closing.close_due(now + timedelta(minutes=30)).total == 4
    # Waiting on the operator, handled by the bot: never closed by the watcher.
    assert open_ids() == ["wa-1046", "wa-1047"]
    assert closing.next_due_at() is None
    assert not populate_if_empty(clock)  # idempotent
    assert Chat.select().count() == 8
