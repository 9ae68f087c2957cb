"""`atende history`: configuration changes and automatic closures, newest first."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from app.core.instances import priority
from app.core.storage.models import AutoCloseSettings, Chat
from app.core.watcher import closing
from tests.commands import cli_fixture

atende = cli_fixture.atende  # the fixture, shared by the CLI tests


@pytest.fixture
def events(make_instance, clock):
    """Instance created at 10:00, Priorizar turned on at 10:05, a closure at 10:30 (SP)."""
    shop = make_instance("Padaria Pão Quente")
    other = make_instance("Clínica Sorriso")
    clock.advance(timedelta(minutes=5))
    priority.save(shop, True, clock)
    AutoCloseSettings.create(
        instance=shop,
        enabled=True,
        timeout_minutes=300,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=False,
        closing_message="Obrigado, {{primeiro_nome}}!\nVolte sempre.",
    )
    Chat.create(
        instance=shop,
        external_id="wa-77",
        customer_name="Maria Souza",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=clock.now() - timedelta(hours=5),
    )
    clock.advance(timedelta(minutes=25))
    assert closing.close_due(clock.now()).total == 1
    return shop, other


def test_text_history_newest_first_with_chat_reason_and_message(atende, events):
    code, out, err = atende("history", "--instance", "Padaria Pão Quente")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "12/03/2025 10:30  Padaria Pão Quente  [encerramento automático]  "
        "Cliente sem resposta há 5 horas",
        "    atendimento: wa-77 — Maria Souza",
        "    mensagem de encerramento registrada como enviada: “Obrigado, Maria!",
        "      Volte sempre.”",
        "12/03/2025 10:05  Padaria Pão Quente  [alteração de configuração]  "
        "Priorizar atendimento ligado",
        "12/03/2025 10:00  Padaria Pão Quente  [instância]  Instância criada: Padaria Pão Quente",
    ]


def test_json_history_of_every_instance(atende, events):
    code, out, _err = atende("history", "--json")
    assert code == 0
    data = json.loads(out)
    assert [(e["instance"], e["kind"]) for e in data] == [
        ("Padaria Pão Quente", "auto_close"),
        ("Padaria Pão Quente", "config"),
        ("Clínica Sorriso", "instance"),
        ("Padaria Pão Quente", "instance"),
    ]
    closure = data[0]
    assert closure["at"] == "2025-03-12T13:30:00+00:00"
    assert closure["chat"] == "wa-77"
    assert closure["summary"] == "Cliente sem resposta há 5 horas"
    assert closure["details"]["closing_message"] == "Obrigado, {{primeiro_nome}}!\nVolte sempre."
    assert closure["details"]["timeout_minutes"] == 300


def test_unknown_instance_and_empty_history(atende, db):
    code, out, err = atende("history", "--instance", "Nada")
    assert (code, out) == (2, "")
    assert err == "--instance: não existe instância chamada “Nada”\n"
    assert atende("history") == (0, "O histórico está vazio.\n", "")
    assert atende("history", "--json") == (0, "[]\n", "")
