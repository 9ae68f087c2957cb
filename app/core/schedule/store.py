"""Agenda de funcionamento (SPEC §7): stored rows ⇄ the config value, save, the section.

The value every caller exchanges is the config-file shape of SPEC §9:
`{"enabled", "week": {"monday": [["08:00", "12:00"]], …}, "holidays": {"country",
"subdivision"} | null, "special_dates": [{"date", "intervals"}]}`. The page edits it, the
validator of `schedule_validation` checks it, `save` stores it, and `load_agenda` turns the
stored one into the plain `Agenda` the opening rules answer from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from peewee import JOIN

from app.core.common.clock import Clock
from app.core.common.validation import Problem, warnings
from app.core.config.section import Section, save_section
from app.core.schedule.agenda import (
    HOLIDAY_COUNTRY,
    WEEKDAY_KEYS,
    WORKDAYS,
    Agenda,
    agenda_from_values,
    format_minutes,
    intervals_from_json,
    intervals_to_json,
    subdivision_names,
)
from app.core.schedule.validation import validate_schedule
from app.core.storage.models import (
    Instance,
    ScheduleInterval,
    ScheduleSettings,
    SpecialDate,
    SpecialInterval,
)
from app.core.watcher import deadlines
from app.i18n import N_, _, weekday_name

SECTION_KEY = "schedule"
SECTION_TITLE = N_("Business hours")


def default_values() -> dict[str, Any]:
    """What an instance without a stored agenda has: off, every day closed, national
    holidays (so turning the agenda on starts from the careful choice)."""
    return {
        "enabled": False,
        "week": {key: [] for key in WEEKDAY_KEYS},
        "holidays": {"country": HOLIDAY_COUNTRY, "subdivision": None},
        "special_dates": [],
    }


def export_schedule(instance: Instance) -> dict[str, Any]:
    """The stored agenda in the canonical config shape (intervals by start, dates by date)."""
    return export_schedules([instance])[instance.id]


def export_schedules(instances: Sequence[Instance]) -> dict[int, dict[str, Any]]:
    """`export_schedule` of each instance, in three queries for all of them."""
    found = {instance.id: default_values() for instance in instances}
    ids = list(found)
    for settings in ScheduleSettings.select().where(ScheduleSettings.instance.in_(ids)):
        values = found[settings.instance_id]  # type: ignore[attr-defined]  # Peewee's FK id
        values["enabled"] = bool(settings.enabled)
        values["holidays"] = (
            {"country": settings.holidays_country, "subdivision": settings.holidays_subdivision}
            if settings.holidays_country
            else None
        )
    intervals = (
        ScheduleInterval.select(
            ScheduleInterval.instance,
            ScheduleInterval.weekday,
            ScheduleInterval.start_minute,
            ScheduleInterval.end_minute,
        )
        .where(ScheduleInterval.instance.in_(ids))
        .order_by(ScheduleInterval.weekday, ScheduleInterval.start_minute)
        .tuples()
    )
    for instance_id, weekday, start, end in cast(Iterable[tuple[int, int, int, int]], intervals):
        found[instance_id]["week"][WEEKDAY_KEYS[weekday]].append(
            [format_minutes(start), format_minutes(end)]
        )
    specials = (
        SpecialDate.select(
            SpecialDate.instance,
            SpecialDate.date,
            SpecialInterval.start_minute,
            SpecialInterval.end_minute,
        )
        .join(SpecialInterval, JOIN.LEFT_OUTER)
        .where(SpecialDate.instance.in_(ids))
        .order_by(SpecialDate.date, SpecialInterval.start_minute)
        .tuples()
    )
    by_date: dict[int, dict[str, list[list[str]]]] = {instance_id: {} for instance_id in ids}
    rows_of_dates = cast(Iterable[tuple[int, str, int | None, int]], specials)
    for instance_id, day, opens, closes in rows_of_dates:
        intervals_of_day = by_date[instance_id].setdefault(day, [])
        if opens is not None:  # a special date closed all day has no interval
            intervals_of_day.append([format_minutes(opens), format_minutes(closes)])
    for instance_id, dates in by_date.items():
        found[instance_id]["special_dates"] = [
            {"date": d, "intervals": i} for d, i in dates.items()
        ]
    return found


def canonical(values: dict[str, Any]) -> dict[str, Any]:
    """A *valid* value in export order: intervals by start, special dates by date."""
    return {
        "enabled": values["enabled"],
        "week": {
            key: intervals_to_json(intervals_from_json(values["week"][key])) for key in WEEKDAY_KEYS
        },
        "holidays": (dict(values["holidays"]) if values["holidays"] is not None else None),
        "special_dates": sorted(
            (
                {
                    "date": item["date"],
                    "intervals": intervals_to_json(intervals_from_json(item["intervals"])),
                }
                for item in values["special_dates"]
            ),
            key=lambda item: item["date"],
        ),
    }


def load_agenda(instance: Instance) -> Agenda:
    """The stored agenda as plain data (three queries, then no database access)."""
    return agenda_from_values(export_schedule(instance), instance.timezone)


def copy_to_workdays(week: dict[str, Any], source: str) -> dict[str, Any]:
    """ "Copiar para os dias úteis": Monday–Friday get `source`'s intervals."""
    copied = dict(week)
    for index in WORKDAYS:
        copied[WEEKDAY_KEYS[index]] = [list(pair) for pair in week[source]]
    return copied


