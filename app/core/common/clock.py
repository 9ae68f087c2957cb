"""Injected time: everything that asks "what time is it" takes a Clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from app.i18n import _


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, `--now`)."""

    def __init__(self, at: datetime) -> None:
        self._at = to_utc(at)

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = to_utc(at)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def to_utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime: an instant needs a timezone")
    return at.astimezone(UTC)


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its UTC offset (`2025-03-12T10:00:00-03:00`, `…Z`) → UTC.

    A timestamp without an offset is refused: it could mean any of 30 time zones. The
    `ValueError` carries a Portuguese message for the user.
    """
    example = "2025-03-12T10:00:00-03:00"
    try:
        at = datetime.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise ValueError(
            _("not an ISO 8601 date and time; example: {example}").format(example=example)
        ) from None
    if at.tzinfo is None:
        raise ValueError(
            _("the time needs its UTC offset (time zone); example: {example}").format(
                example=example
            )
        )
    return check_range(at).astimezone(UTC)


# Instants Atende accepts on input (SPEC §14): a deadline a year later still fits the calendar.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)  # excluded


def check_range(at: datetime) -> datetime:
    """`at` (timezone-aware) when it falls in 1970–2999, else a ValueError in Portuguese.

    Year 1 or 9999 would make a deadline or a local time fall off the calendar later
    (OverflowError deep in a watcher pass): refused where it comes in.
    """
    if not EARLIEST <= at < LATEST:  # compared without converting: no overflow
        raise ValueError(_("the date must be between the years 1970 and 2999"))
    return at


def format_instant(at: datetime) -> str:
    """UTC ISO 8601 with offset, milliseconds only when there are some (JSON output)."""
    at = to_utc(at)
    return at.isoformat(timespec="milliseconds" if at.microsecond else "seconds")
