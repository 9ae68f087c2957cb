"""Every rule of SPEC §7 over the schedule value, good and bad, with its path."""

from __future__ import annotations

import copy

import pytest

from app.core.common.validation import errors, warnings
from app.core.schedule.validation import format_hours, validate_schedule

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def value(**days) -> dict:
    week = {key: [] for key in WEEKDAYS}
    week.update(days)
    return {
        "enabled": True,
        "week": week,
        "holidays": {"country": "BR", "subdivision": None},
        "special_dates": [],
    }


def paths(problems) -> dict[str, str]:
    return {p.path: p.message for p in problems}


def test_a_typical_week_is_valid():
    v = value(monday=[["08:00", "12:00"], ["13:00", "18:00"]], tuesday=[["00:00", "24:00"]])
    assert validate_schedule(v, "schedule") == []


def test_touching_intervals_are_fine_and_order_does_not_matter():
    v = value(monday=[["12:00", "18:00"], ["08:00", "12:00"]])
    assert validate_schedule(v, "schedule") == []


@pytest.mark.parametrize("text", ["8:00", "08:0", "08h00", "08:00:00", "25:00", "12:60", "", 8])
def test_a_malformed_start_is_an_error_at_the_start(text):
    problems = validate_schedule(value(monday=[[text, "18:00"]]), "schedule")
    assert list(paths(problems)) == ["schedule.week.monday[0][0]"]
    assert "HH:MM" in problems[0].message


@pytest.mark.parametrize("text", ["24:01", "25:00", "7:5", "noon"])
def test_a_malformed_end_is_an_error_at_the_end(text):
    problems = validate_schedule(value(friday=[["08:00", text]]), "schedule")
    assert list(paths(problems)) == ["schedule.week.friday[0][1]"]


def test_minute_precision_is_accepted():
    assert validate_schedule(value(monday=[["08:07", "17:53"]]), "schedule") == []


def test_24_00_is_allowed_only_as_an_end():
    assert validate_schedule(value(monday=[["14:00", "24:00"]]), "schedule") == []
    problems = validate_schedule(value(monday=[["24:00", "24:00"]]), "schedule")
    assert paths(problems) == {
        "schedule.week.monday[0][0]": "24:00 só pode terminar um intervalo; comece em 00:00"
    }


def test_start_equal_to_end_is_an_error_on_the_interval():
    problems = validate_schedule(value(monday=[["08:00", "08:00"]]), "schedule")
    assert paths(problems) == {"schedule.week.monday[0]": "O início deve ser antes do fim"}


def test_crossing_midnight_is_rejected_with_the_split_shown():
    problems = validate_schedule(value(saturday=[["22:00", "02:00"]]), "schedule")
    split = "Passa da meia-noite: divida em 22:00–24:00 e 00:00–02:00 no dia seguinte"
    assert paths(problems) == {"schedule.week.saturday[0]": split}


def test_ending_at_00_00_suggests_24_00():
    problems = validate_schedule(value(monday=[["18:00", "00:00"]]), "schedule")
    assert "18:00–24:00" in paths(problems)["schedule.week.monday[0]"]


def test_overlapping_intervals_are_an_error_on_the_later_one():
    v = value(monday=[["08:00", "12:00"], ["11:30", "14:00"]])
    problems = validate_schedule(v, "schedule")
    assert list(paths(problems)) == ["schedule.week.monday[1]"]
    assert "08:00–12:00" in problems[0].message


def test_an_interval_inside_another_overlaps_even_after_a_short_one():
    v = value(monday=[["08:00", "18:00"], ["09:00", "10:00"], ["12:00", "13:00"]])
    assert list(paths(validate_schedule(v, "schedule"))) == [
        "schedule.week.monday[1]",
        "schedule.week.monday[2]",
    ]


def test_agenda_on_needs_an_open_moment_in_the_week():
    problems = validate_schedule(value(), "schedule")
    assert list(paths(errors(problems))) == ["schedule.week"]
    assert "datas especiais não contam" in problems[0].message


