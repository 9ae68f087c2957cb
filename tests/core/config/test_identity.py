"""Editing an instance: a new time zone moves the deadlines counted in business hours."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.config.identity import edit_instance
from app.core.schedule import store as schedule
from app.core.storage.models import Chat
from app.core.watcher import auto_close
from app.core.watcher.deadlines import fill_missing

FRIDAY_1750_SAO_PAULO = datetime(2025, 3, 14, 20, 50, tzinfo=UTC)


def business_shop(make_instance, clock):
    shop = make_instance("Loja Centro")
    week = schedule.default_values()
    week.update(enabled=True, holidays=None)
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        week["week"][day] = [["08:00", "18:00"]]
    schedule.save(shop, week, clock)
    values = auto_close.defaults()
    values.update(enabled=True, timeout_minutes=60, count="business_hours")
    auto_close.save(shop, values, clock)
    Chat.create(
        instance=shop,
        external_id="c1",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=FRIDAY_1750_SAO_PAULO,
    )
    fill_missing(shop, schedule.load_agenda)  # what chats import does after writing
    return shop


def fields(shop, **changes):
    data = {k: getattr(shop, k) for k in ("name", "phone", "plan", "timezone")}
    data.update(changes)
    return data


def deadline_of(shop):
    return Chat.get(Chat.instance == shop).deadline_at


def test_a_new_zone_moves_business_hours_deadlines(make_instance, clock):
    shop = business_shop(make_instance, clock)
    # Friday 17:50 in São Paulo, 1 h of 08–18: Monday 08:50 there (11:50 UTC).
    assert deadline_of(shop) == datetime(2025, 3, 17, 11, 50, tzinfo=UTC)
    edit_instance(shop, fields(shop, timezone="America/Manaus"), clock)
    # The same instant is Friday 16:50 in Manaus: 1 h of 08–18 there ends Friday 17:50.
    assert deadline_of(shop) == datetime(2025, 3, 14, 21, 50, tzinfo=UTC)


def test_a_new_name_leaves_the_deadlines_alone(make_instance, clock):
    shop = business_shop(make_instance, clock)
    before = deadline_of(shop)
    assert edit_instance(shop, fields(shop, name="Loja Nova"), clock)
    assert deadline_of(shop) == before and shop.name == "Loja Nova"
