"""`atende chats import` and `atende chats list`: outputs, exit codes, nothing written on error."""

from __future__ import annotations

import io
import json
import sys
from datetime import timedelta

import pytest

from app.cli import main
from app.core.storage.models import AutoCloseSettings, Chat
from tests.commands import cli_fixture

atende = cli_fixture.atende  # the fixture, shared by the CLI tests

GOOD = [
    {
        "external_id": "wa-1",
        "customer_name": "Maria Souza",
        "phone": "11987654321",
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "operator_name": "Ana",
        "last_customer_message_at": "2025-03-12T09:00:00-03:00",
        "last_agent_message_at": "2025-03-12T09:30:00-03:00",
    },
    {"external_id": "wa-2", "status": "open", "handler": "bot"},
    {
        "external_id": "wa-3",
        "customer_name": "João",
        "status": "closed",
        "handler": "human",
        "assigned_via": "chatbot",
        "closed_at": "2025-03-11T18:00:00-03:00",
        "closed_by": "auto",
        "close_reason": "Cliente sem resposta há 1 hora",
    },
]


def write_jsonl(path, objects):
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), "utf-8")
    return str(path)


@pytest.fixture
def shop(make_instance):
    instance = make_instance("Padaria Pão Quente")
    AutoCloseSettings.create(
        instance=instance,
        enabled=True,
        timeout_minutes=60,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=False,
    )
    return instance


def stored():
    return [c.__data__.copy() for c in Chat.select().order_by(Chat.id)]


def test_import_then_update(atende, shop, tmp_path):
    path = write_jsonl(tmp_path / "chats.jsonl", GOOD)
    assert atende("chats", "import", path, "--instance", "padaria pão quente") == (
        0,
        "3 atendimentos importados (novos: 3; atualizados: 0)\n",
        "",
    )
    path = write_jsonl(tmp_path / "again.jsonl", GOOD[:1])
    assert atende("chats", "import", path, "--instance", "Padaria Pão Quente")[1] == (
        "1 atendimento importado (novos: 0; atualizados: 1)\n"
    )


def test_a_bad_file_is_refused_with_every_error_and_nothing_written(atende, shop, tmp_path):
    write_jsonl(tmp_path / "ok.jsonl", GOOD[:1])
    atende("chats", "import", str(tmp_path / "ok.jsonl"), "--instance", shop.name)
    before = stored()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({**GOOD[0], "customer_name": "Outra"})
        + "\n"
        + json.dumps(
            {
                "external_id": "x",
                "status": "open",
                "handler": "human",
                "last_agent_message_at": "2025-03-12 10:00",
            }
        )
        + "\n"
        + '{"external_id": "y",\n',
        "utf-8",
    )
    code, out, err = atende("chats", "import", str(bad), "--instance", shop.name)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "linha 2.last_agent_message_at: a hora precisa do deslocamento UTC (fuso horário); "
        "exemplo: 2025-03-12T10:00:00-03:00",
        "arquivo: JSON inválido na linha 3, coluna 21: esperava-se uma chave entre aspas duplas",
    ]
    assert stored() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--instance", "Nenhuma"), "--instance: não existe instância chamada “Nenhuma”"),
        (("--instance", "Padaria Pão Quente", "missing.jsonl"), "arquivo: "),
    ],
)
def test_unknown_instance_or_file_is_invalid_input(atende, shop, tmp_path, args, message):
    path = write_jsonl(tmp_path / "chats.jsonl", GOOD)
    if args[-1] == "missing.jsonl":
        path, args = str(tmp_path / args[-1]), args[:-1]
    code, _out, err = atende("chats", "import", path, *args)
    assert code == 2 and err.startswith(message)
    assert stored() == []


