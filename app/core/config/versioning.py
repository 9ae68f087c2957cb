"""Optimistic versioning of an instance's configuration (several desks, one database).

Every configuration save calls `claim(instance, expect)` first inside its transaction: it
adds one to `instance.config_version`, which also locks the instance's row until commit, so
saves of one instance happen one after the other on every database.

A page remembers what it showed (`expect(...)`: the version, then its section's exported
value) and passes that to the save. If someone else saved this instance since, and this
page's section is no longer what the page showed, the save is refused with ConflictError
and nothing is written: the page keeps the user's edits on screen and offers to reload. A
change to another page of the same instance is not a conflict. CLI commands and imports pass
no expectation: they apply what they were given (and still bump the version).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from app.core.storage.models import Instance
from app.i18n import _


class Exportable(Protocol):
    """What versioning needs of a section (`app.core.config.section.Section` is one)."""

    key: str
    export: Callable[[Instance], Any]


class ConflictError(Exception):
    """Someone else changed what is being saved; `str()` is the Portuguese message."""

    def __init__(self, message: str | None = None, *, deleted: bool = False) -> None:
        self.deleted = deleted
        super().__init__(message or conflict_message(deleted))


def conflict_message(deleted: bool = False) -> str:
    if deleted:
        return _("Someone else deleted this instance.")
    return _("Someone else changed this page.")


@dataclass(frozen=True)
class Expectation:
    """What a page showed: the instance's config_version and its section's value then."""

    instance_id: int
    version: int
    section: Exportable
    exported: Any


def expect(instance_id: int, section: Exportable) -> Expectation:
    """Read what a page is about to show (call before reading the page's own values)."""
    instance = Instance.get_by_id(instance_id)  # the version first: a save after it shows
    return Expectation(
        instance_id,
        instance.config_version,  # up as a moved version
        section,
        section.export(instance),
    )


def current_version(instance_id: int) -> int | None:
    row = Instance.select(Instance.config_version).where(Instance.id == instance_id).first()
    return None if row is None else row.config_version


def claim(instance: Instance, expect: Expectation | None = None) -> int:
    """Inside a save's transaction, before writing: bump the version or refuse the save.

    Raises ConflictError when the instance is gone, or when `expect` is given, the version
    moved since, and the section's stored value differs from what the page showed. Returns
    the new version (also set on `instance`, so a later full `save()` keeps it).
    """
    bumped = (
        Instance.update(config_version=Instance.config_version + 1)
        .where(Instance.id == instance.id)
        .execute()
    )
    if not bumped:
        raise ConflictError(deleted=True)
    fresh = Instance.get_by_id(instance.id)  # read under the row lock the UPDATE took
    if expect is not None and fresh.config_version - 1 != expect.version:
        if expect.section.export(fresh) != expect.exported:
            raise ConflictError()
    instance.config_version = fresh.config_version
    return int(fresh.config_version)
