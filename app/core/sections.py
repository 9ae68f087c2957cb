"""The configuration sections of an instance, declared once.

Each page's data is a Section: its key in the config file, how to export it, validate it
(returning Problems with JSON paths) and apply it. The config file, `check`, instance
duplication and "copy settings to another instance" all walk this one list, so a new page
joins every path by adding its module to `SECTION_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from app.core.models import Instance
from app.core.validation import Problem


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # N_()-marked, translate when shown
    export: Callable[[Instance], Any]
    # (value, json_path, instance_fields) → problems; instance_fields holds the already
    # validated name/phone/plan/timezone of the instance the value belongs to.
    validate: Callable[[Any, str, dict[str, Any]], list[Problem]]
    apply: Callable[[Instance, Any, datetime], None]
    # Warnings about what is stored (used by `atende check` and the pages).
    check: Callable[[Instance], list[Problem]]


# Order matters only for display; each module defines a module-level `SECTION`.
SECTION_MODULES = (
    "app.core.priority",
    "app.core.auto_close",
    "app.core.schedule",
    "app.core.templates",
)


@cache
def all_sections() -> tuple[Section, ...]:
    return tuple(importlib.import_module(name).SECTION for name in SECTION_MODULES)


def section_keys() -> tuple[str, ...]:
    return tuple(s.key for s in all_sections())
