"""`atende render`."""

from __future__ import annotations

import pytest

from app.cli import main
from app.core.storage.models import Chat
from app.core.templates import store as templates


@pytest.fixture
def loja(make_instance, clock):
    instance = make_instance("Loja Centro", timezone="America/Manaus")
    templates.create_template(
        instance,
        {
            "title": "Boas-vindas",
            "shortcut": "/ola",
            "category": None,
            "content": "{{saudacao}}, {{primeiro_nome}}! Protocolo {{protocolo}} — {{data}} "
            "{{hora}}\n{{operador}} · {{empresa}} · {{telefone}}",
        },
        clock,
    )
    Chat.create(
        instance=instance,
        external_id="wa-1",
        customer_name="Bruna Lima",
        phone="+5592991234567",
        protocol=None,
        status="open",
        handler="human",
        assigned_via="operator",
        operator_name="Rafael",
    )
    return instance


def run(db_path, *args):
    return main(["--db", str(db_path), *args])


def test_render_for_a_chat_at_a_moment(loja, db_path, capsys):
    code = run(
        db_path,
        "render",
        "--instance",
        "loja centro",
        "/OLA",
        "--chat",
        "wa-1",
        "--at",
        "2025-03-14T16:05:00-03:00",
    )  # 15:05 in Manaus
    out = capsys.readouterr().out
    assert code == 0
    assert out == (
        "Boa tarde, Bruna! Protocolo wa-1 — 14/03/2025 15:05\n"
        "Rafael · Loja Centro · (92) 99123-4567\n"
    )


def test_render_without_chat_uses_sample_data_and_local_time_without_offset(loja, db_path, capsys):
    assert (
        run(db_path, "render", "--instance", "Loja Centro", "ola", "--at", "2025-03-14T04:59") == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("Boa noite, Maria! Protocolo 2025031400042 — 14/03/2025 04:59\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--instance", "Nenhuma", "/ola"], "--instance: não existe instância chamada “Nenhuma”"),
        (
            ["--instance", "Loja Centro", "/nada"],
            "atalho: Loja Centro não tem mensagem predefinida com o atalho “/nada”",
        ),
        (
            ["--instance", "Loja Centro", "/ola", "--chat", "wa-404"],
            "--chat: Loja Centro não tem o atendimento “wa-404”",
        ),
        (
            ["--instance", "Loja Centro", "/ola", "--at", "ontem"],
            "--at: não é uma data e hora ISO 8601: “ontem”",
        ),
    ],
)
def test_render_errors_exit_2(loja, db_path, capsys, args, message):
    assert run(db_path, "render", *args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message)
