"""The time limit of Encerramento automático: its bounds, units and presets (SPEC §6).

The units' words come from Babel, in any locale; `auto_close` re-exports these names for
the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.core.common.validation import Problem
from app.i18n import (
    NumberTextError,
    _,
    format_duration,
    format_number,
    format_unit_count,
    parse_number,
)

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
    text = format_unit_count(count, unit(unit_key).babel)
    return text.replace(format_number(count), "", 1).strip()


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


def in_bounds(minutes: Any) -> bool:
    """A time limit the watcher can use: whole minutes from TIMEOUT_MIN to TIMEOUT_MAX."""
    return (
        isinstance(minutes, int)
        and not isinstance(minutes, bool)
        and TIMEOUT_MIN <= minutes <= TIMEOUT_MAX
    )


def timeout_bounds_message() -> str:
    return _("Choose between {min} and {max}.").format(
        min=format_duration(TIMEOUT_MIN), max=format_duration(TIMEOUT_MAX)
    )


@dataclass(frozen=True)
class TypedAmount:
    """What a typed amount of a unit means: whole `minutes`, or the `message` saying why not
    (then `minutes` is None). `number` is the amount as read ("1,5" → 1.5), for the unit's
    word; `exact` says whether it is a whole count of the unit (else the page shows the
    minutes it makes, so nothing is converted unseen)."""

    minutes: int | None
    message: str | None = None
    number: Decimal = Decimal(0)

    @property
    def exact(self) -> bool:
        return self.number == self.number.to_integral_value()


def read_amount(text: str, unit_key: str) -> TypedAmount:
    """`"1,5"` hours → 90 minutes; Brazilian decimals (Babel), never a silent correction.

    Empty is 0 (the bounds message names the range). "1.5" (a point where Portuguese writes
    a comma), letters or a sign are refused with a message, and so is an amount that is not
    a whole number of minutes ("1,33 hora"), which names the nearest whole minutes instead
    of rounding behind the user's back.
    """
    if not text.strip():
        return TypedAmount(0)
    try:
        number = parse_number(text)
    except NumberTextError as exc:
        decimal = [s for s in exc.suggestions if "," in s]
        if decimal:
            return TypedAmount(
                None, _("For decimals use a comma: {number}.").format(number=decimal[0])
            )
        example = format_number(Decimal("1.5"))
        return TypedAmount(None, _("Type a number, e.g. 90 or {example}.").format(example=example))
    minutes = number * unit(unit_key).minutes
    if minutes != minutes.to_integral_value():
        nearest = max(1, int(minutes.to_integral_value()))
        return TypedAmount(
            None,
            _("{amount} is not a whole number of minutes: type {nearest}, for example.").format(
                amount=amount_text(number, unit_key), nearest=format_duration(nearest)
            ),
            number,
        )
    return TypedAmount(int(minutes), None, number)


def amount_text(number: Decimal, unit_key: str) -> str:
    """`1.5` hours → "1,5 hora" (the unit's word by the integer part, as CLDR's pt does)."""
    return f"{format_number(number)} {unit_name(unit_key, int(number))}"


def with_typed(problems: list[Problem], typed: dict[str, TypedAmount]) -> list[Problem]:
    """Core's problems with each refused typed amount's message at its field (instead of
    the "must be an integer" its missing value earns)."""
    refused = {path: amount.message for path, amount in typed.items() if amount.message}
    kept = [p for p in problems if p.path not in refused or p.warning]
    return kept + [Problem(path, message) for path, message in refused.items()]
