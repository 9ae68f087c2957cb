"""Moving configuration between places: what an import would change, and copying sections
from one instance to another. Both walk the sections registry, so every page takes part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.validation import Problem, ValidationError, errors, raise_if_errors, warnings
from app.core.config import versioning
from app.core.config.file_format import (
    export_instance,
    export_instances,
    fold_name,
    import_config,
    validate_config,
)
from app.core.config.registry import all_sections
from app.core.config.section import Section
from app.core.instances.store import FIELDS, unique_copy_name, validate_fields
from app.core.storage.db import database
from app.core.storage.models import Instance
from app.i18n import N_, _

CREATE = "create"
REPLACE = "replace"

FIELD_TITLES = {
    "name": N_("Name"),
    "phone": N_("Phone"),
    "plan": N_("Plan"),
    "timezone": N_("Time zone"),
}


@dataclass(frozen=True)
class Change:
    """One field or section of an instance, and whether the import changes it."""

    key: str
    title: str  # translated
    changed: bool


@dataclass
class InstancePlan:
    name: str
    action: str  # CREATE | REPLACE
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.action == CREATE or any(c.changed for c in self.changes)


@dataclass
class ImportPlan:
    instances: list[InstancePlan]
    warnings: list[Problem]

    @property
    def created(self) -> list[str]:
        return [p.name for p in self.instances if p.action == CREATE]

    @property
    def replaced(self) -> list[str]:
        return [p.name for p in self.instances if p.action == REPLACE]


class _DryRun(Exception):
    """Raised inside the trial transaction so that it always rolls back."""


def plan_import(data: Any, clock: Clock) -> ImportPlan:
    """What importing `data` (with replace) would create and change, without writing.

    The import is run for real inside a transaction that is then rolled back, so the
    comparison sees exactly what each section would store (normalized, sorted), for every
    section present now or added later. Raises ValidationError when the file has errors.
    """
    problems = validate_config(data, replace=True)
    raise_if_errors(problems)
    stored = list(Instance.select())
    exported = export_instances(stored)
    before = {i.id: (i.name, exported[i.id]) for i in stored}
    plans: list[InstancePlan] = []
    try:
        with database.atomic():
            result = import_config(data, clock, replace=True)
            imported = set(result.created) | set(result.replaced)
            for instance in Instance.select().where(Instance.name.in_(imported)):
                old = before.get(instance.id)
                plans.append(_plan_for(instance, old[1] if old else None))
            raise _DryRun
    except _DryRun:
        pass
    plans.sort(key=lambda p: (p.action != REPLACE, p.name.casefold()))
    return ImportPlan(plans, warnings(problems))


def without_existing(data: dict[str, Any]) -> dict[str, Any]:
    """The config with only the instances whose names are not in the database yet (the
    "keep the existing ones" answer to an import that would replace some)."""
    taken = {fold_name(i.name) for i in Instance.select(Instance.name)}
    kept = [i for i in data["instances"] if fold_name(i["name"]) not in taken]
    return {**data, "instances": kept}


def _plan_for(instance: Instance, old: dict[str, Any] | None) -> InstancePlan:
    new = export_instance(instance)
    if old is None:
        return InstancePlan(instance.name, CREATE)
    changes = [Change(key, _(FIELD_TITLES[key]), old[key] != new[key]) for key in FIELDS]
    changes += [Change(s.key, _(s.title), old[s.key] != new[s.key]) for s in all_sections()]
    return InstancePlan(instance.name, REPLACE, changes)


@dataclass
class CopyResult:
    changed: list[str]  # section keys whose stored value changed
    warnings: list[Problem]


def copy_sections(source: Instance, target: Instance, keys: list[str], clock: Clock) -> CopyResult:
    """Copy the chosen sections' settings from `source` to `target` in one transaction.

    Validated against the target (its plan, its zone) first; nothing is written when a
    section would be invalid there. One history event on the target lists what was copied.
    """
    if source.id == target.id:
        raise ValueError("source and target are the same instance")
    sections = _sections(keys)
    fields = {key: getattr(target, key) for key in FIELDS}
    values = {s.key: s.export(source) for s in sections}
    problems: list[Problem] = []
    for section in sections:
        problems += section.validate(values[section.key], section.key, fields)
    if errors(problems):
        raise ValidationError(problems)
    changed = [s.key for s in sections if s.export(target) != values[s.key]]
    if not changed:
        return CopyResult([], warnings(problems))
    now = clock.now()
    with database.atomic():
        versioning.claim(target)  # pages open on the target must reload
        for section in sections:
            if section.key in changed:
                section.apply(target, values[section.key], now)
        target.updated_at = now
        target.save()
        titles = ", ".join(_(s.title) for s in sections if s.key in changed)
        history.record(
            target,
            now,
            history.KIND_CONFIG,
            "copy",
            _("Settings copied from {source}: {sections}").format(
                source=source.name, sections=titles
            ),
            {"source": source.name, "sections": changed},
        )
    return CopyResult(changed, warnings(problems))


def _sections(keys: list[str]) -> list[Section]:
    known = {s.key: s for s in all_sections()}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(f"unknown sections: {unknown}")
    return [s for s in all_sections() if s.key in keys]


def duplicate_instance(
    instance: Instance, clock: Clock, fields: dict[str, Any] | None = None
) -> Instance:
    """A new instance with every section's settings copied (not chats).

    `fields` (name, phone, plan, timezone, as typed in the window's Duplicar dialog) are
    validated as a new instance's (ValidationError, nothing written); without them the copy
    gets a free name and the original's fields.
    """
    if fields is None:
        clean = {key: getattr(instance, key) for key in FIELDS}
        clean["name"] = unique_copy_name(instance.name)
    else:
        problems, clean = validate_fields(fields)
        raise_if_errors(problems)
    now = clock.now()
    with database.atomic():
        copy = Instance.create(
            **clean,
            prioritize_attendance=instance.prioritize_attendance,
            created_at=now,
            updated_at=now,
        )
        for section in all_sections():
            section.apply(copy, section.export(instance), now)
        copy.save()
        history.record_instance_event(
            copy,
            now,
            _("Instance created as a copy of {name}").format(name=instance.name),
        )
    return copy
