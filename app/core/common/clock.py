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
    try:
        return at.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 pushed past the calendar by the offset
        raise ValueError(
            _("the date is out of range; example: {example}").format(example=example)
        ) from None


def format_instant(at: datetime) -> str:
    """UTC ISO 8601 with offset, milliseconds only when there are some (JSON output)."""
    at = to_utc(at)
    return at.isoformat(timespec="milliseconds" if at.microsecond else "seconds")
