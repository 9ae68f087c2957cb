"""The catalogue of hostile input, chats files: `atende chats import FILE --instance NAME`.

Same contract as `test_bad_input.py`: a Portuguese message at the line and field (or at
`arquivo` for the file itself), exit 2, and every table unchanged.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.cli import main
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import Chat
from tests.faults import dump
from tests.test_bad_input import FIVE_MB, VALID, assert_reported


@pytest.fixture
def shop(db_path, clock):
    """A database holding the instance "Loja Centro", closed (the CLI opens it)."""
    open_database(db_path)
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    close_database()


# -- chats files (JSON Lines, `atende chats import`) ----------------------------------------

CHAT = {
    "external_id": "c-1",
    "customer_name": "Maria Souza",
    "phone": "(11) 91234-5678",
    "status": "open",
    "handler": "human",
    "assigned_via": "operator",
    "operator_name": "Ana",
    "last_agent_message_at": "2025-03-12T10:00:00-03:00",
}


def chat_line(**changes: Any) -> str:
    return json.dumps({**CHAT, **changes}, ensure_ascii=False)


CHAT_CASES = [
    ("truncated-line", chat_line()[:30], "arquivo", "JSON inválido na linha 1"),
    ("second-line-broken", chat_line() + "\n{", "arquivo", "JSON inválido na linha 2"),
    ("not-an-object", "[1, 2]", "linha 1", "Deve ser um objeto JSON"),
    ("unknown-key", chat_line(ultima_msg="x"), "linha 1.ultima_msg", "Chave desconhecida"),
    (
        "missing-status",
        json.dumps({"external_id": "a", "handler": "bot"}),
        "linha 1.status",
        "Chave obrigatória ausente",
    ),
    ("null-handler", chat_line(handler=None), "linha 1.handler", "Não pode ser nulo"),
    ("status-in-portuguese", chat_line(status="aberto"), "linha 1.status", "Deve ser um destes"),
    (
        "sql-in-status",
        chat_line(status="open'; DROP TABLE chat;--"),
        "linha 1.status",
        "Deve ser um destes",
    ),
    (
        "nul-in-name",
        chat_line(customer_name="Maria\u0000"),
        "linha 1.customer_name",
        "caractere de controle",
    ),
    ("five-mb-name", chat_line(customer_name=FIVE_MB), "linha 1.customer_name", "no máximo 120"),
    ("emoji-phone", chat_line(phone="📞📞"), "linha 1.phone", "telefone válido"),
    (
        "no-offset",
        chat_line(last_agent_message_at="2025-03-12T10:00:00"),
        "linha 1.last_agent_message_at",
        "deslocamento UTC",
    ),
    (
        "impossible-date",
        chat_line(last_agent_message_at="2025-13-45T99:99:99-03:00"),
        "linha 1.last_agent_message_at",
        "ISO 8601",
    ),
    (
        "year-one",
        chat_line(last_agent_message_at="0001-01-01T00:00:00+01:00"),
        "linha 1.last_agent_message_at",
        "entre os anos 1970 e 2999",
    ),
    (  # issue 18, item 1: its deadline fell in year 10000 and stopped every watcher pass
        "year-9999",
        chat_line(last_agent_message_at="9999-12-31T23:30:00Z"),
        "linha 1.last_agent_message_at",
        "entre os anos 1970 e 2999",
    ),
    (
        "year-3000",
        chat_line(last_agent_message_at="3000-01-01T00:00:00Z"),
        "linha 1.last_agent_message_at",
        "entre os anos 1970 e 2999",
    ),
    (
        "before-1970",
        chat_line(last_agent_message_at="1969-12-31T23:59:59-00:00"),
        "linha 1.last_agent_message_at",
        "entre os anos 1970 e 2999",
    ),
    (
        "bot-with-operator",
        chat_line(handler="bot"),
        "linha 1.assigned_via",
        "Deve ser nulo em um atendimento feito pelo bot",
    ),
    (
        "closed-fields-open",
        chat_line(closed_by="auto"),
        "linha 1.closed_by",
        "Deve ser nulo enquanto o atendimento está aberto",
    ),
    (
        "duplicate-external-id",
        chat_line() + "\n" + chat_line(),
        "linha 2.external_id",
        "já aparece na linha 1",
    ),
    (
        "duplicate-key",
        chat_line().replace('"status": "open"', '"status": "open", "status": "closed"'),
        "linha 1",
        "aparece duas vezes",
    ),
    (
        "escaped-surrogate",
        chat_line().replace("Maria Souza", "Maria \\ud800"),
        "linha 1.customer_name",
        "caractere inválido",
    ),
    ("deep-nesting", "[" * 100_000 + "]" * 100_000, "arquivo", "aninhados demais"),
    ("huge-number", chat_line().replace('"c-1"', "9" * 5000), "arquivo", "dígitos demais"),
    ("utf16-file", chat_line().encode("utf-16"), "arquivo", "UTF-16"),
    (
        "cp1252-file",
        chat_line(customer_name="José").encode("cp1252"),
        "arquivo",
        "não é um texto UTF-8",
    ),
]


def run_chats_import(db_path, tmp_path, payload, instance="Loja Centro") -> int:
    path = tmp_path / "chats.jsonl"
    path.write_bytes(payload if isinstance(payload, bytes) else payload.encode("utf-8"))
    try:
        return main(["--db", str(db_path), "chats", "import", str(path), "--instance", instance])
    finally:
        close_database()


def test_the_valid_chat_line_imports(shop, db_path, tmp_path):
    """Control: the line the chat cases start from is accepted."""
    assert run_chats_import(db_path, tmp_path, chat_line()) == 0


@pytest.mark.parametrize(
    ("case_id", "payload", "path", "fragment"), CHAT_CASES, ids=[c[0] for c in CHAT_CASES]
)
def test_hostile_chats_file(case_id, payload, path, fragment, shop, db_path, tmp_path, capsys):
    before = dump(db_path)
    code = run_chats_import(db_path, tmp_path, payload)
    err = capsys.readouterr().err
    assert code == 2, err[:2000]
    assert_reported(err, path, fragment)
    assert dump(db_path) == before


@pytest.mark.parametrize("name", ["../../etc/passwd", "Loja Centro'; DROP TABLE chat;--", ""])
def test_hostile_instance_names_on_the_command_line(name, shop, db_path, tmp_path, capsys):
    before = dump(db_path)
    assert run_chats_import(db_path, tmp_path, chat_line(), instance=name) == 2
    assert "--instance: não existe instância chamada" in capsys.readouterr().err
    assert dump(db_path) == before


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_only_a_newline_ends_a_line(separator, shop, db_path, tmp_path, capsys):
    """U+2028 and U+2029 may stand raw inside a JSON text (issue 18, item 6); CRLF line
    ends are fine too."""
    lines = [
        chat_line(external_id="a", customer_name=f"Maria{separator}Souza"),
        chat_line(external_id="b"),
    ]
    assert run_chats_import(db_path, tmp_path, "\r\n".join(lines) + "\r\n") == 0, (
        capsys.readouterr().err
    )
    open_database(db_path)
    try:
        names = dict(Chat.select(Chat.external_id, Chat.customer_name).tuples())
    finally:
        close_database()
    assert names == {"a": f"Maria{separator}Souza", "b": CHAT["customer_name"]}


def test_a_next_line_character_is_refused_at_its_field_not_as_broken_json(
    shop, db_path, tmp_path, capsys
):
    payload = chat_line(customer_name="Maria\u0085Souza") + "\n" + chat_line(external_id="b")
    before = dump(db_path)
    assert run_chats_import(db_path, tmp_path, payload) == 2
    err = capsys.readouterr().err
    assert_reported(err, "linha 1.customer_name", "caractere de controle")
    assert "JSON inválido" not in err
    assert dump(db_path) == before
