"""Why and when a chat will be closed, or why not (Atendimentos' detail panel)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.storage.models import Chat
from app.core.watcher import auto_close, chat_outlook
from app.core.watcher.chat_outlook import outlook

SETTINGS = {
    "enabled": True,
    "timeout_minutes": 300,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
}


@pytest.fixture
def shop(make_instance, clock):
    shop = make_instance()
    auto_close.save(shop, SETTINGS, clock)
    return shop


def chat(shop, clock, external_id="c", **fields):
    values = {
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "last_customer_message_at": clock.now() - timedelta(hours=3),
        "last_agent_message_at": clock.now() - timedelta(hours=2),
        **fields,
    }
    created = Chat.create(instance=shop, external_id=external_id, **values)
    return Chat.get_by_id(created.id)  # with the deadline the database stored


def test_an_eligible_chat_closes_at_its_stored_deadline(shop, clock):
    found = outlook(chat(shop, clock), clock.now())
    assert found.reason == chat_outlook.WILL_CLOSE
    assert found.closes_at == clock.now() + timedelta(hours=3)
    assert found.why == (
        "Será encerrado depois de 5 horas sem resposta do cliente, a menos que alguém escreva."
    )


def test_a_past_deadline_is_due(shop, clock):
    six_hours_ago = clock.now() - timedelta(hours=6)
    found = outlook(
        chat(
            shop,
            clock,
            last_customer_message_at=six_hours_ago - timedelta(minutes=1),
            last_agent_message_at=six_hours_ago,
        ),
        clock.now(),
    )
    assert found.reason == chat_outlook.DUE
    assert found.closes_at == clock.now() - timedelta(hours=1)


@pytest.mark.parametrize(
    ("fields", "reason", "words"),
    [
        ({"handler": "bot", "assigned_via": None}, chat_outlook.BOT, "chatbot"),
        ({"last_agent_message_at": None}, chat_outlook.NO_AGENT_MESSAGE, "ainda não escreveu"),
        (
            {"assigned_via": "workflow"},
            chat_outlook.SWITCH_OFF,
            "“Encerrar atendimento humano atribuído por chatbot ou workflow” está desligado",
        ),
        ({"assigned_via": None}, chat_outlook.NOT_ASSIGNED, "Ninguém"),
        (
            {"status": "closed", "closed_by": "agent", "close_reason": "Resolvido"},
            chat_outlook.CLOSED,
            "Resolvido",
        ),
    ],
)
def test_why_a_chat_will_not_be_closed(shop, clock, fields, reason, words):
    found = outlook(chat(shop, clock, **fields), clock.now())
    assert (found.reason, found.closes_at) == (reason, None)
    assert words in found.why


def test_the_customer_wrote_last(shop, clock):
    found = outlook(
        chat(shop, clock, last_customer_message_at=clock.now() - timedelta(minutes=5)),
        clock.now(),
    )
    assert found.reason == chat_outlook.CUSTOMER_WROTE_LAST
    assert "O cliente escreveu por último" in found.why


def test_switches_and_the_instance_switch_are_read_from_the_settings(shop, clock):
    auto_close.save(shop, {**SETTINGS, "close_assigned_by_operator": False}, clock)
    assert outlook(chat(shop, clock), clock.now()).reason == chat_outlook.SWITCH_OFF
    auto_close.save(shop, {**SETTINGS, "enabled": False}, clock)
    assert outlook(chat(shop, clock, "d"), clock.now()).reason == chat_outlook.OFF


def test_without_settings_it_is_off(make_instance, clock):
    bare = make_instance("Sem regras")
    assert outlook(chat(bare, clock), clock.now()).reason == chat_outlook.OFF