def test_list_as_a_portuguese_table_with_the_deadline(atende, shop, tmp_path):
    atende("chats", "import", write_jsonl(tmp_path / "c.jsonl", GOOD), "--instance", shop.name)
    code, out, err = atende("chats", "list", "--instance", shop.name)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split("  ")[0] == "ID EXTERNO"
    assert "ENCERRAMENTO AUTOMÁTICO" in lines[0] and set(lines[1]) == {"-", " "}
    assert lines[2].startswith("wa-1")
    assert "+55 (11) 98765-4321" in lines[2] and "humano" in lines[2]
    assert lines[2].endswith("previsto para 12/03/2025 10:30")  # 09:30 + 1 hour, São Paulo
    assert lines[3].startswith("wa-3") and lines[3].endswith(
        "encerrado em 11/03/2025 18:00 (automaticamente)"
    )
    assert lines[4].startswith("wa-2") and lines[4].endswith("—")


def test_list_json_has_the_spec_fields_and_filters_by_status(atende, shop, tmp_path):
    atende("chats", "import", write_jsonl(tmp_path / "c.jsonl", GOOD), "--instance", shop.name)
    code, out, _err = atende(
        "chats", "list", "--instance", shop.name, "--json", "--status", "closed"
    )
    assert code == 0
    assert json.loads(out) == [
        {
            "external_id": "wa-3",
            "customer_name": "João",
            "phone": None,
            "protocol": None,
            "status": "closed",
            "handler": "human",
            "assigned_via": "chatbot",
            "operator_name": None,
            "last_customer_message_at": None,
            "last_agent_message_at": None,
            "closed_at": "2025-03-11T21:00:00+00:00",
            "closed_by": "auto",
            "close_reason": "Cliente sem resposta há 1 hora",
        }
    ]
    _code, out, _err = atende("chats", "list", "--instance", shop.name, "--json")
    assert [c["external_id"] for c in json.loads(out)] == ["wa-1", "wa-3", "wa-2"]


def test_list_of_an_instance_without_chats(atende, shop):
    assert atende("chats", "list", "--instance", shop.name) == (
        0,
        "Nenhum atendimento nesta instância.\n",
        "",
    )
    assert atende("chats", "list", "--instance", shop.name, "--json") == (0, "[]\n", "")
    assert atende("chats", "list", "--instance", "Outra")[0] == 2


def test_the_listed_deadline_moves_with_the_last_agent_message(atende, shop, clock):
    Chat.create(
        instance=shop,
        external_id="c",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=clock.now() - timedelta(hours=3),
    )
    _code, out, _err = atende("chats", "list", "--instance", shop.name)
    assert out.splitlines()[2].endswith("previsto para 12/03/2025 08:00")  # already past: due


def test_the_file_is_checked_before_the_database_is_looked_for(tmp_path, capsys):
    missing = tmp_path / "nenhum.sqlite3"
    bad = write_jsonl(tmp_path / "bad.jsonl", [{**GOOD[1], "status": "?"}])
    good = write_jsonl(tmp_path / "good.jsonl", GOOD)
    argv = ["--db", str(missing), "chats", "import"]
    assert main([*argv, bad, "--instance", "Padaria"]) == 2
    assert capsys.readouterr().err == "linha 1.status: Deve ser um destes: open, closed\n"
    assert main([*argv, good, "--instance", "Padaria"]) == 2
    assert "não encontrado" in capsys.readouterr().err
    assert not missing.exists()


def test_import_from_stdin(atende, shop, monkeypatch):
    data = "".join(json.dumps(o) + "\n" for o in GOOD).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _err = atende("chats", "import", "-", "--instance", shop.name)
    assert (code, out) == (0, "3 atendimentos importados (novos: 3; atualizados: 0)\n")


def test_import_counts_are_written_in_portuguese(atende, shop, monkeypatch):
    lines = [{"external_id": f"c{n}", "status": "open", "handler": "bot"} for n in range(1200)]
    data = "".join(json.dumps(o) + "\n" for o in lines).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _err = atende("chats", "import", "-", "--instance", shop.name)
    assert (code, out) == (0, "1.200 atendimentos importados (novos: 1.200; atualizados: 0)\n")
