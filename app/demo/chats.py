"""Demo attendances for "Padaria Pão Quente", with auto-close on, relative to the clock.

Right after `make run` the watcher has work: one chat is already past its deadline (closed
at the first pass), two close within minutes, others show why they are never closed
(waiting on the operator, handled by the bot, already closed by the agent).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from app.core.common.clock import Clock, format_instant
from app.core.storage.models import AutoCloseSettings, Instance
from app.core.watcher.chats import upsert_chats, validate_chat

TIMEOUT_MINUTES = 30
CLOSING_MESSAGE = (
    "Obrigado pelo contato, {{primeiro_nome}}! Como não tivemos resposta, encerramos este "
    "atendimento. Se precisar, é só chamar. 🥖"
)

# (external id, customer, phone, protocol, handler, assigned via, operator,
#  customer wrote N minutes ago, agent wrote N minutes ago, closed N minutes ago, closed by)
CHATS = (
    (
        "wa-1042",
        "Maria Souza",
        "11987012345",
        "PQ-2025-0142",
        "human",
        "operator",
        "Ana",
        40,
        28,
        None,
        None,
    ),  # closes in 2 minutes
    (
        "wa-1043",
        "João Pereira",
        "11976543210",
        None,
        "human",
        "chatbot",
        "Bruno",
        25,
        22,
        None,
        None,
    ),  # closes in 8 minutes
    (
        "wa-1044",
        "Pedro Henrique Alves",
        "11991234567",
        "PQ-2025-0145",
        "human",
        "operator",
        "Bruno",
        15,
        12,
        None,
        None,
    ),  # closes in 18 minutes
    (
        "wa-1045",
        "Fernanda Lima",
        "11988887777",
        None,
        "human",
        "workflow",
        "Ana",
        None,
        5,
        None,
        None,
    ),  # the customer never answered the workflow's message
    (
        "wa-1046",
        "Carlos Oliveira",
        "11995556666",
        "PQ-2025-0146",
        "human",
        "operator",
        "Bruno",
        3,
        10,
        None,
        None,
    ),  # waiting on the operator: never closed
    (
        "wa-1047",
        "Beatriz Santos",
        "11993332222",
        None,
        "bot",
        None,
        None,
        1,
        1,
        None,
        None,
    ),  # the bot is handling it: never closed
    (
        "wa-1038",
        "Rafael Costa",
        "11981112222",
        "PQ-2025-0138",
        "human",
        "operator",
        "Ana",
        95,
        80,
        None,
        None,
    ),  # past its deadline: closed at the watcher's first pass
    (
        "wa-1031",
        "Juliana Martins",
        "11984443333",
        "PQ-2025-0131",
        "human",
        "operator",
        "Ana",
        1500,
        1490,
        1470,
        "agent",
    ),  # closed by the agent yesterday
)


def _at(now: datetime, minutes_ago: int | None) -> str | None:
    return None if minutes_ago is None else format_instant(now - timedelta(minutes=minutes_ago))


def demo_chat_objects(now: datetime) -> list[dict[str, Any]]:
    """The demo chats as the JSON objects of a chats file."""
    objects = []
    for (
        external_id,
        name,
        phone,
        protocol,
        handler,
        via,
        operator,
        customer,
        agent,
        closed,
        closed_by,
    ) in CHATS:
        objects.append(
            {
                "external_id": external_id,
                "customer_name": name,
                "phone": phone,
                "protocol": protocol,
                "status": "closed" if closed is not None else "open",
                "handler": handler,
                "assigned_via": via,
                "operator_name": operator,
                "last_customer_message_at": _at(now, customer),
                "last_agent_message_at": _at(now, agent),
                "closed_at": _at(now, closed),
                "closed_by": closed_by,
            }
        )
    return objects


def add_demo_chats(instance: Instance, clock: Clock) -> None:
    """Turn auto-close on for `instance` and give it the demo chats."""
    AutoCloseSettings.insert(
        instance=instance,
        enabled=True,
        timeout_minutes=TIMEOUT_MINUTES,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=True,
        closing_message=CLOSING_MESSAGE,
    ).on_conflict(
        conflict_target=[AutoCloseSettings.instance],
        preserve=[f for f in AutoCloseSettings._meta.sorted_fields if not f.primary_key],
    ).execute()
    rows = []
    for number, data in enumerate(demo_chat_objects(clock.now()), start=1):
        row, problems = validate_chat(data, f"demo {number}")
        assert row is not None, problems  # the demo itself must follow the format
        rows.append(row)
    upsert_chats(instance, rows)
