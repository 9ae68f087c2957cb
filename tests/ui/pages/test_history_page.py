"""Histórico: newest first, filter by kind, text search, details of an automatic closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.core.audit import history
from app.core.storage.models import Chat
from app.core.watcher import auto_close, closing
from app.ui import emoji
from app.ui.pages.history import HistoryPage
from tests.ui.conftest import find

SETTINGS = {
    "enabled": True,
    "timeout_minutes": 300,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": "Tchau, {{primeiro_nome}}!",
}


@pytest.fixture
def page(qtbot, make_instance, clock, context):
    shop = make_instance()
    auto_close.save(shop, SETTINGS, clock)
    Chat.create(
        instance=shop,
        external_id="chat-7",
        customer_name="Maria Souza",
        phone="+5511912345678",
        status="open",
        handler="human",
        assigned_via="operator",
        operator_name="Beatriz",
        protocol="2025-7",
        last_agent_message_at=clock.now() - timedelta(hours=6),
    )
    clock.advance(timedelta(minutes=1))
    closing.watcher_pass(clock.now())
    widget = HistoryPage(shop.id, context)
    qtbot.addWidget(widget)
    return widget


def rows(page):
    model = page.model
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_newest_first_with_local_times(page):
    found = rows(page)
    assert found[0] == [
        "12/03/2025 10:01",
        "Encerramento automático",
        "Cliente sem resposta há 5 horas",
        "Maria Souza · (11) 91234-5678",
    ]
    assert page.model.headerData(3, Qt.Orientation.Horizontal) == "Cliente"
    index = page.model.index(0, 3)
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole) == "Atendimento chat-7"
    assert [r[1] for r in found] == ["Encerramento automático", "Configuração", "Instância"]


def test_filter_by_kind(page):
    combo = find(page, "Filtrar por tipo", QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Todos",
        "Configuração",
        "Encerramentos automáticos",
    ]
    combo.setCurrentIndex(2)
    assert [r[3] for r in rows(page)] == ["Maria Souza · (11) 91234-5678"]
    combo.setCurrentIndex(1)
    assert [r[1] for r in rows(page)] == ["Configuração", "Instância"]


def test_text_search(qtbot, page):
    search = find(page, "Pesquisar no histórico", QLineEdit)
    qtbot.keyClicks(search, "automatico")
    page.reload()  # what the typing pause triggers
    assert [r[2] for r in rows(page)] == [
        "Encerramento automático: ativado; tempo limite: 1 hora → 5 horas; mensagem de "
        "encerramento definida"
    ]
    search.setText("nada assim")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)
    assert page.empty_label.text() == "Nenhum evento encontrado."


@pytest.mark.parametrize("text", ["maria", "SOUZA", "91234-5678", "(11) 91234", "2025-7"])
def test_search_by_customer_name_phone_or_protocol(page, text):
    """Issue 17 item 10: the customer's name or phone finds the events about their chat."""
    page.search_edit.setText(text)
    page.reload()  # what the typing pause triggers
    assert [r[3] for r in rows(page)] == ["Maria Souza · (11) 91234-5678"]


def test_an_event_about_an_unknown_chat_shows_its_id(page, clock):
    history.record(page.instance(), clock.now(), "auto_close", "auto_close", "x", {}, "wa-gone")
    page.reload()
    assert rows(page)[0][3] == "wa-gone"


def test_details_of_an_automatic_closing(page):
    text = page.details_label.text()
    assert text.splitlines() == [
        "Cliente sem resposta há 5 horas",
        "Cliente: Maria Souza",
        "Telefone: (11) 91234-5678",
        "Protocolo: 2025-7",
        "Operador: Beatriz",
        "Atribuído via: operador",
        "Tempo limite: 5 horas",
        "Mensagem de encerramento registrada: Tchau, Maria!",
    ]


def test_an_emoji_no_font_draws_reads_emoji_in_the_details(
    qtbot, make_instance, clock, context, monkeypatch
):
    monkeypatch.setattr(emoji, "_emoji_font", [False])  # a desk without fonts-noto-color-emoji
    monkeypatch.setattr(emoji, "drawable", lambda codepoint: codepoint < 0x2300)
    shop = make_instance()
    auto_close.save(shop, {**SETTINGS, "closing_message": "Tchau! 😊"}, clock)
    Chat.create(
        instance=shop,
        external_id="chat-8",
        customer_name="Rafael Costa",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=clock.now() - timedelta(hours=6),
    )
    closing.watcher_pass(clock.now())
    page = HistoryPage(shop.id, context)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    last = page.details_label.text().splitlines()[-1]
    assert last == "Mensagem de encerramento registrada: Tchau! [emoji]"  # was an empty box
