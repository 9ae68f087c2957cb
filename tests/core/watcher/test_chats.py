"""The chats JSON Lines format: strict validation with line paths, all-or-nothing upsert."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.core.common.validation import ValidationError
from app.core.storage.models import Chat
from app.core.watcher import chat_import, chats
from tests.failing_trigger import add_failing_trigger, drop_failing_trigger

FULL = {
    "external_id": " wa-1001 ",
    "customer_name": "Maria Souza",
    "phone": "(11) 98765-4321",
    "protocol": "2025-0042",
    "status": "open",
    "handler": "human",
    "assigned_via": "operator",
    "operator_name": "Ana",
    "last_customer_message_at": "2025-03-12T09:00:00-03:00",
    "last_agent_message_at": "2025-03-12T12:10:30.250Z",
}


def jsonl(*objects) -> str:
    return "\n".join(o if isinstance(o, str) else json.dumps(o) for o in objects) + "\n"


def minimal(external_id: str, **fields):
    return {"external_id": external_id, "status": "open", "handler": "bot", **fields}


def test_a_full_line_is_normalized():
    rows, problems = chats.parse_chats(jsonl(FULL))
    assert problems == []
    assert rows == [
        {
            "external_id": "wa-1001",
            "customer_name": "Maria Souza",
            "phone": "+5511987654321",
            "protocol": "2025-0042",
            "status": "open",
            "handler": "human",
            "assigned_via": "operator",
            "operator_name": "Ana",
            "last_customer_message_at": datetime(2025, 3, 12, 12, 0, tzinfo=UTC),
            "last_agent_message_at": datetime(2025, 3, 12, 12, 10, 30, 250000, tzinfo=UTC),
            "closed_at": None,
            "closed_by": None,
            "close_reason": None,
        }
    ]


def test_blank_lines_and_absent_optional_fields_are_fine():
    rows, problems = chats.parse_chats(
        "\n"
        + jsonl(minimal("a"))
        + "   \n"
        + jsonl(
            minimal(
                "b",
                status="closed",
                handler="human",
                assigned_via=None,
                closed_at="2025-03-11T18:00:00+00:00",
                closed_by="agent",
                phone="+1 415 555 2671",
            )
        )
    )
    assert problems == []
    assert [r["external_id"] for r in rows] == ["a", "b"]
    assert rows[1]["phone"] == "+14155552671"  # foreign customers keep E.164
    assert rows[0]["assigned_via"] is None and rows[0]["customer_name"] is None


@pytest.mark.parametrize(
    ("line", "path", "message"),
    [
        ({"status": "open", "handler": "bot"}, "linha 1.external_id", "Chave obrigatória ausente"),
        (minimal(" "), "linha 1.external_id", "Não pode ser vazio"),
        (minimal(12), "linha 1.external_id", "Deve ser um texto"),
        (minimal("a", status="opened"), "linha 1.status", "Deve ser um destes: open, closed"),
        (minimal("a", handler=None), "linha 1.handler", "Não pode ser nulo"),
        (minimal("a", handler="robot"), "linha 1.handler", "Deve ser um destes: bot, human"),
        (
            minimal("a", handler="human", assigned_via="manager"),
            "linha 1.assigned_via",
            "Deve ser um destes: operator, chatbot, workflow",
        ),
        (
            minimal("a", assigned_via="chatbot"),
            "linha 1.assigned_via",
            "Deve ser nulo em um atendimento feito pelo bot (handler “bot”)",
        ),
        (
            minimal("a", last_agent_message_at="2025-03-12T10:00:00"),
            "linha 1.last_agent_message_at",
            "a hora precisa do deslocamento UTC (fuso horário); exemplo: 2025-03-12T10:00:00-03:00",
        ),
        (
            minimal("a", last_customer_message_at="ontem"),
            "linha 1.last_customer_message_at",
            "não é uma data e hora ISO 8601; exemplo: 2025-03-12T10:00:00-03:00",
        ),
        (minimal("a", closed_at=1741784400), "linha 1.closed_at", "Deve ser um texto"),
        (
            minimal("a", closed_by="auto"),
            "linha 1.closed_by",
            "Deve ser nulo enquanto o atendimento está aberto",
        ),
        (
            minimal("a", status="closed", closed_by="bot"),
            "linha 1.closed_by",
            "Deve ser um destes: auto, agent",
        ),
        (
            minimal("a", phone="12345"),
            "linha 1.phone",
            "Não é um telefone válido; exemplo: +5511987654321",
        ),
        (
            minimal("a", customer_name="x" * 121),
            "linha 1.customer_name",
            "Use no máximo 120 caracteres.",
        ),
        (
            minimal("a", last_agent_msg_at="2025-03-12T10:00:00Z"),
            "linha 1.last_agent_msg_at",
            "Chave desconhecida",
        ),
        ([1, 2], "linha 1", "Deve ser um objeto JSON"),
    ],
)
def test_each_wrong_field_is_named(line, path, message):
    rows, problems = chats.parse_chats(jsonl(line))
    assert rows == []
    assert [str(p) for p in problems] == [f"{path}: {message}"]


def test_a_line_that_is_not_json_names_line_and_column():
    _rows, problems = chats.parse_chats(jsonl(minimal("a"), minimal("b"), '{"external_id": x}'))
    assert [str(p) for p in problems] == [
        "arquivo: JSON inválido na linha 3, coluna 17: esperava-se um valor"
    ]


def test_an_external_id_twice_in_one_file_is_an_error():
    _rows, problems = chats.parse_chats(
        jsonl(minimal("a"), minimal("b", status="x"), minimal(" a"))
    )
    assert [str(p) for p in problems] == [
        "linha 2.status: Deve ser um destes: open, closed",
        "linha 3.external_id: “a” já aparece na linha 1",
    ]


def test_a_wholly_wrong_file_stops_listing_after_a_hundred_errors():
    _rows, problems = chats.parse_chats(jsonl(*["[]"] * 130))
    assert len(problems) == 101
    assert str(problems[-1]) == "arquivo: … e mais 30 erros"


# --- writing -------------------------------------------------------------------------------


def stored(instance=None):
    query = Chat.select().order_by(Chat.instance, Chat.external_id)
    if instance is not None:
        query = query.where(Chat.instance == instance)
    return [c.__data__.copy() for c in query]


def test_import_upserts_by_external_id_within_the_instance(make_instance):
    shop, other = make_instance("Padaria"), make_instance("Clínica")
    chat_import.import_chats(other, jsonl(minimal("wa-1001", customer_name="Outra")))
    first = chat_import.import_chats(shop, jsonl(FULL, minimal("b")))
    assert (first.created, first.updated) == (2, 0)
    second = chat_import.import_chats(
        shop,
        jsonl(
            {
                "external_id": "wa-1001",
                "status": "closed",
                "handler": "human",
                "assigned_via": "operator",
                "closed_by": "agent",
            },
            minimal("c"),
        ),
    )
    assert (second.created, second.updated, second.total) == (1, 1, 2)
    updated = chats.get_chat(shop, "wa-1001")
    assert (updated.status, updated.closed_by) == ("closed", "agent")
    # The line is the whole state: fields it leaves out become null.
    assert updated.customer_name is None and updated.last_agent_message_at is None
    assert chats.get_chat(other, "wa-1001").customer_name == "Outra"
    assert len(stored(shop)) == 3


def test_a_bad_line_writes_nothing(make_instance):
    shop = make_instance("Padaria")
    chat_import.import_chats(shop, jsonl(minimal("a", customer_name="Antes")))
    before = stored()
    with pytest.raises(ValidationError) as exc:
        chat_import.import_chats(
            shop,
            jsonl(minimal("a", customer_name="Depois"), minimal("b"), minimal("c", status="?")),
        )
    assert [p.path for p in exc.value.problems] == ["linha 3.status"]
    assert stored() == before


def test_a_failure_in_a_later_batch_rolls_back_the_earlier_ones(make_instance, db, monkeypatch):
    shop = make_instance("Padaria")
    monkeypatch.setattr(chats, "_batch_size", lambda: 2)
    rows, _ = chats.parse_chats(jsonl(*(minimal(f"c{n}") for n in range(5))))
    add_failing_trigger(db, "INSERT", "chat", "NEW.external_id = 'c4'", "disco cheio (simulado)")
    with pytest.raises(Exception, match="simulado"):
        chats.upsert_chats(shop, rows)
    assert stored() == []
    drop_failing_trigger(db, "chat")
    assert chats.upsert_chats(shop, rows).created == 5


def test_chat_as_json_has_exactly_the_spec_fields_in_utc(make_instance):
    shop = make_instance("Padaria")
    chat_import.import_chats(shop, jsonl(FULL))
    data = chats.chat_as_json(chats.get_chat(shop, "wa-1001"))
    assert list(data) == list(chats.FIELDS)
    assert data["last_customer_message_at"] == "2025-03-12T12:00:00+00:00"
    assert data["last_agent_message_at"] == "2025-03-12T12:10:30.250+00:00"
    assert data["closed_at"] is None and data["phone"] == "+5511987654321"
    # What is listed imports back to the same rows.
    before = stored()
    assert chat_import.import_chats(shop, jsonl(data)).updated == 1
    assert stored() == before


def test_chats_query_filters_by_status_and_puts_recent_activity_first(make_instance):
    shop = make_instance("Padaria")
    chat_import.import_chats(
        shop,
        jsonl(
            minimal("old", last_agent_message_at="2025-03-10T10:00:00Z"),
            minimal("new", last_customer_message_at="2025-03-12T10:00:00Z"),
            minimal("none"),
            minimal("shut", status="closed", last_agent_message_at="2025-03-11T10:00:00Z"),
        ),
    )
    assert [c.external_id for c in chats.chats_query(shop)] == ["new", "shut", "old", "none"]
    assert [c.external_id for c in chats.chats_query(shop, "open")] == ["new", "old", "none"]


def test_labels_are_portuguese():
    assert chats.label("status", "closed") == "encerrado"
    assert chats.label("closed_by", "auto") == "automaticamente"
    assert chats.label("assigned_via", None) == "—"
