"""Parsing and writing instants: an offset is required, everything is stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.core.common.clock import FixedClock, format_instant, parse_instant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-12T10:00:00-03:00", datetime(2025, 3, 12, 13, 0, tzinfo=UTC)),
        ("2025-03-12T13:00:00Z", datetime(2025, 3, 12, 13, 0, tzinfo=UTC)),
        (" 2025-03-12 13:00:00.5+00:00 ", datetime(2025, 3, 12, 13, 0, 0, 500000, tzinfo=UTC)),
    ],
)
def test_parse_instant_converts_to_utc(text, expected):
    parsed = parse_instant(text)
    assert parsed == expected and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-03-12T10:00:00", "a hora precisa do deslocamento UTC"),
        ("2025-03-12", "a hora precisa do deslocamento UTC"),
        ("12/03/2025 10:00", "não é uma data e hora ISO 8601"),
    ],
)
def test_parse_instant_refuses_naive_or_malformed_text(text, message):
    with pytest.raises(ValueError, match=message):
        parse_instant(text)


def test_format_instant_writes_utc_with_offset_and_milliseconds_only_when_present():
    local = datetime(2025, 3, 12, 10, 0, tzinfo=timezone(timedelta(hours=-3)))
    assert format_instant(local) == "2025-03-12T13:00:00+00:00"
    assert format_instant(local + timedelta(milliseconds=7)) == "2025-03-12T13:00:00.007+00:00"


def test_fixed_clock_moves_only_when_told():
    clock = FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))
    clock.advance(timedelta(minutes=5))
    assert clock.now() == datetime(2025, 3, 12, 13, 5, tzinfo=UTC)
