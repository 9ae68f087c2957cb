"""The rules of SPEC §7 over the schedule value (the config-file shape of SPEC §9).

One validator serves the page (errors under the exact row), `atende import` and `atende
check`. Paths name the JSON place: `schedule.week.monday[1]` is Monday's second interval,
`schedule.week.monday[1][0]` its start, `schedule.special_dates[0].date` a special date.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from app.core.common.validation import Problem, check_keys, join_path
from app.core.schedule.agenda import (
    HOLIDAY_COUNTRY,
    WEEKDAY_KEYS,
    Interval,
    format_minutes,
    interval_text,
    parse_time,
    subdivisions,
    week_open_minutes,
)
from app.i18n import _, format_date, format_unit_count

SCHEDULE_KEYS = {"enabled", "week", "holidays", "special_dates"}
HOLIDAY_KEYS = {"country", "subdivision"}
SPECIAL_DATE_KEYS = {"date", "intervals"}
# Fewer open hours a week than this earns a warning (SPEC §7).
FEW_WEEKLY_MINUTES = 8 * 60

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def validate_schedule(value: Any, path: str) -> list[Problem]:
    """Every error and warning of a schedule value, each with its path under `path`."""
    if not isinstance(value, dict):
        return [Problem(path, _("must be a JSON object"))]
    problems = check_keys(value, SCHEDULE_KEYS, path)
    enabled = value.get("enabled")
    if "enabled" in value and not isinstance(enabled, bool):
        problems.append(Problem(join_path(path, "enabled"), _("must be true or false")))
    week_problems, week = _validate_week(value.get("week"), join_path(path, "week"))
    if "week" in value:
        problems += week_problems
    if "holidays" in value:
        problems += _validate_holidays(value["holidays"], join_path(path, "holidays"))
    if "special_dates" in value:
        problems += _validate_special_dates(
            value["special_dates"], join_path(path, "special_dates")
        )
    if enabled is True and week is not None:
        problems += _weekly_total_problems(week, join_path(path, "week"))
    return problems


def _validate_week(week: Any, path: str) -> tuple[list[Problem], list[tuple[Interval, ...]] | None]:
    """Problems, and the parsed week when every day is valid (for the weekly total)."""
    if not isinstance(week, dict):
        return [Problem(path, _("must be a JSON object"))], None
    problems = check_keys(week, set(WEEKDAY_KEYS), path)
    days: list[tuple[Interval, ...]] | None = []
    for key in WEEKDAY_KEYS:
        if key not in week:
            days = None
            continue
        day_problems, intervals = validate_intervals(week[key], join_path(path, key))
        problems += day_problems
        if intervals is None or days is None:
            days = None
        else:
            days.append(intervals)
    return problems, days


def _weekly_total_problems(week: list[tuple[Interval, ...]], path: str) -> list[Problem]:
    total = week_open_minutes(week)
    if total == 0:
        return [
            Problem(
                path,
                _(
                    "With the agenda on, at least one weekday needs an open interval "
                    "(special dates do not count)."
                ),
            )
        ]
    if total < FEW_WEEKLY_MINUTES:
        return [
            Problem(
                path,
                _(
                    "Open only {duration} a week (less than 8 hours): most automatic messages will "
                    "wait for the next opening."
                ).format(duration=format_hours(total)),
                warning=True,
            )
        ]
    return []


def format_hours(minutes: int) -> str:
    """450 → "7 horas e 30 minutos"; 480 → "8 horas"; 30 → "30 minutos" (Babel units)."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return format_unit_count(rest, "minute")
    if not rest:
        return format_unit_count(hours, "hour")
    return _("{hours} and {minutes}").format(
        hours=format_unit_count(hours, "hour"), minutes=format_unit_count(rest, "minute")
    )


