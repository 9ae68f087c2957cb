"""Priorizar atendimento: the plan rule lives in core."""

from __future__ import annotations

import pytest

from app.core.audit.history import events
from app.core.config.checks import check_instance
from app.core.instances import priority
from app.core.instances.plans import allows_prioritize
from app.core.instances.store import update_instance


@pytest.mark.parametrize(
    ("plan", "allowed"), [("basico", False), ("intermediario", True), ("avancado", True)]
)
def test_plans(plan, allowed):
    assert allows_prioritize(plan) is allowed


@pytest.mark.parametrize(
    ("plan", "stored", "effective"),
    [
        ("basico", True, False),
        ("basico", False, False),
        ("intermediario", True, True),
        ("avancado", True, True),
        ("avancado", False, False),
    ],
)
def test_effective_only_when_on_and_the_plan_allows_it(make_instance, plan, stored, effective):
    inst = make_instance(plan=plan)
    inst.prioritize_attendance = stored
    assert priority.is_effective(inst) is effective


def test_save_records_history_once(make_instance, clock):
    inst = make_instance(plan="intermediario")
    assert priority.save(inst, True, clock) is True
    assert priority.save(inst, True, clock) is False  # unchanged: nothing written
    config_events = [e for e in events(inst) if e.section == "prioritize_attendance"]
    assert [e.summary for e in config_events] == ["Priorizar atendimento ligado"]


def test_downgrade_keeps_the_choice_but_it_stops_being_effective(make_instance, clock):
    inst = make_instance(plan="avancado")
    priority.save(inst, True, clock)
    update_instance(
        inst,
        {"name": inst.name, "phone": inst.phone, "plan": "basico", "timezone": inst.timezone},
        clock,
    )
    assert inst.prioritize_attendance is True
    assert not priority.is_effective(inst)
    warnings = [p for p in check_instance(inst) if p.warning]
    assert len(warnings) == 1
    assert "Básico" in warnings[0].message and "guardada" in warnings[0].message
    update_instance(
        inst,
        {
            "name": inst.name,
            "phone": inst.phone,
            "plan": "intermediario",
            "timezone": inst.timezone,
        },
        clock,
    )
    assert priority.is_effective(inst)


def test_section_validation_types_and_plan_warning():
    section = priority.SECTION
    assert section.validate(1, "p", {"plan": "avancado"})[0].message == "Deve ser true ou false"
    assert section.validate(True, "p", {"plan": "avancado"}) == []
    (warning,) = section.validate(True, "p", {"plan": "basico"})
    assert warning.warning and warning.path == "p"


@pytest.mark.parametrize(
    ("stored_plan", "stored", "new_plan", "warns"),
    [
        ("avancado", True, "basico", True),  # it stops: say so before saving
        ("intermediario", True, "basico", True),
        ("avancado", False, "basico", False),  # off: nothing stops
        ("avancado", True, "intermediario", False),  # still allowed
        ("basico", True, "basico", False),  # already not in effect (the page says it)
    ],
)
def test_a_plan_change_that_stops_priorizar_is_told(
    make_instance, stored_plan, stored, new_plan, warns
):
    inst = make_instance(plan=stored_plan)
    inst.prioritize_attendance = stored
    warning = priority.plan_change_warning(inst, new_plan)
    assert (warning is not None) is warns
    if warns:
        assert warning.startswith("No plano Básico, Priorizar atendimento fica desativado")
        assert "guardada" in warning
    assert priority.plan_change_warning(None, new_plan) is None  # a new instance: nothing on
