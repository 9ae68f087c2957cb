"""IANA time zones from `tzdata`, Brazilian zones first (for the picker)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIMEZONE = "America/Sao_Paulo"


@cache
def brazilian_zones() -> tuple[str, ...]:
    """The zones `tzdata`'s zone.tab lists for BR, São Paulo first."""
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text("utf-8")
    zones = [line.split("\t")[2] for line in text.splitlines() if line.startswith("BR\t")]
    zones.sort(key=lambda z: (z != DEFAULT_TIMEZONE, z))
    return tuple(zones)


@cache
def all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zones_for_picker() -> list[str]:
    """Brazilian zones, then every other zone alphabetically."""
    br = brazilian_zones()
    rest = sorted(z for z in all_zones() if z not in br and "/" in z)
    return [*br, *rest]


def is_valid_zone(name: str) -> bool:
    if not name or name not in all_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
