"""Inside an instance: Ctrl+S saves wherever the focus is, and the focus never falls back
to "← Instâncias" when the widget that had it is removed, disabled or hidden."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.schedule import store as schedule
from app.ui.main_window import MainWindow
from app.ui.pages.base import Page


def week(*pairs):
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return {key: [list(p) for p in pairs] if i < 5 else [] for i, key in enumerate(days)}


@pytest.fixture
def view(qtbot, context, make_instance, clock, monkeypatch):
    # Closing the window with unsaved edits (a failing test) must not wait for an answer.
    monkeypatch.setattr(Page, "ask_unsaved", lambda _self: QMessageBox.StandardButton.Discard)
    instance = make_instance("Clínica", plan="avancado")
    values = {"enabled": True, "week": week(("08:00", "12:00"), ("13:00", "18:00"))}
    schedule.save(instance, {**values, "holidays": None, "special_dates": []}, clock)
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.enter_instance(instance.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    view = window.instance_view
    view.show_page("schedule")
    return view


def focus():
    return QApplication.focusWidget()


def test_ctrl_s_saves_with_the_focus_in_the_sidebar(view, qtbot):
    page = view.current_page()
    page.days["monday"].rows[1].end.setText("17:00")
    view.nav.setFocus()
    qtbot.keyClick(view.nav, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.has_unsaved_changes()
    assert page.status_label.text() == "Salvo."


def test_removing_an_interval_focuses_the_next_one(view, qtbot):
    day = view.current_page().days["monday"]
    first, second = day.rows
    first.remove.setFocus()
    qtbot.keyClick(first.remove, Qt.Key.Key_Space)
    assert day.rows == [second]
    assert focus() is second.remove  # the next item in the list
    qtbot.keyClick(second.remove, Qt.Key.Key_Space)  # the last one: the day closes
    assert focus() is day.mode


def test_removing_a_special_date_focuses_the_next_one(view, qtbot):
    special = view.current_page().special
    special.add_date()
    special.add_date()
    first, second = special.rows
    first.remove.setFocus()
    qtbot.keyClick(first.remove, Qt.Key.Key_Space)
    assert focus() is second.remove
    qtbot.keyClick(second.remove, Qt.Key.Key_Space)
    assert focus() is special.add_button


def test_descartar_leaves_the_focus_in_the_page(view, qtbot):
    page = view.current_page()
    page.days["monday"].rows[1].end.setText("17:00")
    page.scroll_area.verticalScrollBar().setValue(400)  # the switch out of sight
    page.discard_button.setFocus()
    qtbot.keyClick(page.discard_button, Qt.Key.Key_Space)
    assert not page.has_unsaved_changes()
    assert page.isAncestorOf(focus()) and focus().isEnabled()
    assert focus() is page.switch  # the page's first field…
    assert page.scroll_area.verticalScrollBar().value() == 0  # …in sight
    qtbot.keyClick(focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.isVisible()  # still inside the instance


def test_a_field_turning_disabled_hands_the_focus_to_the_next(view, qtbot):
    page = view.current_page()
    combo = page.days["monday"].mode
    combo.setFocus()
    combo.setEnabled(False)
    assert page.isAncestorOf(focus()) and focus() is not combo
    assert focus().isEnabled()


def test_the_last_field_turning_disabled_keeps_the_focus_in_the_page(view, qtbot):
    page = view.current_page()
    page.days["monday"].rows[1].end.setText("17:00")
    page.save_button.setFocus()  # the page's last field: Qt would go on to the sidebar
    page.save_button.setEnabled(False)
    assert focus() is page.switch


def test_focus_moves_after_leaving_the_instance_are_harmless(view, qtbot):
    window = view.window()
    window.go_home()
    qtbot.wait(10)  # the instance view is deleted
    window.home.table.setFocus()
    window.menuBar().setFocus()
    assert window.instance_view is None
