"""Times typed the ways Brazilians write them (issue 17 item 2): "18h", "8h" and "8" were
refused while "13h30" and "800" were accepted."""

from __future__ import annotations

import pytest

from app.core.schedule.agenda import parse_time
from app.core.schedule.typed_time import TYPABLE, read_typed_time

TABLE = [
    ("8", "08:00"),
    ("08", "08:00"),
    ("0", "00:00"),
    ("8h", "08:00"),
    ("18h", "18:00"),
    ("18H", "18:00"),
    ("18 h", "18:00"),
    ("18hs", "18:00"),
    ("18hrs", "18:00"),
    ("8h30", "08:30"),
    ("8 h 30", "08:30"),
    ("13h30", "13:30"),
    ("8h30min", "08:30"),
    ("8:30", "08:30"),
    ("08:30", "08:30"),
    (" 08:30 ", "08:30"),
    ("0830", "08:30"),
    ("830", "08:30"),
    ("800", "08:00"),
    ("24", "24:00"),  # an end may say it; a start gets core's message
    ("24h", "24:00"),
    ("24:00", "24:00"),
    # Nonsense stays as typed (None): validation names it under the field.
    ("", None),
    ("25", None),
    ("25h", None),
    ("8h75", None),
    ("8:7", None),
    ("8h5", None),  # 8:05 or 8:50? not guessed
    ("24:30", None),
    ("12345", None),
    ("h", None),
    (":30", None),
    ("8:", None),
    ("8hh", None),
]


@pytest.mark.parametrize(("typed", "expected"), TABLE)
def test_typed_times(typed, expected):
    assert read_typed_time(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [t for t in TABLE if t[1] is not None])
def test_every_accepted_form_can_be_typed_and_core_reads_the_result(typed, expected):
    assert TYPABLE.fullmatch(typed)
    assert parse_time(expected, end=True) is not None
