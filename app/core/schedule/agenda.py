"""The Agenda de funcionamento as plain data, and the holiday calendar it consults.

An `Agenda` is loaded once (from the database or from a page's unsaved values) and then
answered from memory: `opening.is_open` and `opening.next_opening` never touch the database.
Times of day are minutes after local midnight; an interval is (start, end) with the start
included and the end excluded, `end == 1440` meaning "24:00".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from app.i18n import current_locale

# Monday first, as `date.weekday()` counts; the config file's keys (SPEC §9).
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WORKDAYS = range(5)
DAY_MINUTES = 24 * 60
ALL_DAY = (0, DAY_MINUTES)
HOLIDAY_COUNTRY = "BR"

Interval = tuple[int, int]

_TIME_TEXT = re.compile(r"^(\d{2}):(\d{2})$")


def parse_time(text: Any, *, end: bool = False) -> int | None:
    """ "08:30" → 510; "24:00" only when `end`; None for anything else."""
    if not isinstance(text, str):
        return None
    match = _TIME_TEXT.match(text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if end and hours == 24 and minutes == 0:
        return DAY_MINUTES
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def format_minutes(minutes: int) -> str:
    """510 → "08:30"; 1440 → "24:00"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def interval_text(interval: Interval) -> str:
    return f"{format_minutes(interval[0])}–{format_minutes(interval[1])}"


@dataclass(frozen=True)
class Agenda:
    """Everything `is_open`/`next_opening` need, with no database behind it."""

    enabled: bool
    timezone: str
    week: tuple[tuple[Interval, ...], ...] = ((),) * 7  # Monday first, sorted by start
    holidays_country: str | None = HOLIDAY_COUNTRY
    holidays_subdivision: str | None = None
    special_dates: Mapping[date, tuple[Interval, ...]] = field(default_factory=dict)

    def holiday_name(self, day: date) -> str | None:
        if self.holidays_country is None:
            return None
        return holiday_calendar(self.holidays_country, self.holidays_subdivision, day.year).get(day)

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The open intervals of one local date: a special date wins, a holiday is closed."""
        special = self.special_dates.get(day)
        if special is not None:
            return special
        if self.holiday_name(day) is not None:
            return ()
        return self.week[day.weekday()]

    def weekly_minutes(self) -> int:
        return week_open_minutes(self.week)


def week_open_minutes(week: Iterable[Iterable[Interval]]) -> int:
    """How long a week of intervals (Monday first) is open; holidays and special dates aside.
    The page's weekly total and the "open less than 8 hours" warning both count with it.
    Overlapping intervals (an agenda still being typed) count their open time once."""
    total = 0
    for day in week:
        reach = 0  # the end of the open time counted so far in this day
        for start, end in sorted(day):
            if end > reach:
                total += end - max(start, reach)
                reach = end
    return total


def intervals_from_json(pairs: list[list[str]]) -> tuple[Interval, ...]:
    """[["13:00", "18:00"], ["08:00", "12:00"]] → ((480, 720), (780, 1080)); values valid."""
    parsed = []
    for start_text, end_text in pairs:
        start, end = parse_time(start_text), parse_time(end_text, end=True)
        if start is None or end is None:
            raise ValueError(f"not a valid interval: {start_text}–{end_text}")
        parsed.append((start, end))
    return tuple(sorted(parsed))


def intervals_to_json(intervals: list[Interval] | tuple[Interval, ...]) -> list[list[str]]:
    return [[format_minutes(s), format_minutes(e)] for s, e in sorted(intervals)]


def agenda_from_values(values: dict[str, Any], timezone: str) -> Agenda:
    """The Agenda of a *valid* schedule value in the config-file shape (SPEC §9)."""
    holidays = values["holidays"]
    return Agenda(
        enabled=bool(values["enabled"]),
        timezone=timezone,
        week=tuple(intervals_from_json(values["week"][key]) for key in WEEKDAY_KEYS),
        holidays_country=holidays["country"] if holidays else None,
        holidays_subdivision=holidays["subdivision"] if holidays else None,
        special_dates={
            date.fromisoformat(item["date"]): intervals_from_json(item["intervals"])
            for item in values["special_dates"]
        },
    )


# --- holidays (package `holidays`, offline; imported lazily: it costs start-up time) ------


def _holiday_language() -> str | None:
    import holidays

    supported = holidays.country_holidays(HOLIDAY_COUNTRY).supported_languages
    locale = current_locale()
    return locale if locale in supported else None


@lru_cache(maxsize=64)
def holiday_calendar(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """date → name (in the app's language) of the public holidays of one year."""
    import holidays

    calendar = holidays.country_holidays(
        country, subdiv=subdivision, years=year, language=_holiday_language()
    )
    return dict(calendar.items())


@cache
def subdivisions() -> tuple[str, ...]:
    """The codes `holidays` knows for Brazil: the 27 states ("SP", "RJ", …) and a few more."""
    import holidays

    return tuple(holidays.country_holidays(HOLIDAY_COUNTRY).subdivisions)


@cache
def subdivision_names() -> dict[str, str]:
    """code → name ("SP" → "São Paulo"); a code without a known name names itself."""
    import holidays

    aliases = getattr(holidays.country_holidays(HOLIDAY_COUNTRY), "subdivisions_aliases", {})
    names = {code: name for name, code in aliases.items()}
    return {code: names.get(code, code) for code in subdivisions()}


def upcoming_holidays(
    country: str, subdivision: str | None, start: date, count: int = 5
) -> list[tuple[date, str]]:
    """The next `count` holidays from `start` (included), in date order."""
    found: list[tuple[date, str]] = []
    for year in (start.year, start.year + 1, start.year + 2):
        calendar = holiday_calendar(country, subdivision, year)
        found += sorted((d, n) for d, n in calendar.items() if d >= start)
        if len(found) >= count:
            break
    return found[:count]
