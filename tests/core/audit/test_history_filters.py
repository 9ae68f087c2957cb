"""History filters of the Histórico page: kinds, accent-insensitive text, newest first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.audit import history, history_filters
from app.core.storage.models import Instance
from app.core.watcher import chat_import


@pytest.fixture
def events(make_instance, clock):
    shop = make_instance("Loja Centro")
    other = make_instance("Loja Norte", phone="+5511987654321")
    at = clock.now()
    history.record(
        shop, at + timedelta(minutes=1), "config", "auto_close", "Encerramento automático: ativado"
    )
    history.record(
        shop,
        at + timedelta(minutes=2),
        "auto_close",
        "auto_close",
        "Cliente sem resposta há 5 horas",
        {},
        "chat-42",
    )
    history.record(
        shop,
        at + timedelta(minutes=3),
        "auto_close",
        "auto_close",
        "Cliente sem resposta há 1 dia",
        {},
        "São-7",
    )
    history.record(
        other,
        at + timedelta(minutes=4),
        "auto_close",
        "auto_close",
        "Cliente sem resposta há 5 horas",
        {},
        "chat-99",
    )
    return shop


def summaries(query):
    return [(e.kind, e.summary) for e in query]


def test_all_is_newest_first_and_only_this_instance(events):
    found = summaries(history_filters.search(events, "all"))
    assert found[0] == ("auto_close", "Cliente sem resposta há 1 dia")
    assert found[-1] == ("instance", "Instância criada: Loja Centro")
    assert len(found) == 4


def test_configuration_includes_instance_events(events):
    kinds = {k for k, _s in summaries(history_filters.search(events, "config"))}
    assert kinds == {"config", "instance"}


def test_automatic_closings_only(events):
    found = summaries(history_filters.search(events, "auto_close"))
    assert [s for _k, s in found] == [
        "Cliente sem resposta há 1 dia",
        "Cliente sem resposta há 5 horas",
    ]


def test_text_search_ignores_case_and_accents_and_reads_the_chat_id(events):
    assert len(list(history_filters.search(events, "all", "ENCERRAMENTO AUTOMATICO"))) == 1
    assert [e.chat_external_id for e in history_filters.search(events, "all", "sao-7")] == ["São-7"]
    assert [e.chat_external_id for e in history_filters.search(events, "auto_close", "42")] == [
        "chat-42"
    ]
    assert list(history_filters.search(events, "all", "100%")) == []
    assert list(history_filters.search(events, "all", "chat_4")) == []  # "_" is literal
    assert len(list(history_filters.search(events, "all", "CLIENTE SEM RESPOSTA HÁ"))) == 2


def test_fold():
    assert history_filters.fold("São Paulo ÇÃ") == "sao paulo ca"
    assert history_filters.fold(None) == ""


def test_warnings_before_closing_are_listed_with_the_automatic_closings(events, clock):
    history.record(
        events,
        clock.now() + timedelta(minutes=5),
        history.KIND_AUTO_CLOSE_WARNING,
        "auto_close",
        "Aviso de encerramento enviado",
        {},
        "chat-42",
    )
    found = summaries(history_filters.search(events, "auto_close"))
    assert found[0] == ("auto_close_warning", "Aviso de encerramento enviado")
    assert "auto_close_warning" not in {
        k for k, _s in summaries(history_filters.search(events, "config"))
    }
    assert history_filters.KIND_LABELS[history.KIND_AUTO_CLOSE_WARNING] == "Closing warning"


def test_text_search_finds_a_customer_by_name_or_phone(events):
    """Issue 17 item 10: "joao", "Pereira", a phone as typed find João Pereira's events."""
    line = (
        '{{"external_id": "{id}", "customer_name": "{name}", "phone": "{phone}", '
        '"status": "closed", "handler": "bot"}}'
    )
    chat_import.import_chats(
        events,
        line.format(id="chat-42", name="João Pereira", phone="(11) 91234-5678")
        + "\n"
        + line.format(id="São-7", name="Maria Souza", phone="(21) 99876-1234"),
    )
    other = Instance.get(Instance.name == "Loja Norte")  # its chat-99 is someone else
    chat_import.import_chats(
        other, line.format(id="chat-99", name="João Pereira", phone="11 3333-4444")
    )

    def ids(text, instance=events):
        return [e.chat_external_id for e in history_filters.search(instance, "all", text)]

    assert ids("joao") == ["chat-42"]
    assert ids("PEREIRA") == ["chat-42"]
    assert ids("91234-5678") == ["chat-42"]
    assert ids("(21) 99876") == ["São-7"]
    assert ids("souza") == ["São-7"]
    assert ids("joão") == ["chat-42"]
    assert ids("Pedro") == []
    assert sorted(ids("joao", None)) == ["chat-42", "chat-99"]  # all instances: each its own
    assert ids("3333", None) == ["chat-99"]
