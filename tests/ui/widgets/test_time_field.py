"""The HH:MM field: typing any minute, 5-minute steps, 24:00 only for an end."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from app.core.schedule.agenda import parse_time
from app.ui.widgets.time_field import TimeField, normalize_time_text


def test_normalize_time_text():
    assert normalize_time_text("8:30") == "08:30"
    assert normalize_time_text("830") == "08:30"
    assert normalize_time_text(" 0830 ") == "08:30"
    assert normalize_time_text("8:") == "8:"  # half typed: left for validation to name


def test_any_minute_can_be_typed(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "08:07")
    assert field.text_value() == "08:07" and field.minutes() == 487


def test_letters_are_refused_by_the_validator(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "8x30")
    assert field.text() == "830"


def test_the_ways_brazilians_write_hours_can_be_typed(qtbot):
    """Issue 17 item 2: "18h", "8h" and "8" were refused (the "h" was dropped: "18")."""
    field = TimeField("início")
    qtbot.addWidget(field)
    for typed, value in [("18h", "18:00"), ("8h", "08:00"), ("8", "08:00"), ("8h30", "08:30")]:
        field.clear()
        qtbot.keyClicks(field, typed)
        assert field.text() == typed  # the keystrokes all reach the field
        assert field.text_value() == value and field.minutes() == parse_time(value)


def test_leaving_the_field_shows_the_time_as_hh_mm(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    qtbot.keyClicks(field, "18hs")
    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut))
    assert field.text() == "18:00"


def test_up_and_down_keys_move_five_minutes_in_the_minutes_part(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    field.setText("08:03")
    field.setCursorPosition(5)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "08:05"
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "08:10"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.text() == "07:55"


def test_up_in_the_hours_part_moves_an_hour(qtbot):
    field = TimeField("fim", end=True)
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    field.setText("22:30")
    field.setCursorPosition(1)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "23:30"
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "24:00"  # an end stops at the end of the day


def test_a_start_never_steps_to_24_00(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    field.setText("23:50")
    field.step(5)
    assert field.text() == "23:55"
    field.setText("00:05")
    field.step(-3)
    assert field.text() == "00:00"


def test_24_00_parses_only_as_an_end(qtbot):
    start, end = TimeField("início"), TimeField("fim", end=True)
    qtbot.addWidget(start)
    qtbot.addWidget(end)
    start.setText("24:00")
    end.setText("24:00")
    assert start.minutes() is None and end.minutes() == 1440


def test_leaving_the_field_normalizes(qtbot):
    field = TimeField("início")
    qtbot.addWidget(field)
    field.setText("930")
    QApplication.sendEvent(field, QFocusEvent(QEvent.Type.FocusOut))
    assert field.text() == "09:30"
