"""`atende simulate`: text and JSON output, exit codes."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.instances import priority
from app.core.schedule import store as schedule
from tests.commands import cli_fixture

atende = cli_fixture.atende  # the fixture, shared by the CLI tests

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@pytest.fixture
def shop_db(db_path, make_instance, clock):
    """A database with "Loja Centro": Mon–Fri 08:00–18:00, SP holidays, Priorizar on."""
    instance = make_instance("Loja Centro", plan="avancado")
    week = {key: [["08:00", "18:00"]] if key in WEEKDAYS[:5] else [] for key in WEEKDAYS}
    schedule.save(
        instance,
        {
            "enabled": True,
            "week": week,
            "holidays": {"country": "BR", "subdivision": "SP"},
            "special_dates": [],
        },
        clock,
    )
    priority.save(instance, True, clock)
    return str(db_path)


def test_json_defer_on_a_state_holiday(shop_db, atende):
    code, out, err = atende(
        "simulate",
        "--instance",
        "loja centro",
        "--at",
        "2025-07-09T10:00:00-03:00",
        "--json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["decision", "reason", "next_opening"]
    assert data["decision"] == "defer"
    assert data["next_opening"] == "2025-07-10T08:00:00-03:00"
    assert "Revolução Constitucionalista" in data["reason"]


def test_json_send_has_null_next_opening(shop_db, atende):
    code, out, _err = atende(
        "simulate",
        "--instance",
        "Loja Centro",
        "--at",
        "2025-03-12T13:00:00Z",
        "--json",
    )
    assert code == 0
    assert json.loads(out) == {
        "decision": "send",
        "reason": "Dentro da agenda de funcionamento; nenhum atendimento em andamento: a "
        "mensagem é enviada agora.",
        "next_opening": None,
    }


def test_in_progress_suppresses(shop_db, atende):
    code, out, _err = atende(
        "simulate",
        "--instance",
        "Loja Centro",
        "--at",
        "2025-03-12T13:00:00Z",
        "--in-progress",
        "--json",
    )
    assert code == 0 and json.loads(out)["decision"] == "suppress"


def test_text_output_in_portuguese(shop_db, atende):
    code, out, _err = atende(
        "simulate",
        "--instance",
        "Loja Centro",
        "--at",
        "2025-03-14T19:00:00-03:00",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Decisão: adiar (aguardar)"
    assert lines[1].startswith("Motivo: Fora do horário de funcionamento")
    assert lines[2] == "Próxima abertura: 17/03/2025 08:00 (America/Sao_Paulo)"


def test_a_naive_moment_is_invalid_input(shop_db, atende):
    code, out, err = atende(
        "simulate",
        "--instance",
        "Loja Centro",
        "--at",
        "2025-03-12T10:00:00",
    )
    assert code == 2 and out == ""
    assert err.startswith("--at: informe o fuso")


def test_a_malformed_moment_is_invalid_input(shop_db, atende):
    code, _out, err = atende("simulate", "--instance", "Loja Centro", "--at", "amanhã")
    assert code == 2 and "ISO 8601" in err


def test_an_unknown_instance_is_invalid_input(shop_db, atende):
    code, out, err = atende(
        "simulate",
        "--instance",
        "Nenhuma",
        "--at",
        "2025-03-12T10:00:00-03:00",
    )
    assert code == 2 and out == ""
    assert err.strip() == "--instance: não existe instância chamada “Nenhuma”"


def test_missing_required_options_is_a_usage_error(shop_db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--db", shop_db, "simulate", "--instance", "Loja Centro"])
    assert exc.value.code == 2
    assert "--at" in capsys.readouterr().err
