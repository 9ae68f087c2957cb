"""Demo data for Encerramento automático: settings and a few attendances per instance.

Times are relative to the clock, so the demo always shows countdowns ("encerra em 42 min"),
chats waiting on the operator, bot chats and chats the watcher closed a while ago.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.core import auto_close, closing
from app.core.clock import Clock
from app.core.models import Chat, Instance

SETTINGS: dict[str, dict[str, Any]] = {
    "Padaria Pão Quente": {
        "enabled": True, "timeout_minutes": 5 * 60, "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": True,
        "closing_message": "{{saudacao}}, {{primeiro_nome}}! Como não tivemos resposta, "
                           "encerramos este atendimento (protocolo {{protocolo}}). "
                           "Se precisar, é só chamar.",
    },
    "Açaí do Norte": {
        "enabled": True, "timeout_minutes": 24 * 60, "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": False, "closing_message": None,
    },
}

# (customer, phone, handler, assigned_via, operator, customer wrote / agent wrote, minutes ago)
CHATS = (
    ("Maria Aparecida Souza", "+5511987651234", "human", "operator", "Beatriz", 300, 258),
    ("João Pedro Lima", "+5511976543210", "human", "chatbot", "Lucas", 190, 95),
    ("Ana Carolina Ferreira", "+5511912348765", "human", "workflow", "Beatriz", 40, 12),
    ("Carlos Eduardo Rocha", "+5511998761234", "human", "operator", "Lucas", 8, 30),
    ("Fernanda Oliveira", "+5511934561278", "bot", None, None, 5, 4),
    ("Rafael Santos", "+5511945671234", "human", "operator", "Beatriz", None, 170),
)


def populate(instance: Instance, clock: Clock) -> None:
    """Store the instance's demo settings and attendances (idempotent per instance)."""
    settings = SETTINGS.get(instance.name)
    if settings is None or Chat.select().where(Chat.instance == instance).exists():
        return
    auto_close.save(instance, settings, clock)
    now = clock.now()

    def ago(minutes: int | None):
        return None if minutes is None else now - timedelta(minutes=minutes)

    rows = [
        {
            "instance": instance.id, "external_id": f"demo-{index + 1}",
            "customer_name": name, "phone": phone, "protocol": f"2025{index + 1:05d}",
            "status": "open", "handler": handler, "assigned_via": via,
            "operator_name": operator, "last_customer_message_at": ago(customer),
            "last_agent_message_at": ago(agent),
        }
        for index, (name, phone, handler, via, operator, customer, agent) in enumerate(CHATS)
    ]
    # One already past its deadline (closed by the pass below, with its history event), and
    # one the attendant closed.
    rows.append({**rows[0], "external_id": "demo-7", "customer_name": "Paulo Henrique Dias",
                 "phone": "+5511923456789", "protocol": "202500007",
                 "last_customer_message_at": ago(2000), "last_agent_message_at": ago(1900)})
    rows.append({**rows[1], "external_id": "demo-8", "customer_name": "Luciana Martins",
                 "phone": "+5511956781234", "protocol": "202500008", "status": "closed",
                 "closed_at": ago(60), "closed_by": "agent", "close_reason": None})
    keys = sorted({key for row in rows for key in row})
    Chat.insert_many([{key: row.get(key) for key in keys} for row in rows]).execute()
    closing.close_due(now)