def holidays_label(holidays: dict[str, Any] | None) -> str:
    if holidays is None:
        return _("ignored")
    if holidays["subdivision"] is None:
        return _("national")
    name = subdivision_names().get(holidays["subdivision"], holidays["subdivision"])
    return _("national and of {state}").format(state=name)


def save(instance: Instance, values: dict[str, Any], clock: Clock, expect=None) -> bool:
    """Store the agenda through `save_section` (ValidationError, ConflictError: nothing
    written); False when nothing changed."""
    return save_section(SECTION, instance, values, clock, expect)


def _describe(instance: Instance, before: dict[str, Any], after: dict[str, Any]):
    return describe_changes(before, after), {"schedule": after}


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """One Portuguese line for the history: what changed in the agenda."""
    parts = []
    if before["enabled"] != after["enabled"]:
        parts.append(_("agenda turned on") if after["enabled"] else _("agenda turned off"))
    days = [
        weekday_name(i)
        for i, key in enumerate(WEEKDAY_KEYS)
        if before["week"][key] != after["week"][key]
    ]
    if days:
        parts.append(_("hours changed on {days}").format(days=", ".join(days)))
    if before["holidays"] != after["holidays"]:
        parts.append(_("holidays: {choice}").format(choice=holidays_label(after["holidays"])))
    if before["special_dates"] != after["special_dates"]:
        parts.append(_("special dates changed"))
    return _("Business hours: {changes}").format(changes="; ".join(parts))


# --- config section ----------------------------------------------------------------------


def _validate(value: Any, path: str, fields: dict[str, Any]) -> list[Problem]:
    return validate_schedule(value, path)


def _apply(instance: Instance, value: dict[str, Any], at: datetime) -> None:
    """Replace the stored agenda by a *valid* value (inside the caller's transaction)."""
    ScheduleSettings.delete().where(ScheduleSettings.instance == instance.id).execute()
    ScheduleInterval.delete().where(ScheduleInterval.instance == instance.id).execute()
    SpecialDate.delete().where(SpecialDate.instance == instance.id).execute()
    holidays = value["holidays"]
    ScheduleSettings.insert(
        instance=instance.id,
        enabled=bool(value["enabled"]),
        holidays_country=holidays["country"] if holidays else None,
        holidays_subdivision=holidays["subdivision"] if holidays else None,
    ).execute()
    rows = [
        {"instance": instance.id, "weekday": index, "start_minute": start, "end_minute": end}
        for index, key in enumerate(WEEKDAY_KEYS)
        for start, end in intervals_from_json(value["week"][key])
    ]
    if rows:
        ScheduleInterval.insert_many(rows).execute()
    for item in value["special_dates"]:
        special_id = SpecialDate.insert(instance=instance.id, date=item["date"]).execute()
        rows = [
            {"special_date": special_id, "start_minute": start, "end_minute": end}
            for start, end in intervals_from_json(item["intervals"])
        ]
        if rows:
            SpecialInterval.insert_many(rows).execute()
    # Deadlines that count business hours follow the new agenda, in the same transaction.
    deadlines.recompute(instance, agenda_from_values(value, instance.timezone))


def _check(instance: Instance) -> list[Problem]:
    """Warnings about the stored agenda (e.g. open less than 8 hours a week)."""
    return _check_values(instance, {SECTION_KEY: export_schedule(instance)})


def _check_values(_instance: Instance, values: dict[str, Any]) -> list[Problem]:
    return warnings(validate_schedule(values[SECTION_KEY], SECTION_KEY))


SECTION = Section(
    SECTION_KEY,
    SECTION_TITLE,
    export_schedule,
    _validate,
    _apply,
    _check,
    canonical,
    describe=_describe,
    export_many=export_schedules,
    check_values=_check_values,
)
