"""Histórico over a long log: a window of pages, read by key; Ctrl+End reads the last one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.core.audit import history, history_filters
from app.core.common.keyset import Keyset
from app.ui.pages.history import HistoryPage

EVENTS = 230


@pytest.fixture
def page(qtbot, make_instance, clock, context):
    shop = make_instance()
    start = clock.now()
    for k in range(EVENTS):  # pairs of events at the same instant: ties broken by id
        history.record(shop, start + timedelta(minutes=k // 2), "config", "schedule", f"e{k}", {})
    widget = HistoryPage(shop.id, context)
    widget.model.page_size, widget.model.max_pages = 20, 3
    widget.reload()
    widget.resize(900, 600)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_scrolling_reads_the_whole_log_in_order_holding_a_window(page):
    model = page.model
    whole = [e.summary for e in history_filters.search(page.instance(), "all")]
    assert model.rowCount() == len(whole) == EVENTS + 1  # + the instance's creation
    seen, held = [], []
    for position in range(model.rowCount()):
        seen.append(model.data(model.index(position, 2)))
        held.append(model.held())
    assert seen == whole
    assert max(held) <= 3 * 20 and len(model.pages) == 3


def test_ctrl_end_reads_the_last_page_only(page, qtbot):
    model, table = page.model, page.table
    model.reload()
    table.setCurrentIndex(model.index(0, 0))
    before = model.reads
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = model.rowCount() - 1
    assert table.currentIndex().row() == last
    oldest = list(history_filters.search(page.instance(), "all"))[-1]
    assert model.row(last).id == oldest.id
    # The last page (and maybe the one before it, on screen too), not the log from the top.
    assert model.reads - before <= 2 and set(model.pages) <= {0, last // 20, last // 20 - 1}
    assert page.details_label.text().startswith(oldest.summary)


def test_a_text_search_is_never_counted_and_grows_as_the_view_scrolls(page, monkeypatch):
    def no_count(_self):
        raise AssertionError("a text search counts by scanning the whole history")

    monkeypatch.setattr(Keyset, "count", no_count)
    page.search_edit.setText("E1")  # e1, e10…e19, e100…e199: 111 events
    page.reload()
    model = page.model
    assert model.rowCount() == 20 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    whole = [e.summary for e in history_filters.search(page.instance(), "all", "E1")]
    assert model.rowCount() == len(whole) == 111
    # Pages dropped on the way are read again, by key or from the start.
    assert [model.data(model.index(r, 2)) for r in range(len(whole))] == whole
    assert model.held() <= 3 * 20
