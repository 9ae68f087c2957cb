"""Encerramento automático v2 on the page (SPEC §12): the warning before closing, counting
only business hours with its live example."""

from __future__ import annotations

import pytest

from app.core.config.file_format import export_config
from app.core.schedule import store as schedule_store
from app.core.schedule.store import load_agenda
from app.core.storage.models import AutoCloseSettings
from app.core.watcher import auto_close, closing_options
from app.core.watcher.deadlines import BUSINESS_HOURS, CALENDAR
from app.ui.widgets.closing_options import COUNT_PATH, MESSAGE_PATH, MINUTES_PATH
from tests.ui.conftest import find
from tests.ui.pages.test_auto_close_page import (
    ENABLE,
    error_text,
    open_page,
    save_button,
    type_timeout,
)

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def workdays_agenda(enabled: bool = True, hours: tuple[str, str] = ("08:00", "18:00"), days=5):
    """The first `days` weekdays open `hours` (Monday–Friday 08:00–18:00: SPEC §12's
    example), no holidays."""
    week = {day: [list(hours)] if n < days else [] for n, day in enumerate(DAYS)}
    return {"enabled": enabled, "week": week, "holidays": None, "special_dates": []}


@pytest.fixture
def page(qtbot, make_instance, context):
    widget = open_page(qtbot, make_instance(), context)
    find(widget, ENABLE).click()
    return widget


def turn_warning_on(qtbot, page, minutes: str, message: str = "Oi {{primeiro_nome}}!"):
    page.warning.switch.click()
    field = page.warning.minutes_edit  # (not by name: its msgid awaits the catalog merge)
    field.clear()
    qtbot.keyClicks(field, minutes)
    page.warning.message.content_edit.setPlainText(message)
    return field


def core_message(page, path: str) -> str:
    """What core says at `path` about the page's current values."""
    found = [p.message for p in auto_close.validate(page.read_values()) if p.path == path]
    assert len(found) == 1, found
    return found[0]


def test_minutes_before_the_time_limit_or_later_is_refused_with_core_message(qtbot, page):
    field = turn_warning_on(qtbot, page, "60")  # the time limit is 1 hora
    message = error_text(page, MINUTES_PATH)
    assert message == core_message(page, MINUTES_PATH)
    assert "1 minuto" in message and "59 minutos" in message  # Babel's words
    assert not save_button(page).isEnabled() and page.save() is False
    assert AutoCloseSettings.select().count() == 0
    # A longer time limit moves the bound: 60 minutes before 2 hours is fine.
    type_timeout(qtbot, page, "2", "hours")
    assert error_text(page, MINUTES_PATH) is None and save_button(page).isEnabled()
    field.clear()
    qtbot.keyClicks(field, "120")
    assert "119 minutos" in error_text(page, MINUTES_PATH)
    assert not save_button(page).isEnabled()


def test_saving_stores_the_warning_and_the_count(qtbot, page):
    turn_warning_on(qtbot, page, "15", "{{saudacao}}, ainda está aí?\r\nResponda, por favor.")
    page.count_option.switch.click()
    assert page.save() is True
    stored = auto_close.get_settings(page.instance())
    assert stored["count"] == BUSINESS_HOURS
    assert stored["warning"] == {
        "minutes_before": 15,
        "message": "{{saudacao}}, ainda está aí?\nResponda, por favor.",
    }
    (exported,) = export_config()["instances"]
    assert exported["auto_close"]["count"] == "business_hours"
    assert exported["auto_close"]["warning"]["minutes_before"] == 15
    assert not page.has_unsaved_changes()  # what was saved is what is shown


def test_the_switch_off_stores_null_and_keeps_the_text_on_screen(qtbot, page):
    turn_warning_on(qtbot, page, "15", "Oi {{nme}}")
    assert "{{nome}}" in error_text(page, MESSAGE_PATH)
    assert not save_button(page).isEnabled()
    page.warning.switch.click()  # off: the invalid message is neither checked nor stored
    assert error_text(page, MESSAGE_PATH) is None
    assert not page.warning.message.content_edit.isEnabled()
    assert save_button(page).isEnabled() and page.save() is True
    assert auto_close.get_settings(page.instance())["warning"] is None
    # Stored warning, then off again: null, and the message stays where it was typed.
    turn_warning_on(qtbot, page, "5", "Ainda aí?")
    assert page.save() is True
    assert auto_close.get_settings(page.instance())["warning"]["minutes_before"] == 5
    page.warning.switch.click()
    assert page.has_unsaved_changes() and page.save() is True
    assert auto_close.get_settings(page.instance())["warning"] is None
    assert page.warning.message.text() == "Ainda aí?"