def test_special_dates_do_not_count_as_an_open_moment():
    v = value()
    v["special_dates"] = [{"date": "2025-12-24", "intervals": [["08:00", "12:00"]]}]
    assert list(paths(errors(validate_schedule(v, "schedule")))) == ["schedule.week"]


def test_agenda_off_may_be_all_closed():
    v = value()
    v["enabled"] = False
    assert validate_schedule(v, "schedule") == []


def test_fewer_than_8_hours_a_week_is_a_warning_not_an_error():
    problems = validate_schedule(
        value(monday=[["08:00", "12:00"]], friday=[["08:00", "11:30"]]), "schedule"
    )
    assert errors(problems) == []
    assert [p.path for p in warnings(problems)] == ["schedule.week"]
    assert "7 horas e 30 minutos" in problems[0].message


def test_exactly_8_hours_a_week_has_no_warning():
    assert validate_schedule(value(monday=[["08:00", "16:00"]]), "schedule") == []


def test_format_hours_uses_babel_units():
    assert format_hours(480) == "8 horas"
    assert format_hours(30) == "30 minutos"
    assert format_hours(61) == "1 hora e 1 minuto"


@pytest.mark.parametrize("subdivision", [None, "SP", "RJ", "AM"])
def test_known_holiday_choices_are_valid(subdivision):
    v = value(monday=[["08:00", "18:00"]])
    v["holidays"] = {"country": "BR", "subdivision": subdivision}
    assert validate_schedule(v, "schedule") == []


def test_holidays_null_means_ignored_and_is_valid():
    v = value(monday=[["08:00", "18:00"]])
    v["holidays"] = None
    assert validate_schedule(v, "schedule") == []


def test_unknown_state_or_country_is_an_error():
    v = value(monday=[["08:00", "18:00"]])
    v["holidays"] = {"country": "AR", "subdivision": "XX"}
    found = paths(validate_schedule(v, "schedule"))
    assert set(found) == {"schedule.holidays.country", "schedule.holidays.subdivision"}
    assert "SP" in found["schedule.holidays.subdivision"]


def test_special_dates_need_iso_dates_valid_intervals_and_no_repeats():
    v = value(monday=[["08:00", "18:00"]])
    v["special_dates"] = [
        {"date": "2025-12-24", "intervals": [["08:00", "12:00"]]},
        {"date": "24/12/2025", "intervals": []},
        {"date": "2025-02-30", "intervals": []},
        {"date": "2025-12-24", "intervals": [["13:00", "12:00"]]},
    ]
    found = paths(validate_schedule(v, "schedule"))
    assert set(found) == {
        "schedule.special_dates[1].date",
        "schedule.special_dates[2].date",
        "schedule.special_dates[3].date",
        "schedule.special_dates[3].intervals[0]",
    }
    assert found["schedule.special_dates[3].date"].startswith("24/12/2025")


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda v: v.pop("week"), "schedule.week"),
        (lambda v: v.update(extra=1), "schedule.extra"),
        (lambda v: v.update(enabled="yes"), "schedule.enabled"),
        (lambda v: v["week"].pop("sunday"), "schedule.week.sunday"),
        (lambda v: v["week"].update(funday=[]), "schedule.week.funday"),
        (lambda v: v["week"].update(monday="08:00-12:00"), "schedule.week.monday"),
        (lambda v: v["week"].update(monday=[["08:00"]]), "schedule.week.monday[0]"),
        (lambda v: v.update(holidays="BR"), "schedule.holidays"),
        (lambda v: v.update(holidays={"country": "BR"}), "schedule.holidays.subdivision"),
        (lambda v: v.update(special_dates={}), "schedule.special_dates"),
        (
            lambda v: v.update(special_dates=[{"date": "2025-12-24"}]),
            "schedule.special_dates[0].intervals",
        ),
    ],
)
def test_structure_is_strict(mutate, path):
    v = copy.deepcopy(value(monday=[["08:00", "18:00"]]))
    mutate(v)
    assert path in paths(validate_schedule(v, "schedule"))


def test_not_an_object():
    assert paths(validate_schedule([], "x.schedule")) == {"x.schedule": "Deve ser um objeto JSON"}
