"""Mensagens predefinidas: the list and the editor always agree, a refused Salvar says why
and goes to the message, and an instance without messages has nothing to save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.storage.models import Template
from app.core.templates import store as templates
from app.ui.context import AppContext
from app.ui.pages.templates import TemplatesPage

SAVE, CANCEL = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Cancel


def add(instance, clock, shortcut, title):
    values = {"title": title, "shortcut": shortcut, "category": None, "content": "Olá!"}
    return templates.create_template(instance, values, clock)


@pytest.fixture
def page(qtbot, clock, make_instance):
    def make(*titles):
        instance = make_instance("Loja Centro")
        for n, title in enumerate(titles):
            add(instance, clock, f"/{chr(97 + n)}", title)
        widget = TemplatesPage(instance.id, AppContext(clock=clock))
        qtbot.addWidget(widget)
        widget.resize(1100, 760)
        widget.show()
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        return widget

    return make


def click_title(qtbot, page, title):
    """A real mouse click on the row (the view selects the clicked row after the press)."""
    model, view = page.model, page.views.list_panel.view
    row = next(i for i in range(model.rowCount()) if model.row_at(i).title == title)
    center = view.visualRect(model.index(row)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def highlighted(page):
    view = page.views.list_panel.view
    selected = view.selectionModel().selectedRows()
    return [page.model.row_at(index.row()).title for index in selected]


@pytest.mark.parametrize("answer", [SAVE, CANCEL], ids=["salvar", "cancelar"])
def test_an_invalid_message_kept_by_the_guard_stays_highlighted(page, qtbot, monkeypatch, answer):
    widget = page("Alfa", "Beta")
    monkeypatch.setattr(widget, "ask_unsaved", lambda: answer)
    widget.editor.title_edit.setText("")  # invalid: a message needs a title
    click_title(qtbot, widget, "Beta")
    qtbot.wait(20)  # the deferred re-selection after the click
    assert widget.editor.shortcut_edit.text() == "/a"  # still Alfa in the editor…
    assert highlighted(widget) == ["Alfa"]  # …and in the list
    assert Template.get(Template.shortcut == "/a").title == "Alfa"  # nothing saved
    if answer == SAVE:
        assert widget.status_label.text() == "Não salvo: corrija os campos marcados em vermelho."
        assert QApplication.focusWidget() is widget.editor.title_edit
        assert widget.editor.errors["title"].isVisible()


def test_ctrl_s_on_an_invalid_message_goes_to_the_field(page, qtbot):
    widget = page("Alfa", "Beta")
    widget.editor.content_edit.setPlainText("Oi {{nme}}")
    widget.views.search_edit.setFocus()
    assert not widget.save()
    assert QApplication.focusWidget() is widget.editor.content_edit
    assert widget.status_label.text() == "Não salvo: corrija os campos marcados em vermelho."


def test_a_valid_edit_saved_by_the_guard_follows_the_click(page, qtbot, monkeypatch):
    widget = page("Alfa", "Beta")
    monkeypatch.setattr(widget, "ask_unsaved", lambda: SAVE)
    widget.editor.title_edit.setText("Alfa nova")
    click_title(qtbot, widget, "Beta")
    qtbot.wait(20)
    assert Template.get(Template.shortcut == "/a").title == "Alfa nova"
    assert widget.editor.title_edit.text() == "Beta" and highlighted(widget) == ["Beta"]


def test_a_new_message_kept_by_the_guard_leaves_no_row_highlighted(page, qtbot, monkeypatch):
    widget = page("Alfa", "Beta")
    widget.new_template()
    widget.editor.title_edit.setText("Nova")
    monkeypatch.setattr(widget, "ask_unsaved", lambda: CANCEL)
    click_title(qtbot, widget, "Beta")
    qtbot.wait(20)
    assert widget.current_id is None and widget.editor.title_edit.text() == "Nova"
    assert highlighted(widget) == []


def test_without_messages_there_is_nothing_to_save(page, qtbot):
    widget = page()
    assert widget.views.currentIndex() == 0  # the empty state
    assert not widget.save_button.isEnabled() and not widget.discard_button.isEnabled()
    assert widget.save() and widget.status_label.text() == ""
    widget.new_template()
    widget.editor.title_edit.setText("Nova")
    widget.discard()  # back to the empty state
    assert widget.views.currentIndex() == 0
    assert not widget.save_button.isEnabled() and not widget.discard_button.isEnabled()