def test_the_preview_fills_the_warning_with_the_sample_customer(qtbot, page):
    turn_warning_on(qtbot, page, "10", "*{{primeiro_nome}}*, ainda está aí?")
    preview = page.warning.message.preview
    assert preview.plain_text == "*Maria*, ainda está aí?"
    assert "<b>Maria</b>" in preview.text_label.text()
    assert page.warning.message.count_label.text() == "35 / 4.096"


def test_the_example_follows_the_unsaved_time_limit_and_the_count(qtbot, page, clock, context):
    schedule_store.save(page.instance(), workdays_agenda(), clock)
    context.settings_changed.emit(page.instance_id)  # saved on the agenda's page
    example = page.count_option.example_label
    assert not page.count_option.agenda_note.isVisible()
    # Calendar time: Friday 17:50 + 1 hour is Friday 18:50.
    assert "sexta-feira às 17:50" in example.text() and "18:50" in example.text()
    assert "segunda-feira" not in example.text()
    page.count_option.switch.click()
    assert "segunda-feira às 08:50" in example.text()
    type_timeout(qtbot, page, "2", "hours")  # typed, not saved
    assert "segunda-feira às 09:50" in example.text()
    type_timeout(qtbot, page, "91", "days")  # out of bounds: no example
    assert not example.isVisible()
    page.count_option.switch.click()
    type_timeout(qtbot, page, "30", "minutes")
    assert "sexta-feira às 17:50" in example.text() and "18:20" in example.text()


def test_with_the_agenda_off_the_option_says_it_counts_calendar_time(qtbot, page, clock, context):
    note = page.count_option.agenda_note
    assert note.isVisible()  # no agenda stored: off
    page.count_option.switch.click()
    sentence = page.count_option.example_label.text()
    assert "segunda-feira" not in sentence and page.read_values()["count"] == BUSINESS_HOURS
    schedule_store.save(page.instance(), workdays_agenda(), clock)
    context.settings_changed.emit(page.instance_id)
    assert (
        not note.isVisible() and "segunda-feira às 08:50" in page.count_option.example_label.text()
    )
    page.count_option.switch.click()
    assert page.read_values()["count"] == CALENDAR


def test_the_page_fits_a_narrow_window(page):
    """At 900 px the window leaves the page about 650 px: no horizontal scroll bar (the
    suggestion chips wrap)."""
    body = page.body.parentWidget()
    assert body.minimumSizeHint().width() <= 600, body.minimumSizeHint()


def test_a_limit_the_agenda_cannot_hold_is_core_warning_under_the_option(
    qtbot, page, clock, context
):
    agenda = workdays_agenda(hours=("08:00", "09:00"), days=1)  # 1 hour a week
    schedule_store.save(page.instance(), agenda, clock)
    context.settings_changed.emit(page.instance_id)
    page.count_option.switch.click()
    type_timeout(qtbot, page, "90", "days")
    (expected,) = closing_options.horizon_warning(
        page.read_values(), load_agenda(page.instance()), "auto_close"
    )
    label = page.error_labels[COUNT_PATH]
    assert label.isVisible() and label.text() == expected.message
    assert label.objectName() == "fieldWarning" and "90 dias" in label.text()
    assert not page.count_option.example_label.isVisible()
    assert save_button(page).isEnabled()  # a warning, not an error
    type_timeout(qtbot, page, "1", "days")  # 24 h fit in 400 days of 1 h a week
    assert not label.isVisible() and page.count_option.example_label.isVisible()


def test_typing_a_message_does_not_compute_the_example_again(qtbot, page, monkeypatch):
    from app.ui.pages import auto_close as module

    calls = []
    real = module.example_sentence
    monkeypatch.setattr(module, "example_sentence", lambda *a: calls.append(a) or real(*a))
    qtbot.keyClicks(page.message_field.content_edit, "Volte sempre")
    assert calls == []
    type_timeout(qtbot, page, "3", "hours")
    assert [timeout for _agenda, timeout, _count, _now in calls][-1] == 180


def test_the_warning_minutes_refuse_a_fraction_of_a_minute(qtbot, page):
    type_timeout(qtbot, page, "2", "hours")
    field = turn_warning_on(qtbot, page, "1,5")
    assert field.text() == "1,5"
    assert "2 minutos" in error_text(page, MINUTES_PATH)  # the nearest whole minutes
    assert not save_button(page).isEnabled() and page.save() is False
    field.clear()
    qtbot.keyClicks(field, "1.000")  # a thousands point: 1000 minutes, then core's bound
    assert page.read_values()["warning"]["minutes_before"] == 1000
    assert error_text(page, MINUTES_PATH) == core_message(page, MINUTES_PATH)
