"""The plain Agenda, HH:MM texts and the holiday calendar (package `holidays`, pt_BR)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.schedule.agenda import (
    Agenda,
    agenda_from_values,
    format_minutes,
    parse_time,
    subdivision_names,
    subdivisions,
    upcoming_holidays,
)


@pytest.mark.parametrize(
    ("text", "end", "minutes"),
    [
        ("00:00", False, 0),
        ("08:30", False, 510),
        ("23:59", False, 1439),
        ("24:00", True, 1440),
        ("24:00", False, None),
        ("24:01", True, None),
        ("8:30", False, None),
        (None, False, None),
        ("12:60", False, None),
        ("1230", False, None),
    ],
)
def test_parse_time(text, end, minutes):
    assert parse_time(text, end=end) == minutes


def test_format_minutes():
    assert format_minutes(0) == "00:00"
    assert format_minutes(545) == "09:05"
    assert format_minutes(1440) == "24:00"


def test_agenda_from_values_sorts_intervals_and_parses_dates():
    week = {
        k: []
        for k in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    }
    week["monday"] = [["13:00", "18:00"], ["08:00", "12:00"]]
    values = {
        "enabled": True,
        "week": week,
        "holidays": {"country": "BR", "subdivision": "SP"},
        "special_dates": [{"date": "2025-12-24", "intervals": [["08:00", "12:00"]]}],
    }
    agenda = agenda_from_values(values, "America/Manaus")
    assert agenda.week[0] == ((480, 720), (780, 1080))
    assert agenda.timezone == "America/Manaus"
    assert agenda.holidays_subdivision == "SP"
    assert agenda.special_dates == {date(2025, 12, 24): ((480, 720),)}
    assert agenda.weekly_minutes() == 540


def test_holiday_names_are_portuguese():
    agenda = Agenda(True, "America/Sao_Paulo")
    assert agenda.holiday_name(date(2025, 4, 21)) == "Tiradentes"
    assert agenda.holiday_name(date(2025, 12, 25)) == "Natal"
    assert agenda.holiday_name(date(2025, 12, 24)) is None


def test_intervals_on_special_beats_holiday_beats_week():
    agenda = Agenda(
        True,
        "America/Sao_Paulo",
        week=(((480, 1080),),) * 7,
        special_dates={date(2025, 12, 25): ((480, 720),)},
    )
    assert agenda.intervals_on(date(2025, 12, 25)) == ((480, 720),)
    assert agenda.intervals_on(date(2025, 4, 21)) == ()
    assert agenda.intervals_on(date(2025, 4, 22)) == ((480, 1080),)


def test_upcoming_holidays_cross_the_year():
    found = upcoming_holidays("BR", "SP", date(2025, 11, 16))
    assert found == [
        (date(2025, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra"),
        (date(2025, 12, 25), "Natal"),
        (date(2026, 1, 1), "Confraternização Universal"),
        (date(2026, 4, 3), "Sexta-feira Santa"),
        (date(2026, 4, 21), "Tiradentes"),
    ]


def test_state_holidays_only_with_the_state():
    national = dict(upcoming_holidays("BR", None, date(2025, 7, 1), 3))
    sp = dict(upcoming_holidays("BR", "SP", date(2025, 7, 1), 3))
    assert date(2025, 7, 9) not in national
    assert sp[date(2025, 7, 9)] == "Revolução Constitucionalista"


def test_subdivisions_are_the_states_with_names():
    assert {"SP", "RJ", "AM", "DF"} <= set(subdivisions())
    assert subdivision_names()["SP"] == "São Paulo"
    assert subdivision_names()["RJ"] == "Rio de Janeiro"


def test_week_open_minutes_counts_each_open_minute_once():
    from app.core.schedule.agenda import week_open_minutes

    day = [(480, 720), (780, 1080)]  # 08–12, 13–18: 9 hours
    assert week_open_minutes([day] * 5 + [[], []]) == 5 * 9 * 60
    # While the agenda is being typed: 08–12 and 11–14 overlap; open 6 hours, not 7.
    assert week_open_minutes([[(660, 840), (480, 720)]]) == 6 * 60
    assert week_open_minutes([[(480, 1080), (600, 660)]]) == 10 * 60  # one inside another
    assert week_open_minutes([[(0, 1440)]] * 7) == 7 * 24 * 60
