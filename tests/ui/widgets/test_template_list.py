"""The template list's search in slices: the first matches at once, the rest on the next turns
of the event loop, with the count and the selection following."""

from __future__ import annotations

import pytest

from app.core.templates.store import TemplateRow
from app.ui.widgets import template_list
from app.ui.widgets.template_list import TemplateListPanel


@pytest.fixture
def panel(qtbot, monkeypatch):
    monkeypatch.setattr(template_list, "SLICE", 4)  # 4 keys per slice: 12 rows take 3
    widget = TemplateListPanel()
    qtbot.addWidget(widget)
    rows = [
        TemplateRow(i + 1, f"Título {i}", f"/m{i}", None, "Pão de queijo" if i % 2 else "Pix")
        for i in range(12)
    ]
    widget.set_rows(rows, [])
    return widget


def ids(panel: TemplateListPanel) -> list[int]:
    return [panel.model.row_at(p).id for p in range(panel.model.rowCount())]


def test_the_first_slice_shows_at_once_and_the_rest_follows(panel, qtbot):
    panel.select(12)  # in the last slice
    panel.search_edit.setText("pao")
    assert ids(panel) == [2, 4]  # what the first 4 keys hold
    assert panel.model.searching
    with qtbot.waitSignal(panel.model.searched, timeout=5000):
        pass
    assert ids(panel) == [2, 4, 6, 8, 10, 12]
    assert not panel.model.searching
    assert panel.count_label.text() == "6 de 12 mensagens"
    assert panel.view.currentIndex().row() == 5  # the selection found in the last slice
    # Typed further: only what "pao" found is read again, 6 keys, two slices.
    panel.search_edit.setText("pao de")
    assert ids(panel) == [2, 4, 6, 8]
    qtbot.waitUntil(lambda: not panel.model.searching, timeout=5000)
    assert ids(panel) == [2, 4, 6, 8, 10, 12]


def test_a_new_keystroke_drops_the_unfinished_search(panel, qtbot):
    panel.search_edit.setText("pao")
    panel.search_edit.setText("pix")
    assert ids(panel) == [1, 3]
    qtbot.waitUntil(lambda: not panel.model.searching, timeout=5000)
    assert ids(panel) == [1, 3, 5, 7, 9, 11]
    assert panel.count_label.text() == "6 de 12 mensagens"
    panel.search_edit.setText("")  # every row, at once
    assert not panel.model.searching
    assert len(ids(panel)) == 12
