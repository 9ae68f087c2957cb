"""What another desk or command commits shows up in the window without restarting."""

from __future__ import annotations

import select

import pytest

from app.core.storage import dialect
from app.core.storage.db import database
from app.ui.main_window import MainWindow
from app.ui.services.change_poller import ChangePoller
from tests.pg import other_connection, placeholder


@pytest.fixture
def other(db, db_path):
    conn = other_connection(db_path)
    yield lambda sql, *params: conn.cursor().execute(sql.replace("?", placeholder(db_path)), params)
    conn.close()


@pytest.fixture
def window(qtbot, context):
    widget = MainWindow(context)
    qtbot.addWidget(widget)
    return widget


def poll(poller):
    if dialect.is_postgres():  # the notification may still be on its way
        select.select([database.obj.connection()], [], [], 5)
    return poller.poll()


def test_signals_follow_what_changed(qtbot, context, make_instance, other):
    shop = make_instance("Padaria")
    poller = ChangePoller(context)
    with qtbot.waitSignal(context.chats_changed) as chats:
        other(
            "INSERT INTO chat (instance_id, external_id, status, handler) "
            "VALUES (?, 'c1', 'open', 'bot')",
            shop.id,
        )
        poll(poller)
    assert chats.args == [0]
    with (
        qtbot.assertNotEmitted(context.settings_changed),
        qtbot.assertNotEmitted(context.chats_changed),
    ):
        assert poller.poll() == frozenset()


def test_home_and_the_instance_header_follow_a_rename(qtbot, window, make_instance, other):
    shop = make_instance("Padaria")
    window.enter_instance(shop.id)
    poller = ChangePoller(window.context, parent=window)
    other("UPDATE instance SET name = 'Padaria Central' WHERE id = ?", shop.id)
    poll(poller)
    assert window.instance_view.name_label.text() == "Padaria Central"
    assert [i.name for i in window.home.model.rows] == ["Padaria Central"]


def test_an_instance_deleted_elsewhere_goes_back_home(qtbot, window, make_instance, other):
    shop, kept = make_instance("Padaria"), make_instance("Sorveteria")
    window.enter_instance(shop.id)
    view = window.instance_view
    view.show_page("auto_close")
    view.show_page("chats")
    poller = ChangePoller(window.context, parent=window)
    other("DELETE FROM instance WHERE id = ?", shop.id)
    poll(poller)  # no exception from the pages of the deleted instance
    assert window.stack.currentWidget() is window.home
    assert window.instance_view is None
    assert [i.name for i in window.home.model.rows] == [kept.name]
    assert "excluída em outro lugar" in window.statusBar().currentMessage()


def test_a_failing_poll_is_only_logged(qtbot, context, caplog):
    class Broken:
        def poll(self):
            raise RuntimeError("servidor fora do ar")

    poller = ChangePoller(context, monitor=Broken())
    assert poller.poll() == frozenset()
    assert "servidor fora do ar" in caplog.text
