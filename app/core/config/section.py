"""The configuration section protocol, and the one way a section is saved.

Each page's data is a Section: its key in the config file, how to export it, validate it
(returning Problems with JSON paths), apply it, check what is stored, and say in the history
what a save changed. The config file, `check`, instance duplication, "copy settings to
another instance" and the pages all go through this protocol; the list of sections is
`app.core.config.registry`, which sits above the section modules (they import this one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.validation import Problem, raise_if_errors
from app.core.config import versioning
from app.core.storage.db import database
from app.core.storage.models import Instance


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # N_()-marked, translate when shown
    export: Callable[[Instance], Any]
    # (value, json_path, instance_fields) → problems; instance_fields holds the already
    # validated name/phone/plan/timezone of the instance the value belongs to.
    validate: Callable[[Any, str, dict[str, Any]], list[Problem]]
    # Store a *valid, canonical* value, inside the caller's transaction.
    apply: Callable[[Instance, Any, datetime], None]
    # Warnings about what is stored (used by `atende check` and the pages).
    check: Callable[[Instance], list[Problem]]
    # The stored form of a valid value (what `export` would give back after `apply`).
    canonical: Callable[[Any], Any] = _same
    # (instance, before, after) → the history line and its details; None: not saved as a
    # whole (Mensagens predefinidas are saved one message at a time).
    describe: Callable[[Instance, Any, Any], tuple[str, dict[str, Any]]] | None = None
    # `check`, `export` and the import preview over many instances (`export_instances`): each
    # instance's value read in one query per table
    # ({instance id: value}, same as `export` gives); None: `export` one at a time.
    export_many: Callable[[Sequence[Instance]], dict[int, Any]] | None = None
    # Warnings from the exported values of the instance's sections ({key: value}), same as
    # `check` gives, without reading again; None: `check(instance)`.
    check_values: Callable[[Instance, dict[str, Any]], list[Problem]] | None = None


def instance_fields(instance: Instance) -> dict[str, Any]:
    """What a section's validator may consult about the instance it belongs to."""
    return {
        "name": instance.name,
        "phone": instance.phone,
        "plan": instance.plan,
        "timezone": instance.timezone,
    }


def save_section(
    section: Section,
    instance: Instance,
    value: Any,
    clock: Clock,
    expect: versioning.Expectation | None = None,
) -> bool:
    """Validate and store one section with its history event; False when nothing changed.

    Raises ValidationError (nothing written) when `value` has errors, and ConflictError
    (nothing written) when `expect` says the page showed something someone else changed.
    """
    assert section.describe is not None, f"{section.key} is not saved as a whole"
    raise_if_errors(section.validate(value, section.key, instance_fields(instance)))
    after = section.canonical(value)
    if after == section.export(instance):
        return False
    now = clock.now()
    with database.atomic():
        versioning.claim(instance, expect)
        before = section.export(instance)  # as stored now, under the instance's row lock
        section.apply(instance, after, now)
        Instance.update(updated_at=now).where(Instance.id == instance.id).execute()
        instance.updated_at = now
        summary, details = section.describe(instance, before, after)
        history.record(instance, now, history.KIND_CONFIG, section.key, summary, details)
    return True
