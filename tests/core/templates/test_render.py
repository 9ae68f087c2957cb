"""Variables filled for a chat at a moment, in the instance's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.storage.models import Chat
from app.core.templates.render import (
    SAMPLE_CHAT,
    chat_choices,
    render_template,
    render_text,
    variable_values,
)
from app.core.templates.syntax import VARIABLES

ZONES = ("America/Sao_Paulo", "America/Manaus")


def make_chat(instance, external_id="c1", **fields):
    data = {
        "customer_name": "João Pedro da Silva",
        "phone": "+5511987654321",
        "protocol": "PRT-7",
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "operator_name": "Carla",
    }
    data.update(fields)
    return Chat.create(instance=instance, external_id=external_id, **data)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    "wall, expected",
    [
        ("04:59", "Boa noite"),
        ("05:00", "Bom dia"),
        ("11:59", "Bom dia"),
        ("12:00", "Boa tarde"),
        ("17:59", "Boa tarde"),
        ("18:00", "Boa noite"),
        ("00:00", "Boa noite"),
        ("23:59", "Boa noite"),
    ],
)
def test_saudacao_follows_the_instance_local_hour(make_instance, zone, wall, expected):
    instance = make_instance(timezone=zone)
    hour, minute = map(int, wall.split(":"))
    # The same local wall time in each zone is a different UTC instant.
    at = datetime(2025, 3, 14, hour, minute, tzinfo=ZoneInfo(zone))
    assert render_text("{{saudacao}}", variable_values(instance, None, at)) == expected


def test_one_instant_greets_differently_in_two_zones(make_instance):
    sp = make_instance("SP", timezone="America/Sao_Paulo")
    manaus = make_instance("Manaus", timezone="America/Manaus")
    # 15:00 UTC = 12:00 in São Paulo (UTC−3) and 11:00 in Manaus (UTC−4).
    at = datetime.fromisoformat("2025-03-14T15:00:00+00:00")
    assert variable_values(sp, None, at)["saudacao"] == "Boa tarde"
    assert variable_values(manaus, None, at)["saudacao"] == "Bom dia"
    assert variable_values(sp, None, at)["hora"] == "12:00"
    assert variable_values(manaus, None, at)["hora"] == "11:00"


def test_every_variable_of_a_chat(make_instance):
    instance = make_instance("Loja Centro", timezone="America/Manaus")
    chat = make_chat(instance)
    at = datetime.fromisoformat("2025-03-14T13:05:00+00:00")  # 09:05 in Manaus
    values = variable_values(instance, chat, at)
    assert set(values) == set(VARIABLES)
    assert values == {
        "nome": "João Pedro da Silva",
        "primeiro_nome": "João",
        "telefone": "(11) 98765-4321",
        "protocolo": "PRT-7",
        "operador": "Carla",
        "saudacao": "Bom dia",
        "data": "14/03/2025",
        "hora": "09:05",
        "empresa": "Loja Centro",
    }


def test_date_is_the_local_date_near_midnight(make_instance):
    instance = make_instance(timezone="America/Sao_Paulo")
    at = datetime.fromisoformat("2025-03-15T02:30:00+00:00")  # 23:30 on the 14th locally
    values = variable_values(instance, None, at)
    assert (values["data"], values["hora"], values["saudacao"]) == (
        "14/03/2025",
        "23:30",
        "Boa noite",
    )


def test_protocol_falls_back_to_the_external_id_and_missing_fields_are_empty(make_instance):
    instance = make_instance()
    chat = make_chat(
        instance,
        "wa-991",
        protocol=None,
        customer_name=None,
        phone=None,
        operator_name=None,
        handler="bot",
        assigned_via=None,
    )
    at = datetime.fromisoformat("2025-03-14T12:00:00+00:00")
    values = variable_values(instance, chat, at)
    assert values["protocolo"] == "wa-991"
    assert (values["nome"], values["primeiro_nome"], values["telefone"], values["operador"]) == (
        "",
        "",
        "",
        "",
    )


def test_landline_phone_is_formatted_nationally(make_instance):
    instance = make_instance()
    chat = make_chat(instance, phone="+552125551234")
    values = variable_values(instance, chat, datetime.fromisoformat("2025-03-14T12:00+00:00"))
    assert values["telefone"] == "(21) 2555-1234"


def test_without_a_chat_the_sample_values_are_used(make_instance):
    instance = make_instance("Padaria")
    at = datetime.fromisoformat("2025-03-14T12:00:00+00:00")
    values = variable_values(instance, None, at)
    assert values["nome"] == SAMPLE_CHAT.customer_name
    assert values["primeiro_nome"] == SAMPLE_CHAT.customer_name.split()[0]
    assert values["protocolo"] == SAMPLE_CHAT.protocol
    assert values["empresa"] == "Padaria"


def test_render_replaces_known_variables_with_spaces_and_keeps_the_rest(make_instance):
    instance = make_instance("Loja")
    at = datetime.fromisoformat("2025-03-14T12:00:00+00:00")
    text = "{{ saudacao }}, {{primeiro_nome}}! 😀 {{nada}} {chave} {{empresa}}"
    assert render_template(text, instance, make_chat(instance), at) == (
        "Bom dia, João! 😀 {{nada}} {chave} Loja"
    )


def test_chat_choices_lists_open_chats_most_recent_first(make_instance):
    instance = make_instance()
    other = make_instance("Outra")
    early = datetime.fromisoformat("2025-03-14T10:00:00+00:00")
    late = datetime.fromisoformat("2025-03-14T11:00:00+00:00")
    make_chat(instance, "a", customer_name="Ana", last_customer_message_at=early)
    make_chat(instance, "b", customer_name="Bruno", protocol=None, last_agent_message_at=late)
    make_chat(instance, "c", customer_name="Caio", status="closed")
    make_chat(other, "d", customer_name="Dora")
    assert [label for _id, label in chat_choices(instance.id)] == ["Bruno — b", "Ana — PRT-7"]
    assert len(chat_choices(instance.id, limit=1)) == 1


def test_the_closing_message_of_a_history_event_renders_as_the_customer_got_it():
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from app.core.templates.render import closing_message_sent

    event = SimpleNamespace(
        details={
            "closing_message": "{{saudacao}}, {{primeiro_nome}}! Protocolo {{protocolo}} "
            "— {{empresa}}, {{telefone}}",
            "customer_name": "Maria Souza",
            "phone": "+5511987654321",
            "protocol": None,
            "operator_name": "Ana",
        },
        chat_external_id="wa-7",
        instance_name="Padaria",
        at=datetime(2025, 3, 12, 21, 30, tzinfo=UTC),  # 18:30 in São Paulo, 17:30 in Manaus
    )
    assert closing_message_sent(event, "America/Sao_Paulo") == (
        "Boa noite, Maria! Protocolo wa-7 — Padaria, (11) 98765-4321"
    )
    assert closing_message_sent(event, "America/Manaus").startswith("Boa tarde, Maria!")
    event.details = {"closing_message": None}
    assert closing_message_sent(event, "America/Sao_Paulo") is None
