"""The warning before closing (SPEC §12): once per silence, never at or after the deadline,
recorded in the history with its text as the customer got it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.audit.history import KIND_AUTO_CLOSE_WARNING as KIND_WARNING
from app.core.audit.history import events
from app.core.schedule import store as schedule
from app.core.storage.models import Chat
from app.core.watcher import auto_close, chat_import, closing, due
from app.core.watcher.messages_sent import message_sent
from app.core.watcher.warning_sql import warning_summary

SP = ZoneInfo("America/Sao_Paulo")
T = datetime(2025, 3, 12, 10, 0, tzinfo=SP)  # a Wednesday
WARNING = {"minutes_before": 10, "message": "{{saudacao}}, {{primeiro_nome}}! Ainda está aí?"}


def settings(**changes):
    values = {**auto_close.defaults(), "enabled": True, "timeout_minutes": 60}
    return {**values, "warning": WARNING, **changes}


def write(shop, agent_at, customer_at=None, external_id="wa-1"):
    data = {
        "external_id": external_id,
        "customer_name": "Maria Souza",
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "last_agent_message_at": agent_at.isoformat(),
        "last_customer_message_at": customer_at.isoformat() if customer_at else None,
    }
    chat_import.import_chats(shop, json.dumps(data))


def warnings_sent():
    return [e for e in events() if e.kind == KIND_WARNING]


@pytest.fixture
def shop(make_instance, clock):
    instance = make_instance("Padaria")
    auto_close.save(instance, settings(), clock)
    return instance


def test_warned_once_at_deadline_minus_minutes_before_then_closed(shop):
    write(shop, T)
    assert due.next_due_at() == T + timedelta(minutes=50)
    assert closing.close_due(T + timedelta(minutes=49)).warned_total == 0
    result = closing.close_due(T + timedelta(minutes=50))
    assert (result.warned_total, result.total) == (1, 0)
    assert [(g.instance_name, g.count, g.minutes_before) for g in result.warned] == [
        ("Padaria", 1, 10)
    ]
    assert due.next_due_at() == T + timedelta(hours=1)  # now only the deadline is ahead
    assert closing.close_due(T + timedelta(minutes=55)).warned_total == 0  # once
    result = closing.close_due(T + timedelta(hours=1))
    assert (result.warned_total, result.total) == (0, 1)
    [event] = warnings_sent()
    assert event.chat_external_id == "wa-1"
    assert event.summary == warning_summary(10)  # "Aviso de encerramento enviado (…)"
    assert "10 minutos" in event.summary
    assert message_sent(event, "America/Sao_Paulo") == "Bom dia, Maria! Ainda está aí?"


def test_never_warned_at_or_after_the_deadline_just_closed(shop):
    write(shop, T)
    result = closing.close_due(T + timedelta(hours=2))  # the app was off
    assert (result.warned_total, result.total) == (0, 1)
    assert warnings_sent() == []


def test_a_customer_reply_allows_a_new_warning_for_the_next_silence(shop, clock):
    write(shop, T)
    closing.close_due(T + timedelta(minutes=50))
    write(shop, T, T + timedelta(minutes=52))  # the customer answers the warning
    assert Chat.get().deadline_at is None
    assert closing.close_due(T + timedelta(hours=1)).total == 0
    later = T + timedelta(minutes=70)
    write(shop, later, T + timedelta(minutes=52))  # the attendant writes again
    assert closing.close_due(later + timedelta(minutes=50)).warned_total == 1
    assert len(warnings_sent()) == 2


def test_rewriting_the_same_chat_or_saving_settings_does_not_warn_twice(shop, clock):
    write(shop, T)
    closing.close_due(T + timedelta(minutes=50))
    write(shop, T)  # the same state imported again
    auto_close.save(shop, settings(closing_message="Tchau"), clock)  # deadlines recomputed
    chat = Chat.get()
    assert (chat.deadline_at, chat.warning_at) == (T + timedelta(hours=1), None)
    assert closing.close_due(T + timedelta(minutes=59)).warned_total == 0


def test_with_business_hours_the_warning_falls_in_open_hours(shop, clock):
    agenda = schedule.default_values()
    agenda["enabled"] = True
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        agenda["week"][day] = [["08:00", "18:00"]]
    schedule.save(shop, agenda, clock)
    auto_close.save(shop, settings(count="business_hours"), clock)
    friday = datetime(2025, 3, 14, 17, 50, tzinfo=SP)
    write(shop, friday)
    chat = Chat.get()
    assert chat.warning_at == datetime(2025, 3, 17, 8, 40, tzinfo=SP)
    assert chat.deadline_at == datetime(2025, 3, 17, 8, 50, tzinfo=SP)
    assert closing.close_due(datetime(2025, 3, 15, 12, 0, tzinfo=SP)).warned_total == 0
    assert closing.close_due(datetime(2025, 3, 17, 8, 40, tzinfo=SP)).warned_total == 1


def test_many_chats_many_instances_one_event_each(make_instance, clock):
    shops = [make_instance(f"Loja {n}", phone=f"+55119876543{n:02d}") for n in range(3)]
    for n, shop in enumerate(shops):
        auto_close.save(shop, settings(warning={**WARNING, "minutes_before": 10 + n}), clock)
        for k in range(20):
            write(shop, T, external_id=f"{n}-{k}")
    result = closing.close_due(T + timedelta(minutes=55))
    assert [(g.instance_name, g.count, g.minutes_before) for g in result.warned] == [
        ("Loja 0", 20, 10),
        ("Loja 1", 20, 11),
        ("Loja 2", 20, 12),
    ]
    assert len(warnings_sent()) == 60
    assert Chat.select().where(Chat.warned_at.is_null()).count() == 0


def test_the_next_closing_ignores_warning_moments(shop):
    write(shop, T)
    assert due.next_due_at(shop) == T + timedelta(minutes=50)  # the watcher wakes to warn
    assert due.next_closing_at(shop) == T + timedelta(hours=1)
    assert due.next_closing_at() == T + timedelta(hours=1)
