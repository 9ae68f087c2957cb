"""IANA time zones from `tzdata`, Brazilian zones first (for the picker)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_TIMEZONE = "America/Sao_Paulo"


@cache
def _zone_tab() -> tuple[tuple[str, str], ...]:
    """(country, zone) of `tzdata`'s zone.tab: one canonical zone per place, no aliases."""
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return tuple((row[0], row[2]) for row in rows)


@cache
def brazilian_zones() -> tuple[str, ...]:
    """The zones `tzdata`'s zone.tab lists for BR, São Paulo first."""
    zones = [zone for country, zone in _zone_tab() if country == "BR"]
    zones.sort(key=lambda z: (z != DEFAULT_TIMEZONE, z))
    return tuple(zones)


@cache
def all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zones_for_picker() -> list[str]:
    """Brazilian zones, then every other place's zone alphabetically, then UTC. Aliases
    (`Brazil/East`, `US/Pacific`) stay valid but are not offered: each would repeat the
    name of the zone it stands for."""
    br = brazilian_zones()
    rest = sorted({zone for _country, zone in _zone_tab()} - set(br))
    return [*br, *rest, "UTC"]


def is_valid_zone(name: str) -> bool:
    if not name or name not in all_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
