"""Agenda: what is under the pointer stays put as messages come and go, the weekly total
counts overlaps once while invalid, and the week strip shows special dates and holidays."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QPoint
from PySide6.QtWidgets import QApplication

from app.core.schedule import store as schedule
from app.ui.pages.schedule import SchedulePage
from tests.ui.pages.test_schedule_page import WEEKDAYS, clinic_values

SPECIAL = "data especial"  # the note in the strip


@pytest.fixture
def clinic(make_instance, clock):
    instance = make_instance("Clínica", plan="avancado")
    schedule.save(instance, clinic_values(), clock)
    return instance


@pytest.fixture
def page(qtbot, clinic, context):
    widget = SchedulePage(clinic.id, context)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    return widget


def top(page, widget) -> int:
    """Where `widget` is on the page once the layouts have done their work."""
    for _round in range(3):  # nested layouts settle in a few posted passes
        QApplication.processEvents()
    return widget.mapTo(page, QPoint(0, 0)).y()


def test_the_week_warning_does_not_push_the_days_down(page):
    for key in WEEKDAYS[1:5]:
        page.days[key].mode.setCurrentIndex(0)
    monday = page.days["monday"]
    before = top(page, monday)
    monday.rows[1].end.setText("14:00")  # 5 hours a week: the warning appears
    assert "Aberto só 5 horas por semana" in page.week_error.text()
    assert page.week_error.isVisible() and not page.total_label.isVisible()
    assert top(page, monday) == before
    monday.rows[1].end.setText("18:00")  # and goes
    assert not page.week_error.isVisible() and page.total_label.isVisible()
    assert top(page, monday) == before


def test_a_longer_status_line_does_not_push_the_week_down(page):
    page.resize(650, 900)  # the status wraps: "Corrija os horários…" takes two lines
    strip = top(page, page.strip)
    page.days["monday"].rows[0].end.setText("07:00")
    assert page.status.text().startswith("Corrija os horários")
    assert top(page, page.strip) == strip
    page.days["monday"].rows[0].end.setText("11:00")  # valid, with unsaved changes
    assert page.status.text().endswith("(com as alterações não salvas)")
    assert top(page, page.strip) == strip


def test_an_interval_error_does_not_move_the_next_interval(page):
    monday, tuesday = page.days["monday"], page.days["tuesday"]
    second, below = top(page, monday.rows[1]), top(page, tuesday)
    monday.rows[0].end.setText("07:00")  # the end before the start
    assert monday.rows[0].error.isVisible()
    assert (top(page, monday.rows[1]), top(page, tuesday)) == (second, below)
    monday.rows[0].end.setText("12:00")
    assert not monday.rows[0].error.isVisible()
    assert (top(page, monday.rows[1]), top(page, tuesday)) == (second, below)


def test_a_repeated_special_date_does_not_move_the_next_date(page):
    special = page.special
    special.add_date()
    special.add_date()
    special.add_date()
    third = top(page, special.rows[2])
    special.rows[1].date_edit.setDate(special.rows[0].date_edit.date())
    assert special.rows[1].date_error.isVisible()
    assert top(page, special.rows[2]) == third


def test_the_weekly_total_counts_overlaps_once_while_invalid(page):
    for key in WEEKDAYS[1:5]:
        page.days[key].mode.setCurrentIndex(0)
    monday = page.days["monday"].rows
    monday[0].start.setText("08:00")
    monday[0].end.setText("12:00")
    monday[1].start.setText("11:00")
    monday[1].end.setText("14:00")
    assert not page.save_button.isEnabled()  # the overlap is an error…
    assert page.total_label.text() == "Aberto 6 horas por semana."  # …counted once


def test_the_week_strip_shows_special_dates(page):
    # The test clock is Wednesday 12/03/2025: the strip shows 10/03 to 16/03.
    special = page.special
    special.add_date()  # 13/03, 08:00–12:00
    special.add_date()
    special.rows[1].day.mode.setCurrentIndex(0)  # 14/03: closed
    assert [d.isoformat() for d in (page.strip.dates[0], page.strip.dates[6])] == [
        "2025-03-10",
        "2025-03-16",
    ]
    assert page.strip.exceptions == {3: (((480, 720),), SPECIAL), 4: ((), SPECIAL)}
    description = page.strip.accessibleDescription()
    assert f"quinta-feira 13/03: 08:00–12:00 ({SPECIAL})" in description
    assert f"sexta-feira 14/03: fechado o dia todo ({SPECIAL})" in description
    assert "quarta-feira 12/03: 08:00–12:00, 13:00–18:00;" in description


def test_the_week_strip_shows_a_holiday(qtbot, clinic, context, clock):
    clock.set(datetime(2025, 4, 22, 13, 0, tzinfo=UTC))  # the week of Tiradentes (21/04)
    widget = SchedulePage(clinic.id, context)
    qtbot.addWidget(widget)
    assert widget.strip.exceptions == {0: ((), "Tiradentes")}
    assert widget.strip.week[0] == ((480, 720), (780, 1080))  # the weekday's own hours
    widget.special.add_date()  # 23/04 …
    widget.special.rows[0].date_edit.setDate(QDate(2025, 4, 21))  # … moved over the holiday
    assert widget.strip.exceptions == {0: (((480, 720),), SPECIAL)}
