"""Atendimentos: search by customer (Ctrl+F) and the selected chat's detail (issue 17 item 11)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.watcher import chat_listing
from app.ui.main_window import MainWindow
from tests.ui.pages.test_chats_page import add_chat, column, make_page, shop  # noqa: F401


def three_chats(shop, now):  # noqa: F811
    add_chat(
        shop,
        "wa-1",
        now,
        agent_ago=timedelta(minutes=18),
        customer_ago=timedelta(hours=3),
        customer_name="João Pereira",
        phone="+5511912345678",
        protocol="2025-0042",
    )
    add_chat(
        shop,
        "wa-2",
        now,
        agent_ago=timedelta(hours=2),
        customer_ago=timedelta(minutes=5),
        customer_name="Maria Souza",
        phone="+5521998761234",
    )
    add_chat(
        shop,
        "wa-3",
        now,
        agent_ago=timedelta(minutes=1),
        handler="bot",
        assigned_via=None,
        customer_name="Ana Pereira",
    )


def search(qtbot, page, text):
    page.search_edit.setText(text)
    qtbot.waitUntil(lambda: not page.search_edit.timer.isActive())  # the typing pause
    return column(page, 0)


def test_search_by_name_phone_or_protocol(qtbot, shop, clock, context):  # noqa: F811
    three_chats(shop, clock.now())
    page = make_page(qtbot, shop, context)
    assert search(qtbot, page, "joao") == ["João Pereira"]
    assert search(qtbot, page, "PEREIRA") == ["João Pereira", "Ana Pereira"]
    assert search(qtbot, page, "(21) 99876") == ["Maria Souza"]
    assert search(qtbot, page, "91234-5678") == ["João Pereira"]
    assert search(qtbot, page, "0042") == ["João Pereira"]
    assert search(qtbot, page, "ninguém") == []
    assert page.table_stack.currentWidget() is page.empty_label
    assert page.empty_label.title_label.text() == "Nenhum atendimento corresponde à pesquisa"
    assert search(qtbot, page, "") == ["João Pereira", "Ana Pereira", "Maria Souza"]


def test_ctrl_f_in_the_window_goes_to_the_search(qtbot, shop, context):  # noqa: F811
    """docs/desktop.md promises Ctrl+F on Atendimentos."""
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    window.enter_instance(shop.id)
    view = window.instance_view
    view.show_page("chats")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.nav.setFocus()
    qtbot.keyClick(view.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.pages["chats"].search_edit


def test_the_detail_says_when_and_why_it_closes(qtbot, shop, clock, context):  # noqa: F811
    three_chats(shop, clock.now())
    page = make_page(qtbot, shop, context)
    search(qtbot, page, "joao")
    detail = page.detail
    assert detail.text("customer") == "João Pereira"
    assert detail.text("phone") == "(11) 91234-5678"
    assert detail.text("protocol") == "2025-0042"
    assert detail.text("handled_by") == "Beatriz (via operador)"
    assert detail.text("customer_at") == "hoje às 07:00 (há 3 horas)"
    assert detail.text("agent_at") == "hoje às 09:42 (há 18 minutos)"
    assert detail.text("closing") == "hoje às 10:42 (em 42 minutos)"
    assert detail.text("why") == (
        "Será encerrado depois de 1 hora sem resposta do cliente, a menos que alguém escreva."
    )


def test_the_detail_says_why_not(qtbot, shop, clock, context):  # noqa: F811
    three_chats(shop, clock.now())
    page = make_page(qtbot, shop, context)
    search(qtbot, page, "maria")
    assert page.detail.text("closing") == "Não será encerrado automaticamente"
    assert page.detail.text("why").startswith("O cliente escreveu por último")
    page.table.setFocus()
    search(qtbot, page, "pereira")
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    assert page.detail.text("customer") == "Ana Pereira"
    assert page.detail.text("why").startswith("Quem atende é o chatbot")


def test_search_keeps_the_keyset_listing(shop, clock):  # noqa: F811
    three_chats(shop, clock.now())
    keyset = chat_listing.keyset(shop, "all", "pereira")
    first = keyset.first(1)
    assert [r.customer_name for r in first + keyset.after(keyset.key_of(first[0]), 5)] == [
        "João Pereira",
        "Ana Pereira",
    ]


def test_the_detail_of_a_closed_chat(qtbot, shop, clock, context):  # noqa: F811
    now = clock.now()
    add_chat(
        shop,
        "wa-9",
        now,
        agent_ago=timedelta(hours=2),
        status="closed",
        closed_by="agent",
        closed_at=now - timedelta(hours=1),
        close_reason="Pedido entregue",
    )
    page = make_page(qtbot, shop, context)
    page.filter_combo.setCurrentIndex(1)  # Encerrados
    assert page.detail.form.labelForField(page.detail.values["closing"]).text() == "Encerramento"
    assert page.detail.text("closing") == "Encerrado pelo atendente, hoje às 09:00 (há 1 hora)"
    assert page.detail.text("why") == "Pedido entregue"


def test_closed_by_nobody_reads_the_same_in_list_and_detail(qtbot, shop, clock, context):  # noqa: F811
    now = clock.now()
    add_chat(shop, "wa-8", now, agent_ago=timedelta(hours=2), status="closed", closed_by=None)
    page = make_page(qtbot, shop, context)
    page.filter_combo.setCurrentIndex(1)  # Encerrados
    assert column(page, 4) == ["Encerrado"]
    assert page.detail.text("closing") == "Encerrado", "not 'pelo atendente': nobody is known"


def test_down_from_the_search_goes_to_the_list(qtbot, shop, clock, context):  # noqa: F811
    three_chats(shop, clock.now())
    page = make_page(qtbot, shop, context)
    page.show()
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, "souza")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)  # before the pause: searched at once
    assert column(page, 0) == ["Maria Souza"]
    assert page.focusWidget() is page.table
    assert page.detail.text("customer") == "Maria Souza"


def test_a_reload_reads_the_selected_chat_once(qtbot, shop, clock, context, monkeypatch):  # noqa: F811
    three_chats(shop, clock.now())
    page = make_page(qtbot, shop, context)
    shown = []
    show_chat = page.detail.show_chat
    monkeypatch.setattr(page.detail, "show_chat", lambda *a: shown.append(a) or show_chat(*a))
    page.reload()
    assert [chat.customer_name for chat, *_rest in shown] == ["João Pereira"]
