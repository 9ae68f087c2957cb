"""A problem's path in words, for the window: `instances[0].schedule.week.monday[1][1]` →
"Loja Centro → Business hours → Monday, interval 2, end" (in Portuguese once translated).

The CLI keeps printing the raw paths (SPEC §9: a contract scripts rely on); only the window
shows these words, with the raw path beside them for whoever needs it. Every path shape the
config validation produces has a reading here; a shape it does not know (an unknown key, a
path from elsewhere) keeps its raw parts quoted, so nothing is ever hidden. `data` is the
parsed file, when there is one: instances, special dates and messages are named by what the
file calls them ("Loja Centro", "24/12/2025", "Boas-vindas") instead of their position.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from app.core.common.files import FILE_PATH
from app.core.config.registry import section, section_keys
from app.core.schedule.agenda import WEEKDAY_KEYS
from app.core.watcher import auto_close
from app.i18n import N_, _, format_date, weekday_name

LEVELS = " → "  # between an instance, its section and the field
PARTS = ", "  # inside one field: "Monday, interval 2, end"
_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")

TOP = {
    "$": N_("The file"),
    FILE_PATH: N_("The file"),
    "format": N_("File format"),
    "version": N_("File version"),
    "instances": N_("List of instances"),
}
INSTANCE_FIELDS = {
    "name": N_("Name"),
    "phone": N_("WhatsApp number"),
    "plan": N_("Plan"),
    "timezone": N_("Time zone"),
}
AUTO_CLOSE_FIELDS = {
    **{s.key: s.label for s in auto_close.SETTINGS},
    "count": N_("How the time limit counts"),
    "warning": N_("Warning before closing"),
    "minutes_before": N_("Minutes before closing"),
    "message": N_("Warning message"),
}
SCHEDULE_FIELDS = {
    "enabled": N_("Business hours switch"),
    "holidays": N_("Holidays"),
    "country": N_("Country"),
    "subdivision": N_("State"),
    "special_dates": N_("Special dates"),
    "date": N_("date"),
}
TEMPLATE_FIELDS = {
    "title": N_("Title"),
    "shortcut": N_("Shortcut"),
    "category": N_("Category"),
    "content": N_("Text"),
}
INTERVAL_ENDS = (N_("start"), N_("end"))


def tokens(path: str) -> list[str | int]:
    """`instances[0].name` → ["instances", 0, "name"]."""
    return [int(index) if index else key for index, key in _TOKEN.findall(path)]


def _raw(token: str | int) -> str:
    return f"“{token}”" if isinstance(token, str) else f"[{token}]"


def _at(items: Any, index: int) -> Any:
    return items[index] if isinstance(items, list) and 0 <= index < len(items) else None


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


def _named(words: dict[str, str], rest: list[str | int]) -> list[str]:
    """Field names of one table; the first unknown part and what follows stay raw."""
    shown: list[str] = []
    for position, token in enumerate(rest):
        if not isinstance(token, str) or token not in words:
            return shown + [" ".join(_raw(t) for t in rest[position:])]
        shown.append(_(words[token]))
    return shown


def _intervals(rest: list[str | int]) -> list[str]:
    """[1][1] → ["interval 2", "end"] (an interval, then its start or end)."""
    if not rest or not isinstance(rest[0], int):
        return _named({}, rest)
    shown = [_("interval {number}").format(number=rest[0] + 1)]
    if len(rest) > 1 and rest[1] in (0, 1):
        return shown + [_(INTERVAL_ENDS[rest[1]])] + _named({}, rest[2:])
    return shown + _named({}, rest[1:])


def _special_date(index: int, item: Any) -> str:
    try:
        day = date.fromisoformat(_get(item, "date"))
    except (TypeError, ValueError):
        return _("special date {number}").format(number=index + 1)
    return _("special date {date}").format(date=format_date(day))


def _schedule(rest: list[str | int], value: Any) -> list[str]:
    if rest[:1] == ["week"]:
        if len(rest) == 1:
            return [_("Week")]
        day = rest[1]
        if day not in WEEKDAY_KEYS:
            return _named({}, rest[1:])
        return [PARTS.join([weekday_name(WEEKDAY_KEYS.index(day)), *_intervals(rest[2:])])]
    if rest[:1] == ["special_dates"] and len(rest) > 1 and isinstance(rest[1], int):
        item = _at(_get(value, "special_dates"), rest[1])
        parts = [_special_date(rest[1], item)]
        if rest[2:3] == ["intervals"]:
            parts += _intervals(rest[3:])
        else:
            parts += _named(SCHEDULE_FIELDS, rest[2:])
        return [PARTS.join(parts)]
    return _named(SCHEDULE_FIELDS, rest)


def _templates(rest: list[str | int], value: Any) -> list[str]:
    if not rest or not isinstance(rest[0], int):
        return _named({}, rest)
    title = _get(_at(value, rest[0]), "title")
    if isinstance(title, str) and title.strip():
        message = _("message “{title}”").format(title=title.strip())
    else:
        message = _("message {number}").format(number=rest[0] + 1)
    return [PARTS.join([message, *_named(TEMPLATE_FIELDS, rest[1:])])]


def _section(key: str, rest: list[str | int], value: Any) -> list[str]:
    if not rest:
        return []
    if key == "schedule":
        return _schedule(rest, value)
    if key == "templates":
        return _templates(rest, value)
    if key == "auto_close":
        return _named(AUTO_CLOSE_FIELDS, rest)
    return _named({}, rest)


def _instance(index: int, rest: list[str | int], item: Any) -> list[str]:
    name = _get(item, "name")
    if isinstance(name, str) and name.strip():
        levels = [name.strip()]
    else:
        levels = [_("Instance {number}").format(number=index + 1)]
    if not rest:
        return levels
    key = rest[0]
    if isinstance(key, str) and key in section_keys():
        title = _(section(key).title)
        return levels + [title] + _section(key, rest[1:], _get(item, key))
    return levels + _named(INSTANCE_FIELDS, rest)


def describe_path(path: str, data: Any = None) -> str:
    """The words for `path` (a config file's problem path; or a section's, as copying
    settings to an instance tells them: `schedule.week.monday[0]`); `data`: the parsed
    file (or the section's values)."""
    parts = tokens(path)
    if path in TOP:
        return _(TOP[path])
    if len(parts) >= 2 and parts[0] == "instances" and isinstance(parts[1], int):
        item = _at(_get(data, "instances"), parts[1])
        return LEVELS.join(_instance(parts[1], parts[2:], item))
    if parts and isinstance(parts[0], str) and parts[0] in section_keys():  # its values
        key = parts[0]
        return LEVELS.join([_(section(key).title), *_section(key, parts[1:], data)])
    return LEVELS.join(_named({}, parts)) if parts else _(TOP[FILE_PATH])
