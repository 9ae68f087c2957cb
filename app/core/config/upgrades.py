"""Reading config files written by older versions: one function per version step.

Like MusicBrainz Picard's settings upgrades: `STEPS[n]` turns a version-`n` file into a
version-`n + 1` one, and `upgrade` chains the steps from the file's version to the current
one, so a new version adds one function here and nothing anywhere else. Steps work on a
copy and touch only what they recognise: the validator of the current version then reports
whatever else is wrong, at its path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

CURRENT = 2
FIRST = 1


def _auto_close_objects(data: dict[str, Any]):
    instances = data.get("instances")
    for item in instances if isinstance(instances, list) else []:
        if isinstance(item, dict) and isinstance(item.get("auto_close"), dict):
            yield item["auto_close"]


def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 (SPEC §12) adds to `auto_close` how time counts and the warning: a
    version-1 file counted calendar time and had no warning."""
    for auto_close in _auto_close_objects(data):
        auto_close.setdefault("count", "calendar")
        auto_close.setdefault("warning", None)
    return data


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: v1_to_v2}


def upgrade(data: Any) -> Any:
    """`data` in the current version's shape; returned as is when its version is not one
    this Atende can upgrade (the validator names `version` then)."""
    if not isinstance(data, dict):
        return data
    version = data.get("version", CURRENT)
    if not isinstance(version, int) or isinstance(version, bool):
        return data
    if not FIRST <= version < CURRENT:
        return data
    upgraded = copy.deepcopy(data)
    while version < CURRENT:
        upgraded = STEPS[version](upgraded)
        version += 1
    upgraded["version"] = version
    return upgraded