def validate_intervals(value: Any, path: str) -> tuple[list[Problem], tuple[Interval, ...] | None]:
    """The intervals of one day: problems, and the sorted intervals when all are valid."""
    if not isinstance(value, list):
        return [Problem(path, _("must be a list"))], None
    problems: list[Problem] = []
    valid: list[tuple[Interval, int]] = []
    for index, pair in enumerate(value):
        item_path = join_path(path, index)
        pair_problems, interval = _validate_interval(pair, item_path)
        problems += pair_problems
        if interval is not None:
            valid.append((interval, index))
    valid.sort()
    reach: tuple[Interval, int] | None = None  # the interval reaching furthest so far
    for interval, index in valid:
        if reach is not None and interval[0] < reach[0][1]:
            problems.append(
                Problem(
                    join_path(path, index),
                    _(
                        "overlaps {other}; intervals of a day must not overlap (touching, like "
                        "08:00–12:00 and 12:00–18:00, is fine)"
                    ).format(other=interval_text(reach[0])),
                )
            )
        if reach is None or interval[1] > reach[0][1]:
            reach = (interval, index)
    if problems:
        return problems, None
    return [], tuple(interval for interval, _index in valid)


def _validate_interval(pair: Any, path: str) -> tuple[list[Problem], Interval | None]:
    if not (isinstance(pair, list) and len(pair) == 2):
        return [Problem(path, _('must be a pair [start, end], e.g. ["08:00", "12:00"]'))], None
    problems: list[Problem] = []
    start = parse_time(pair[0])
    if start is None:
        message = (
            _("24:00 can only end an interval; start at 00:00")
            if pair[0] == "24:00"
            else _("use HH:MM from 00:00 to 23:59, e.g. 08:30")
        )
        problems.append(Problem(join_path(path, 0), message))
    end = parse_time(pair[1], end=True)
    if end is None:
        problems.append(Problem(join_path(path, 1), _("use HH:MM from 00:00 to 24:00, e.g. 18:00")))
    if start is None or end is None:
        return problems, None
    if start == end:
        return [Problem(path, _("the start must be before the end"))], None
    if end == 0:
        return [
            Problem(
                path,
                _("to close at midnight, end at 24:00: {interval}").format(
                    interval=f"{format_minutes(start)}–24:00"
                ),
            )
        ], None
    if start > end:
        return [
            Problem(
                path,
                _("crosses midnight: split it into {first} and {second} on the next day").format(
                    first=f"{format_minutes(start)}–24:00", second=f"00:00–{format_minutes(end)}"
                ),
            )
        ], None
    return [], (start, end)


def _validate_holidays(value: Any, path: str) -> list[Problem]:
    if value is None:
        return []
    if not isinstance(value, dict):
        return [Problem(path, _("must be a JSON object or null"))]
    problems = check_keys(value, HOLIDAY_KEYS, path)
    if "country" in value and value["country"] != HOLIDAY_COUNTRY:
        problems.append(Problem(join_path(path, "country"), _('only "BR" (Brazil) is supported')))
    subdivision = value.get("subdivision")
    if subdivision is not None and subdivision not in subdivisions():
        problems.append(
            Problem(
                join_path(path, "subdivision"),
                _("unknown state; use null (national holidays only) or one of: {codes}").format(
                    codes=", ".join(c for c in subdivisions())
                ),
            )
        )
    return problems


def _validate_special_dates(value: Any, path: str) -> list[Problem]:
    if not isinstance(value, list):
        return [Problem(path, _("must be a list"))]
    problems: list[Problem] = []
    seen: dict[date, int] = {}
    for index, item in enumerate(value):
        item_path = join_path(path, index)
        if not isinstance(item, dict):
            problems.append(Problem(item_path, _("must be a JSON object")))
            continue
        problems += check_keys(item, SPECIAL_DATE_KEYS, item_path)
        if "date" in item:
            day = parse_date(item["date"])
            date_path = join_path(item_path, "date")
            if day is None:
                problems.append(Problem(date_path, _("use a date YYYY-MM-DD, e.g. 2025-12-24")))
            elif day in seen:
                problems.append(
                    Problem(
                        date_path,
                        _("{date} is already listed above: one entry per date").format(
                            date=format_date(day)
                        ),
                    )
                )
            else:
                seen[day] = index
        if "intervals" in item:
            problems += validate_intervals(item["intervals"], join_path(item_path, "intervals"))[0]
    return problems


def parse_date(text: Any) -> date | None:
    if not isinstance(text, str) or not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
