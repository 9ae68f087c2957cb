"""At 900 × 600 every page of an instance fits: no sideways scrolling, no text cut off at
the right edge, the lists' tables fit their width with their main column readable, Visão
geral's cards one under the other (two side by side again in a wide window), and the search
field of Mensagens predefinidas shows its whole placeholder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QTableView

from app.core.schedule import store as schedule
from app.core.storage.models import Chat, HistoryEvent
from app.core.templates import store as templates
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES


@pytest.fixture
def view(qtbot, context, make_instance, clock):
    instance = make_instance("Padaria Pão Quente", plan="avancado")
    values = schedule.default_values()
    values["special_dates"] = [{"date": "2025-03-20", "intervals": [["08:00", "12:00"]]}]
    schedule.save(instance, values, clock)
    templates.create_template(
        instance,
        {"title": "Boas-vindas", "shortcut": "/ola", "category": None, "content": "Oi"},
        clock,
    )
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    window.enter_instance(instance.id)
    return window.instance_view


def settle():
    for _round in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_no_page_scrolls_sideways_at_900_px(view, key):
    view.show_page(key)
    settle()
    page = view.current_page()
    scroll = page.findChild(QScrollArea, "pageScroll")
    assert not scroll.horizontalScrollBar().isVisible()
    for area in [scroll, *scroll.widget().findChildren(QScrollArea)]:  # nothing cut either
        if area.isVisible() and area.widget() is not None:
            assert area.widget().minimumSizeHint().width() <= area.viewport().width()
    right = page.width()
    cut = [
        label.text()[:40]
        for label in page.findChildren(QLabel)
        if label.isVisible()
        and label.text()
        and label.mapTo(page, QPoint(label.width(), 0)).x() > right
    ]
    assert cut == []
    for table in page.findChildren(QTableView):  # the lists fit too: nothing beyond the edge
        if table.isVisible():
            header = table.horizontalHeader()
            assert header.length() <= table.viewport().width()
            assert not table.horizontalScrollBar().isVisible()


@pytest.mark.parametrize(("key", "column"), [("history", 2), ("chats", 4)])
def test_the_main_column_of_a_list_stays_readable(view, key, column, clock):
    Chat.create(
        instance=view.instance_id,
        external_id="c1",
        customer_name="Pedro Henrique Alves de Albuquerque Filho",
        phone="+5511912345678",
        status="open",
        handler="human",
        assigned_via="operator",
        operator_name="Beatriz Nascimento de Oliveira",
        last_customer_message_at=clock.now(),
    )
    HistoryEvent.create(  # an automatic closing names its customer, in a column of its own
        instance=view.instance_id,
        instance_name="Padaria Pão Quente",
        at=clock.now(),
        kind="auto_close",
        section="auto_close",
        summary="Cliente sem resposta há 30 minutos",
        chat_external_id="c1",
    )
    view.show_page(key)
    view.current_page().reload()
    settle()
    table = view.current_page().table
    assert table.model().rowCount() > 0
    assert table.horizontalHeader().sectionSize(column) >= 140  # "O que aconteceu", Situação
    assert table.horizontalHeader().length() <= table.viewport().width()
    view.window().resize(1400, 800)  # wide: every column as wide as its contents
    settle()
    wanted = [table.sizeHintForColumn(c) for c in range(table.model().columnCount())]
    sizes = [table.horizontalHeader().sectionSize(c) for c in range(len(wanted))]
    assert all(size >= want for size, want in zip(sizes, wanted, strict=True))


def test_the_overview_cards_go_one_under_the_other_when_narrow(view):
    view.show_page("overview")
    settle()
    page = view.current_page()
    lefts = {card.mapTo(page, QPoint(0, 0)).x() for card in page.cards}
    assert len(lefts) == 1  # one column at 900 px
    view.window().resize(1400, 800)
    settle()
    lefts = {card.mapTo(page, QPoint(0, 0)).x() for card in page.cards}
    assert len(lefts) == 2  # two by two when there is room


def test_the_message_search_shows_its_whole_placeholder(view):
    view.show_page("templates")
    settle()
    search = view.current_page().views.search_edit
    needed = search.fontMetrics().horizontalAdvance(search.placeholderText())
    assert search.width() >= needed + 40  # the text, its margins and the clear button
