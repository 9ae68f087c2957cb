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
    _add_demo_schedules(clock)
    return True


def _add_demo_schedules(clock: Clock) -> None:
    """Business hours of the examples: a bakery with São Paulo holidays, a clinic with a
    lunch break and a short Christmas Eve, and an açaí shop in Manaus open every day."""
    from app.core import schedule

    def week(weekdays: list[list[str]], saturday=(), sunday=()) -> dict:
        days = {key: [list(i) for i in weekdays] for key in schedule.WEEKDAY_KEYS[:5]}
        return {**days, "saturday": [list(i) for i in saturday],
                "sunday": [list(i) for i in sunday]}

    today = clock.now().date()
    christmas_eve = today.replace(month=12, day=24)
    if christmas_eve < today:
        christmas_eve = christmas_eve.replace(year=today.year + 1)
    plans = {
        "Padaria Pão Quente": {
            "enabled": True,
            "week": week([["06:00", "20:00"]], saturday=[["06:00", "14:00"]]),
            "holidays": {"country": "BR", "subdivision": "SP"},
            "special_dates": [],
        },
        "Clínica Sorriso": {
            "enabled": True,
            "week": week([["08:00", "12:00"], ["13:00", "18:00"]]),
            "holidays": {"country": "BR", "subdivision": None},
            "special_dates": [
                {"date": christmas_eve.isoformat(), "intervals": [["08:00", "12:00"]]},
            ],
        },
        "Açaí do Norte": {
            "enabled": False,
            "week": {key: [["10:00", "22:00"]] for key in schedule.WEEKDAY_KEYS},
            "holidays": None,
            "special_dates": [],
        },
    }
    for instance in Instance.select().where(Instance.name.in_(list(plans))):
        schedule.save(instance, plans[instance.name], clock)
