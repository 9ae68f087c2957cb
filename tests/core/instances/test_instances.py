"""Instances: field rules, phone normalization, create/edit/duplicate/delete."""

from __future__ import annotations

import pytest

from app.core.audit.history import events
from app.core.common.validation import ValidationError
from app.core.config.transfer import duplicate_instance
from app.core.instances import store as instances
from app.core.instances.phones import format_phone, format_phone_national, normalize_phone
from app.core.storage.models import HistoryEvent, Instance


@pytest.mark.parametrize(
    "typed",
    [
        "(11) 91234-5678",
        "11 91234-5678",
        "011 91234 5678",
        "+55 11 91234-5678",
        "5511912345678",
        "11912345678",
        "+55 (11) 91234-5678",
    ],
)
def test_any_common_typing_of_a_mobile_is_stored_as_e164(typed):
    assert normalize_phone(typed) == "+5511912345678"


@pytest.mark.parametrize("typed", ["", "123", "abc", "+1 202 555 0100", "(11) 1234", "0000000000"])
def test_non_brazilian_or_invalid_numbers_are_refused(typed):
    assert normalize_phone(typed) is None


def test_phone_formats():
    assert format_phone("+5511912345678") == "+55 (11) 91234-5678"
    assert format_phone("+552125551234") == "+55 (21) 2555-1234"
    assert format_phone_national("+5511987654321") == "(11) 98765-4321"


def fields(**overrides):
    data = {
        "name": "Loja Centro",
        "phone": "(11) 91234-5678",
        "plan": "basico",
        "timezone": "America/Sao_Paulo",
    }
    data.update(overrides)
    return data


def paths(problems):
    return {p.path for p in problems}


def test_valid_fields_are_normalized(db):
    problems, clean = instances.validate_fields(fields(name="  Loja   Centro "))
    assert problems == []
    assert clean == {
        "name": "Loja Centro",
        "phone": "+5511912345678",
        "plan": "basico",
        "timezone": "America/Sao_Paulo",
    }


@pytest.mark.parametrize(
    ("override", "path", "fragment"),
    [
        ({"name": "   "}, "name", "Informe um nome"),
        ({"name": "x" * 61}, "name", "no máximo 60"),
        ({"phone": "123"}, "phone", "telefone brasileiro"),
        ({"phone": ""}, "phone", "Informe o número"),
        ({"plan": "premium"}, "plan", "Plano desconhecido"),
        ({"timezone": "Mars/Olympus"}, "timezone", "Fuso horário desconhecido"),
        ({"timezone": ""}, "timezone", "Fuso horário desconhecido"),
    ],
)
def test_each_bad_field_gets_a_portuguese_message_at_its_path(db, override, path, fragment):
    problems, _clean = instances.validate_fields(fields(**override))
    assert paths(problems) == {path}
    assert fragment in problems[0].message


def test_sixty_characters_is_the_limit(db):
    problems, clean = instances.validate_fields(fields(name="x" * 60))
    assert problems == [] and len(clean["name"]) == 60


def test_duplicate_name_is_refused_case_insensitively(make_instance):
    make_instance("Loja Centro")
    problems, _ = instances.validate_fields(fields(name="loja centro"))
    assert paths(problems) == {"name"}
    assert "Já existe" in problems[0].message


def test_create_refuses_invalid_input_and_saves_nothing(db, clock):
    with pytest.raises(ValidationError) as exc:
        instances.create_instance(fields(phone="999"), clock)
    assert paths(exc.value.problems) == {"phone"}
    assert Instance.select().count() == 0
    assert HistoryEvent.select().count() == 0


def test_update_records_what_changed(make_instance, clock):
    inst = make_instance("Loja Centro")
    changes = instances.update_instance(
        inst, fields(plan="avancado", phone="+5511912345678"), clock
    )
    assert changes == ["Plano: Intermediário → Avançado"]
    assert Instance.get_by_id(inst.id).plan == "avancado"
    assert events(inst)[0].summary == "Plano: Intermediário → Avançado"


def test_update_keeps_its_own_name(make_instance, clock):
    inst = make_instance("Loja Centro")
    assert (
        instances.update_instance(inst, fields(name="Loja Centro", plan="intermediario"), clock)
        == []
    )


def test_duplicate_gets_a_free_name_and_copies_settings(make_instance, clock):
    inst = make_instance("Loja Centro", plan="avancado")
    inst.prioritize_attendance = True
    inst.save()
    first = duplicate_instance(inst, clock)
    second = duplicate_instance(inst, clock)
    assert first.name == "Loja Centro (cópia)"
    assert second.name == "Loja Centro (cópia) 2"
    assert first.prioritize_attendance and first.plan == "avancado"


def test_duplicate_with_the_typed_name_and_number(make_instance, clock):
    inst = make_instance("Loja Centro", plan="avancado")
    inst.prioritize_attendance = True
    inst.save()
    typed = fields(name="Loja Bairro", phone="(21) 2555-1234", plan="intermediario")
    copy = duplicate_instance(inst, clock, typed)
    assert (copy.name, copy.phone, copy.plan) == ("Loja Bairro", "+552125551234", "intermediario")
    assert copy.prioritize_attendance  # the settings are copied, the identity is typed
    with pytest.raises(ValidationError) as raised:
        duplicate_instance(inst, clock, fields(name="loja centro", phone=""))
    assert paths(raised.value.problems) == {"name", "phone"}
    assert Instance.select().count() == 2  # nothing written


def test_delete_removes_the_instance_and_keeps_history(make_instance, clock, db):
    inst = make_instance("Loja Centro")
    other = make_instance("Outra", phone="+552125551234")
    instances.delete_instance(inst, clock)
    assert [i.name for i in Instance.select()] == ["Outra"]
    names = [e.instance_name for e in events()]
    assert "Loja Centro" in names
    assert events()[0].summary == "Instância excluída: Loja Centro"
    assert events()[0].instance_id is None
    assert other.id is not None


def test_delete_cascades_to_rows_of_the_instance(make_instance, clock, db):
    inst = make_instance("Loja Centro")
    db.execute_sql(
        "INSERT INTO template (instance_id, title, shortcut, content, created_at, updated_at) "
        f"VALUES ({db.param}, 'Oi', '/oi', 'Olá', 0, 0)",
        (inst.id,),
    )
    db.execute_sql(
        f"INSERT INTO chat (instance_id, external_id, status, handler) VALUES ({db.param}, 'c1', "
        "'open', "
        "'bot')",
        (inst.id,),
    )
    instances.delete_instance(inst, clock)
    assert db.execute_sql("SELECT count(*) FROM template").fetchone()[0] == 0
    assert db.execute_sql("SELECT count(*) FROM chat").fetchone()[0] == 0
