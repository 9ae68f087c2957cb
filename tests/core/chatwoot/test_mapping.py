"""SPEC §13's mapping of a Chatwoot conversation to a chat, rule by rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.core.chatwoot.mapping import Known, assigned_via, assigner, chat_data, chat_row

BOTS = {"Robô Loja"}


def msg(content, kind, at, private=False):
    return {
        "id": at,
        "content": content,
        "message_type": kind,
        "created_at": at,
        "private": private,
    }


def conversation(status="open", **extra):
    base = {
        "id": 42,
        "status": status,
        "meta": {
            "sender": {"name": "Maria Souza", "phone_number": "+5511987654321"},
            "assignee": {"name": "Ana"},
        },
        "custom_attributes": {"protocolo": "2025-0042"},
    }
    base.update(extra)
    return base


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("Assigned to Ana by João", "João"),
        ("João self-assigned this conversation", "João"),
        ("Atribuído a Ana por João", "João"),
        ("João atribuiu a si mesmo essa conversa", "João"),
        ("Assigned to Vendas team by João", None),  # a team, not an agent
        ("Conversation unassigned by João", None),
        ("João added vip", None),
    ],
)
def test_assignment_messages(text, by):
    assert assigner(msg(text, 2, 1)) == by
    assert assigner(msg(text, 1, 1)) is None  # only activity messages count


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([msg("Assigned to Ana by João", 2, 5)], "operator"),
        ([msg("Assigned to Ana by Robô Loja", 2, 5)], "chatbot"),
        ([msg("Assigned to Ana by Automation System", 2, 5)], "workflow"),
        ([msg("Atribuído a Ana por Sistema de automação", 2, 5)], "workflow"),
        (
            [
                msg("Assigned to Ana by Robô Loja", 2, 5),
                msg("Ana self-assigned this conversation", 2, 9),
            ],
            "operator",
        ),  # the newest assignment wins
        ([msg("oi", 0, 5)], None),
    ],
)
def test_assigned_via(messages, expected):
    assert assigned_via(messages, BOTS) == expected


def test_the_whole_mapping():
    messages = [
        msg("Atribuído a Ana por João", 2, 100),
        msg("Olá", 0, 200),
        msg("Bom dia!", 1, 300),
        msg("nota interna", 1, 400, private=True),  # private notes never count
        msg("Ana added vip", 2, 500),  # activity never counts
    ]
    row = chat_row(chat_data(conversation(), messages, BOTS))
    assert row["external_id"] == "42" and row["customer_name"] == "Maria Souza"
    assert row["phone"] == "+5511987654321" and row["protocol"] == "2025-0042"
    assert row["operator_name"] == "Ana" and row["status"] == "open"
    assert (row["handler"], row["assigned_via"]) == ("human", "operator")
    assert row["last_customer_message_at"] == datetime.fromtimestamp(200, UTC)
    assert row["last_agent_message_at"] == datetime.fromtimestamp(300, UTC)


def test_no_assignment_message_means_workflow_unless_known():
    assert chat_data(conversation(), [], BOTS)["assigned_via"] == "workflow"
    known = Known(assigned_via="operator")
    assert chat_data(conversation(), [], BOTS, known)["assigned_via"] == "operator"


def test_older_instants_are_kept_when_the_newest_messages_do_not_say():
    earlier = datetime(2025, 3, 1, tzinfo=UTC)
    data = chat_data(conversation(), [msg("x", 1, 1_741_000_000)], BOTS, Known(earlier, None))
    assert chat_row(data)["last_customer_message_at"] == earlier


def test_pending_is_the_bot_and_snoozed_has_no_assignment():
    pending = chat_row(chat_data(conversation("pending"), [], BOTS))
    assert (pending["handler"], pending["assigned_via"]) == ("bot", None)
    snoozed = chat_row(
        chat_data(conversation("snoozed"), [msg("Assigned to Ana by João", 2, 5)], BOTS)
    )
    assert (snoozed["handler"], snoozed["assigned_via"]) == ("human", None)


def test_a_value_atende_cannot_keep_becomes_empty():
    odd = conversation(meta={"sender": {"name": "X" * 500, "phone_number": "ramal 12"}})
    row = chat_row(chat_data(odd, [], BOTS))
    assert row["customer_name"] is None and row["phone"] is None and row["external_id"] == "42"
