"""Atendimentos: countdowns, relative times, the next-closing status line, filters, refresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from app.core.storage.models import Chat
from app.core.watcher import auto_close, chat_listing
from app.ui.pages.chats import ChatsPage
from app.ui.pages.chats_model import ChatsModel, format_countdown, format_moment
from tests.ui.conftest import find

SETTINGS = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
}


def add_chat(instance, external_id, now, agent_ago=None, customer_ago=None, **fields):
    data = {
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "customer_name": external_id.title(),
        "operator_name": "Beatriz",
    }
    data.update(fields)
    return Chat.create(
        instance=instance,
        external_id=external_id,
        last_agent_message_at=None if agent_ago is None else now - agent_ago,
        last_customer_message_at=None if customer_ago is None else now - customer_ago,
        **data,
    )


@pytest.fixture
def shop(make_instance, clock):
    instance = make_instance()
    auto_close.save(instance, SETTINGS, clock)
    return instance


def make_page(qtbot, shop, context):
    page = ChatsPage(shop.id, context)
    qtbot.addWidget(page)
    return page


def column(page, col):
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_countdown_and_relative_times(qtbot, shop, clock, context):
    now = clock.now()
    add_chat(
        shop,
        "maria",
        now,
        agent_ago=timedelta(minutes=18),
        customer_ago=timedelta(hours=3),
        phone="+5511987654321",
    )
    add_chat(shop, "joao", now, agent_ago=timedelta(hours=1), customer_ago=timedelta(minutes=5))
    add_chat(shop, "bot", now, agent_ago=timedelta(minutes=1), handler="bot", assigned_via=None)
    page = make_page(qtbot, shop, context)
    assert column(page, 0) == ["Maria", "Bot", "Joao"]
    assert column(page, 1)[0] == "(11) 98765-4321"
    assert column(page, 2) == ["Beatriz (via operador)", "Bot", "Beatriz (via operador)"]
    assert column(page, ChatsModel.LAST_MESSAGE) == [
        "há 18 minutos (atendente)",
        "há 1 minuto (atendente)",
        "há 5 minutos (cliente)",
    ]
    assert column(page, ChatsModel.SITUATION) == [
        "encerra em 42 min",
        "Com o chatbot",
        "Aguardando o atendente",
    ]
    assert page.next_label.text() == "Próximo encerramento automático: hoje às 10:42"

    # The 30 s refresh repaints from the clock, without querying again.
    clock.advance(timedelta(minutes=10))
    page.refresh_times()
    assert column(page, ChatsModel.SITUATION)[0] == "encerra em 32 min"
    assert column(page, ChatsModel.LAST_MESSAGE)[0] == "há 28 minutos (atendente)"
    clock.advance(timedelta(minutes=40))
    page.refresh_times()
    assert column(page, ChatsModel.SITUATION)[0] == "encerramento pendente"
    assert page.next_label.text() == "Próximo encerramento automático: agora (pendente)"


def test_refreshes_when_chats_change(qtbot, shop, clock, context):
    page = make_page(qtbot, shop, context)
    assert page.model.rowCount() == 0 and page.empty_label.isVisibleTo(page)
    assert page.next_label.text() == ("Nenhum atendimento aberto aguarda encerramento automático.")
    add_chat(shop, "ana", clock.now(), agent_ago=timedelta(minutes=59))
    context.chats_changed.emit(shop.id)
    assert column(page, 0) == ["Ana"]
    assert page.count_label.text() == "1 atendimento"
    assert column(page, ChatsModel.SITUATION) == ["encerra em 1 min"]


def test_filters_open_closed_all(qtbot, shop, clock, context):
    now = clock.now()
    add_chat(shop, "aberto", now, agent_ago=timedelta(minutes=5))
    add_chat(
        shop,
        "auto",
        now,
        agent_ago=timedelta(hours=2),
        status="closed",
        closed_at=now - timedelta(hours=1),
        closed_by="auto",
        close_reason="Cliente sem resposta há 1 hora",
    )
    add_chat(
        shop,
        "manual",
        now,
        agent_ago=timedelta(hours=3),
        status="closed",
        closed_at=now - timedelta(hours=2),
        closed_by="agent",
    )
    page = make_page(qtbot, shop, context)
    combo = find(page, "Filtrar atendimentos", QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["Abertos", "Encerrados", "Todos"]
    assert column(page, 0) == ["Aberto"]
    combo.setCurrentIndex(1)
    assert column(page, 0) == ["Auto", "Manual"]
    assert column(page, ChatsModel.SITUATION) == [
        "Encerrado automaticamente",
        "Encerrado pelo atendente",
    ]
    tooltip = page.model.data(
        page.model.index(0, ChatsModel.SITUATION), Qt.ItemDataRole.ToolTipRole
    )
    assert tooltip == "há 1 hora · Cliente sem resposta há 1 hora"
    combo.setCurrentIndex(2)
    assert page.model.rowCount() == 3 and page.count_label.text() == "3 atendimentos"


def test_status_line_when_disabled_and_watcher_state(qtbot, shop, clock, context):
    auto_close.save(shop, {**SETTINGS, "enabled": False}, clock)
    context.watcher_elsewhere, context.watcher_elsewhere_pid = True, 4242
    page = make_page(qtbot, shop, context)
    assert page.next_label.text() == "O encerramento automático está desativado nesta instância."
    assert "atende watch, PID 4242" in page.watcher_label.text()


def test_rows_are_read_a_page_at_a_time(qtbot, shop, clock, context):
    for i in range(12):
        add_chat(shop, f"c{i:02d}", clock.now(), agent_ago=timedelta(minutes=i + 1))
    page = make_page(qtbot, shop, context)
    page.model.page_size, page.model.max_pages = 5, 2
    page.reload(keep_rows=False)
    assert page.model.rowCount() == 12
    # The whole listing's order, read by pages of 5 of which 2 are kept.
    shown, held = [], []
    for r in range(12):
        shown.append(page.model.row(r).external_id)
        held.append(page.model.held())
    whole = [c.external_id for c in chat_listing.listing(shop, page.filter_key())]
    assert shown == whole and sorted(whole) == [f"c{i:02d}" for i in range(12)]
    assert max(held) == 10 and sorted(page.model.pages) == [1, 2]
    assert page.count_label.text() == "12 atendimentos"


def test_formatting_helpers():
    assert format_countdown(timedelta(minutes=41, seconds=1)) == "42 min"
    assert format_countdown(timedelta(seconds=20)) == "1 min"
    assert format_countdown(timedelta(hours=3, minutes=5)) == "3 h 5 min"
    assert format_countdown(timedelta(days=2, hours=3, minutes=5)) == "2 dias 3 h"
    zone = ZoneInfo("America/Sao_Paulo")
    now = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)  # Wednesday 10:00 in São Paulo
    assert format_moment(now + timedelta(hours=5, minutes=40), zone, now) == "hoje às 15:40"
    assert format_moment(now + timedelta(hours=22), zone, now) == "amanhã às 08:00"
    assert format_moment(now + timedelta(days=2), zone, now) == "sexta-feira às 10:00"
    assert format_moment(now + timedelta(days=9), zone, now) == "21/03/2025 às 10:00"
