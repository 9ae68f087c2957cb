"""Two desks on one database: a page saved over someone else's newer change is refused with
the edits kept and Recarregar offered (settings pages and Mensagens predefinidas alike); a page
without edits follows changes made elsewhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.core.instances import priority
from app.core.storage.models import HistoryEvent, Instance, Template
from app.core.templates import store as templates
from app.core.watcher import auto_close
from app.ui.pages.auto_close import AutoClosePage
from app.ui.pages.templates import TemplatesPage
from app.ui.widgets.switch import Switch
from tests.ui.conftest import find

ENABLE = "Encerrar automaticamente os atendimentos inativos"
THEIRS = {
    **auto_close.defaults(),
    "enabled": True,
    "timeout_minutes": 300,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": "Até logo!",
}


@pytest.fixture
def shop(make_instance):
    return make_instance("Padaria")


@pytest.fixture
def page(qtbot, shop, context):
    widget = AutoClosePage(shop.id, context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def someone_else_saves(shop, clock, values=THEIRS):
    auto_close.save(Instance.get_by_id(shop.id), values, clock)


def test_saving_over_a_newer_change_is_refused_and_nothing_is_lost(page, shop, clock):
    find(page, ENABLE, Switch).setChecked(True)
    find(page, "Tempo limite", QLineEdit).setText("2")  # 2 horas, typed on this desk
    someone_else_saves(shop, clock)  # another desk saved 5 horas meanwhile
    events = HistoryEvent.select().count()

    assert page.save() is False
    assert page.status_label.text().startswith("Outra pessoa alterou esta página.")
    reload_button = find(page, "Recarregar", QPushButton)
    assert reload_button.isVisible()
    # Their save is intact, ours is still on the screen, and nothing was written.
    assert auto_close.get_settings(Instance.get_by_id(shop.id)) == THEIRS
    assert HistoryEvent.select().count() == events
    assert find(page, "Tempo limite", QLineEdit).text() == "2"
    assert page.has_unsaved_changes()

    reload_button.click()
    assert find(page, "Tempo limite", QLineEdit).text() == "5"
    assert not reload_button.isVisible() and not page.has_unsaved_changes()
    find(page, "Tempo limite", QLineEdit).setText("6")  # now based on what is saved
    assert page.save() is True
    assert auto_close.get_settings(Instance.get_by_id(shop.id))["timeout_minutes"] == 360


def test_a_change_to_another_page_does_not_block_this_one(page, shop, clock):
    find(page, ENABLE, Switch).setChecked(True)
    priority.save(Instance.get_by_id(shop.id), True, clock)  # someone else, another page
    assert page.save() is True
    assert auto_close.get_settings(Instance.get_by_id(shop.id))["enabled"] is True


def test_a_page_without_edits_shows_what_was_saved_elsewhere(page, shop, clock, context):
    someone_else_saves(shop, clock)
    context.settings_changed.emit(0)  # what the change poller says
    assert find(page, ENABLE, Switch).isChecked()
    assert find(page, "Tempo limite", QLineEdit).text() == "5"
    assert not page.has_unsaved_changes()


def test_a_page_with_edits_keeps_them_when_something_changes_elsewhere(page, shop, clock, context):
    find(page, "Tempo limite", QLineEdit).setText("3")
    someone_else_saves(shop, clock)
    context.settings_changed.emit(0)
    assert find(page, "Tempo limite", QLineEdit).text() == "3"
    assert page.has_unsaved_changes()


def test_a_message_changed_elsewhere_is_refused_then_reloaded(qtbot, shop, clock, context):
    """Mensagens predefinidas go through the same edit session: refused, kept, Recarregar."""
    mine = templates.create_template(
        Instance.get_by_id(shop.id),
        {"title": "Olá", "shortcut": "/ola", "category": None, "content": "Oi!"},
        clock,
    )
    page = TemplatesPage(shop.id, context)
    qtbot.addWidget(page)
    page.show()
    page.editor.content_edit.setPlainText("Oi, tudo bem?")  # typed on this desk
    clock.advance(timedelta(minutes=1))
    theirs = {"title": "Olá", "shortcut": "/ola", "category": None, "content": "Bom dia!"}
    templates.update_template(Template.get_by_id(mine.id), theirs, clock)

    assert page.save() is False
    assert page.status_label.text().startswith("Outra pessoa alterou esta página.")
    assert Template.get_by_id(mine.id).content == "Bom dia!"
    assert page.editor.content_edit.toPlainText() == "Oi, tudo bem?"
    reload_button = find(page, "Recarregar", QPushButton)
    assert reload_button.isVisible()
    reload_button.click()
    assert page.editor.content_edit.toPlainText() == "Bom dia!"
    assert not reload_button.isVisible() and not page.has_unsaved_changes()
