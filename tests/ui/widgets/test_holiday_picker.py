"""The list of the next holidays reads as a sentence (issue 17 item 17): it said
"Próximos feriados (fechado):"."""

from __future__ import annotations

from datetime import date

from app.i18n import _
from app.ui.widgets.holiday_picker import HolidayPicker


def test_the_upcoming_holidays_title_says_the_days_are_closed(qtbot):
    picker = HolidayPicker()
    qtbot.addWidget(picker)
    picker.set_value({"country": "BR", "subdivision": None})
    picker.show_upcoming(date(2025, 12, 1), {})
    title = picker.upcoming_title.text()
    assert title == _("Next holidays — closed on these days:")
    assert "(fechado)" not in title and "(closed)" not in title
    assert "25/12/2025" in picker.upcoming.text()
