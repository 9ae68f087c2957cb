"""The time limit of Encerramento automático: its bounds, units and presets (SPEC §6).

The units' words come from Babel, in any locale; `auto_close` re-exports these names for
the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _, format_duration, format_unit_count

TIMEOUT_MIN = 1
TIMEOUT_MAX = 90 * 24 * 60  # 90 days = 129600 minutes


@dataclass(frozen=True)
class Unit:
    key: str
    minutes: int
    babel: str  # Babel's unit name: the unit's words come from Babel, in any locale


UNITS = (Unit("minutes", 1, "minute"), Unit("hours", 60, "hour"), Unit("days", 24 * 60, "day"))
PRESETS = (30, 60, 5 * 60, 12 * 60, 24 * 60, 2 * 24 * 60, 7 * 24 * 60)


def unit(key: str) -> Unit:
    for candidate in UNITS:
        if candidate.key == key:
            return candidate
    raise ValueError(f"unknown unit {key!r}")


def unit_name(unit_key: str, count: int) -> str:
    """The unit's word for `count`, from Babel: "hora" for 1, "horas" for 5."""
    return format_unit_count(count, unit(unit_key).babel).replace(str(count), "", 1).strip()


def to_minutes(value: int, unit_key: str) -> int:
    return int(value) * unit(unit_key).minutes


def split_minutes(minutes: int) -> tuple[int, str]:
    """`300` → (5, "hours"): the biggest unit that divides the value exactly."""
    for candidate in reversed(UNITS):
        if minutes and minutes % candidate.minutes == 0:
            return minutes // candidate.minutes, candidate.key
    return minutes, "minutes"


def preset_labels() -> list[tuple[int, str]]:
    """(minutes, "5 horas") for each preset, written by Babel."""
    return [(minutes, format_duration(minutes)) for minutes in PRESETS]


def timeout_bounds_message() -> str:
    return _("Choose between {min} and {max}.").format(
        min=format_duration(TIMEOUT_MIN), max=format_duration(TIMEOUT_MAX)
    )
