"""A time limit typed as Brazilians write numbers (issue 17, item 1): "1,5" hora is 90
minutos; what cannot be read exactly is refused with a message, never changed silently."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.common.validation import Problem
from app.core.watcher.time_limit import read_amount, unit_name, with_typed
from app.i18n import format_duration

ACCEPTED = [
    ("1,5", "hours", 90),
    ("1,50", "hours", 90),
    ("90", "minutes", 90),
    (" 2 ", "days", 2880),
    ("0,5", "days", 720),
    ("1.000", "minutes", 1000),  # a thousands point, as pt_BR writes it
    ("1,25", "hours", 75),
    ("", "hours", 0),  # empty: core's bounds message names the range
]


@pytest.mark.parametrize(("text", "unit", "minutes"), ACCEPTED)
def test_brazilian_numbers_are_read_exactly(text, unit, minutes):
    amount = read_amount(text, unit)
    assert (amount.minutes, amount.message) == (minutes, None)


REFUSED = [
    ("1.5", "hours", "1,5"),  # a point where Portuguese writes a comma: not 15
    ("1,33", "hours", "80 minutos"),  # 79,8 minutes: names the nearest whole minutes
    ("1,5", "minutes", "2 minutos"),
    ("0,001", "hours", "1 minuto"),
    ("abc", "hours", "90"),
    ("-1", "hours", "90"),
    ("1e3", "minutes", "90"),
    ("١", "minutes", "90"),  # a non-ASCII digit Babel would read as 1
]


@pytest.mark.parametrize(("text", "unit", "hint"), REFUSED)
def test_what_cannot_be_read_exactly_is_refused_with_a_message(text, unit, hint):
    amount = read_amount(text, unit)
    assert amount.minutes is None
    assert hint in amount.message


def test_a_converted_amount_is_not_exact_so_the_page_shows_the_minutes():
    assert not read_amount("1,5", "hours").exact
    assert read_amount("2", "hours").exact
    assert read_amount("1,5", "hours").number == Decimal("1.5")


def test_a_refused_amount_replaces_core_type_error_at_its_field_only():
    problems = [
        Problem("a.timeout_minutes", "must be an integer"),
        Problem("a.timeout_minutes", "a warning", warning=True),
        Problem("a.other", "other"),
    ]
    typed = {"a.timeout_minutes": read_amount("1.5", "hours"), "a.b": read_amount("2", "hours")}
    result = with_typed(problems, typed)
    assert [p.message for p in result] == ["a warning", "other", typed["a.timeout_minutes"].message]


def test_durations_group_thousands_like_every_number_shown():
    """Babel's duration words wrote the count bare ("12345 minutos")."""
    assert format_duration(12345) == "12.345 minutos"
    assert format_duration(90) == "90 minutos"
    assert unit_name("minutes", 12345) == "minutos"
