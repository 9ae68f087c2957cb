"""Example data for `make run` (the demo database), so a newcomer sees the app working."""

from __future__ import annotations

from app.core import priority
from app.core.clock import Clock
from app.core.demo_chats import add_demo_chats
from app.core.instances import create_instance
from app.core.models import Instance

DEMO_INSTANCES = (
    {"name": "Padaria Pão Quente", "phone": "+5511987654321", "plan": "intermediario",
     "timezone": "America/Sao_Paulo", "prioritize": True},
    {"name": "Clínica Sorriso", "phone": "+552125551234", "plan": "basico",
     "timezone": "America/Sao_Paulo", "prioritize": True},
    {"name": "Açaí do Norte", "phone": "+5592991234567", "plan": "avancado",
     "timezone": "America/Manaus", "prioritize": False},
)


def populate_if_empty(clock: Clock) -> bool:
    """Create the example instances when the database has none; True if it did."""
    if Instance.select().exists():
        return False
    for spec in DEMO_INSTANCES:
        data = {k: v for k, v in spec.items() if k != "prioritize"}
        instance = create_instance(data, clock)
        if spec["prioritize"]:
            # Clínica Sorriso is on Básico: the choice is kept but not effective, which the
            # Priorizar page explains — a realistic downgrade case to look at.
            priority.save(instance, True, clock)
        if spec["name"] == "Padaria Pão Quente":
            add_demo_chats(instance, clock)
    return True
