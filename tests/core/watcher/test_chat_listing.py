"""The Atendimentos listing: status filters, order, and each chat's deadline from core."""

from __future__ import annotations

from datetime import timedelta

from app.core.storage.models import Chat, from_millis
from app.core.watcher import auto_close, chat_listing


def add_chat(instance, external_id, now, agent_ago=None, customer_ago=None, **fields):
    data = {"status": "open", "handler": "human", "assigned_via": "operator"}
    data.update(fields)
    return Chat.create(
        instance=instance,
        external_id=external_id,
        last_agent_message_at=None if agent_ago is None else now - agent_ago,
        last_customer_message_at=None if customer_ago is None else now - customer_ago,
        **data,
    )


def test_filters_order_and_deadlines(make_instance, clock):
    now = clock.now()
    shop = make_instance()
    auto_close.save(
        shop,
        {
            "enabled": True,
            "timeout_minutes": 60,
            "close_assigned_by_operator": True,
            "close_started_by_bot_or_workflow": False,
            "closing_message": None,
        },
        clock,
    )
    add_chat(shop, "later", now, agent_ago=timedelta(minutes=10))
    add_chat(shop, "sooner", now, agent_ago=timedelta(minutes=50))
    add_chat(
        shop, "waiting", now, agent_ago=timedelta(minutes=50), customer_ago=timedelta(minutes=5)
    )
    add_chat(shop, "bot", now, agent_ago=timedelta(minutes=1), handler="bot", assigned_via=None)
    add_chat(
        shop,
        "done",
        now,
        agent_ago=timedelta(minutes=1),
        status="closed",
        closed_at=now,
        closed_by="agent",
    )
    other = make_instance("Loja Norte", phone="+5511987654321")
    add_chat(other, "elsewhere", now, agent_ago=timedelta(minutes=59))

    rows = list(chat_listing.listing(shop, "open"))
    assert [c.external_id for c in rows] == ["sooner", "later", "bot", "waiting"]
    deadlines = {c.external_id: c.closes_at_ms for c in rows}
    assert from_millis(deadlines["sooner"]) == now + timedelta(minutes=10)
    assert from_millis(deadlines["later"]) == now + timedelta(minutes=50)
    assert deadlines["waiting"] is None and deadlines["bot"] is None

    assert [c.external_id for c in chat_listing.listing(shop, "closed")] == ["done"]
    assert [c.external_id for c in chat_listing.listing(shop, "all")][-1] == "done"
    assert chat_listing.count(shop, "open") == 4
    assert chat_listing.count(shop, "all") == 5
