"""Every configuration section, in the order pages and files show them.

This module sits above the section modules: they import `app.core.config.section`, never
this one, so the arrows point one way. A new page joins the config file, `check`, copies
and duplication by adding its SECTION here.
"""

from __future__ import annotations

from app.core.config.section import Section
from app.core.instances import priority
from app.core.schedule import store as schedule
from app.core.templates import store as templates
from app.core.watcher import auto_close

SECTIONS: tuple[Section, ...] = (
    priority.SECTION,
    auto_close.SECTION,
    schedule.SECTION,
    templates.SECTION,
)


def all_sections() -> tuple[Section, ...]:
    return SECTIONS


def section_keys() -> tuple[str, ...]:
    return tuple(s.key for s in SECTIONS)


def section(key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)
