"""What an import would change (without writing) and copying sections between instances."""

from __future__ import annotations

import json

import pytest

from app.core.audit import history
from app.core.common.validation import ValidationError
from app.core.config.file_format import export_config, export_instance, import_config
from app.core.config.registry import section_keys
from app.core.config.transfer import CREATE, REPLACE, copy_sections, plan_import
from app.core.storage.models import HistoryEvent
from tests.faults import dump


def changes(plan) -> dict[str, bool]:
    return {c.key: c.changed for c in plan.changes}


def test_plan_lists_creations_and_per_section_changes_without_writing(
    db, db_path, make_instance, clock
):
    make_instance("Loja Centro", plan="basico")
    make_instance("Loja Norte", phone="+5511912345678")
    data = export_config()
    centro, norte = data["instances"]
    centro["plan"] = "avancado"
    centro["prioritize_attendance"] = True
    norte["phone"] = "(11) 91234-5678"  # typed differently, the same number once stored
    data["instances"].append({**norte, "name": "Loja Nova"})
    before = dump(db_path)

    plan = plan_import(data, clock)

    assert dump(db_path) == before, "planning writes nothing"
    assert [(p.name, p.action) for p in plan.instances] == [
        ("Loja Centro", REPLACE),
        ("Loja Norte", REPLACE),
        ("Loja Nova", CREATE),
    ]
    assert plan.created == ["Loja Nova"] and plan.replaced == ["Loja Centro", "Loja Norte"]
    first, second, third = plan.instances
    assert changes(first)["plan"] is True
    assert changes(first)["prioritize_attendance"] is True
    assert changes(first)["phone"] is False
    assert set(changes(second)) == {"name", "phone", "plan", "timezone", *section_keys()}
    assert not any(changes(second).values()) and not second.changed
    assert third.changed and third.changes == []
    assert [c.title for c in first.changes][:2] == ["Nome", "Telefone"]


def test_plan_refuses_a_file_with_errors(db, clock):
    data = {"format": "atende-config", "version": 1, "instances": [{"name": ""}]}
    with pytest.raises(ValidationError) as exc:
        plan_import(data, clock)
    assert any(p.path == "instances[0].name" for p in exc.value.problems)


def test_plan_carries_the_warnings(db, make_instance, clock):
    make_instance("Loja Centro", plan="basico")
    data = export_config()
    data["instances"][0]["prioritize_attendance"] = True
    plan = plan_import(data, clock)
    assert [p.path for p in plan.warnings] == ["instances[0].prioritize_attendance"]


def test_plan_then_import_agree(db, make_instance, clock):
    make_instance("Loja Centro")
    data = export_config()
    data["instances"][0]["timezone"] = "America/Manaus"
    plan = plan_import(data, clock)
    assert changes(plan.instances[0])["timezone"] is True
    import_config(json.loads(json.dumps(data)), clock, replace=True)
    assert export_config()["instances"][0]["timezone"] == "America/Manaus"


def test_copy_sections_writes_the_target_and_records_it(db, make_instance, clock):
    source = make_instance("Loja Centro")
    target = make_instance("Loja Norte")
    source.prioritize_attendance = True
    source.save()
    result = copy_sections(source, target, ["prioritize_attendance"], clock)
    assert result.changed == ["prioritize_attendance"]
    target = type(target).get_by_id(target.id)
    assert export_instance(target)["prioritize_attendance"] is True
    event = history.events(target).first()
    assert event.section == "copy"
    assert event.summary == "Configurações copiadas de Loja Centro: Priorizar atendimento"
    assert event.details == {"source": "Loja Centro", "sections": ["prioritize_attendance"]}


def test_copy_of_identical_settings_writes_nothing(db, db_path, make_instance, clock):
    source = make_instance("Loja Centro")
    target = make_instance("Loja Norte")
    before = dump(db_path)
    assert copy_sections(source, target, list(section_keys()), clock).changed == []
    assert dump(db_path) == before


def test_copy_to_a_basico_target_keeps_the_choice_and_warns(db, make_instance, clock):
    source = make_instance("Loja Centro")
    source.prioritize_attendance = True
    source.save()
    target = make_instance("Loja Norte", plan="basico")
    result = copy_sections(source, target, ["prioritize_attendance"], clock)
    assert [p.path for p in result.warnings] == ["prioritize_attendance"]
    assert "Básico" in result.warnings[0].message


def test_copy_refuses_same_instance_and_unknown_sections(db, make_instance, clock):
    source = make_instance("Loja Centro")
    target = make_instance("Loja Norte")
    count = HistoryEvent.select().count()
    with pytest.raises(ValueError):
        copy_sections(source, source, ["prioritize_attendance"], clock)
    with pytest.raises(ValueError):
        copy_sections(source, target, ["no_such_section"], clock)
    assert HistoryEvent.select().count() == count
