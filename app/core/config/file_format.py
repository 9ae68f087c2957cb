"""The config file of SPEC §9/§12 (format "atende-config", version 2): export and import.

Export writes version 2; import reads versions 1 and 2 (`upgrades` turns an older file into
the current shape first, one function per version step) and refuses a newer one, naming
`version`. Import validates the whole file first and writes all or nothing. Export is
canonical (keys sorted, indent 2, UTF-8, final newline; lists in a fixed order), so
export → import → export is byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.json_text import parse_json
from app.core.common.validation import Problem, ValidationError, check_keys, errors, join_path
from app.core.config import upgrades, versioning
from app.core.config.registry import all_sections
from app.core.instances import phone_reuse
from app.core.instances.store import FIELDS, name_key, validate_fields
from app.core.storage.db import database
from app.core.storage.dialect import is_postgres, write_transaction
from app.core.storage.models import Instance
from app.i18n import _

FORMAT = "atende-config"
VERSION = upgrades.CURRENT


def fold_name(name: str) -> str:
    """The form under which two instance names are the same (as `get_by_name` compares:
    spaces, case and Unicode form)."""
    return name_key(name)


def _existing_by_name() -> dict[str, Instance]:
    """Every stored instance by folded name, read once (not one query per imported item)."""
    return {fold_name(i.name): i for i in Instance.select()}


def instance_keys() -> set[str]:
    return {*FIELDS, *(s.key for s in all_sections())}


def export_instance(instance: Instance) -> dict[str, Any]:
    return export_instances([instance])[instance.id]


def export_instances(instances: Sequence[Instance]) -> dict[int, dict[str, Any]]:
    """`export_instance` of each instance by id; a section with `export_many` reads all
    the instances' values in one query per table, not a round trip per instance."""
    found: dict[int, dict[str, Any]] = {
        i.id: {key: getattr(i, key) for key in FIELDS} for i in instances
    }
    for section in all_sections():
        if section.export_many is not None:
            values = section.export_many(instances)
            for i in instances:
                found[i.id][section.key] = values[i.id]
        else:
            for i in instances:
                found[i.id][section.key] = section.export(i)
    return found


def export_config(names: list[str] | None = None) -> dict[str, Any]:
    query = Instance.select().order_by(Instance.name)
    instances = [i for i in query if names is None or i.name in names]
    instances.sort(key=lambda i: i.name)
    exported = export_instances(instances)
    return {
        "format": FORMAT,
        "version": VERSION,
        "instances": [exported[i.id] for i in instances],
    }


def dumps(config: dict[str, Any]) -> str:
    return json.dumps(config, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def parse_text(text: str) -> tuple[Any, list[Problem]]:
    """JSON text → data, or problems at `arquivo` (line and column) — see `json_text`."""
    return parse_json(text)


def validate_config(data: Any, *, replace: bool = False) -> list[Problem]:
    """Every problem of the file (errors and warnings), each with its JSON path."""
    if not isinstance(data, dict):
        return [Problem("$", _("must be a JSON object"))]
    problems = check_keys(data, {"format", "version", "instances"}, "")
    if data.get("format", FORMAT) != FORMAT:
        problems.append(Problem("format", _('must be "{format}"').format(format=FORMAT)))
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        problems.append(Problem("version", _("must be an integer")))
    elif version > VERSION:
        problems.append(
            Problem(
                "version",
                _(
                    "version {found} is newer than this Atende reads ({known}); update Atende"
                ).format(found=version, known=VERSION),
            )
        )
    elif version < upgrades.FIRST:
        known = f"{upgrades.FIRST}–{VERSION}"  # "deve ser 1–2"
        problems.append(Problem("version", _("must be {known}").format(known=known)))
    data = upgrades.upgrade(data)
    instances = data.get("instances", [])
    if not isinstance(instances, list):
        return problems + [Problem("instances", _("must be a list"))]
    seen: dict[str, int] = {}
    existing = _existing_by_name()
    for index, item in enumerate(instances):
        path = join_path("instances", index)
        problems += _validate_instance(item, path, replace=replace, existing=existing)
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            folded = fold_name(item["name"])
            if folded in seen:
                problems.append(
                    Problem(
                        join_path(path, "name"),
                        _("repeats the name of instances[{index}]").format(index=seen[folded]),
                    )
                )
            seen.setdefault(folded, index)
    return problems + phone_reuse.import_warnings(instances, existing)


def _validate_instance(
    item: Any, path: str, *, replace: bool, existing: dict[str, Instance]
) -> list[Problem]:
    if not isinstance(item, dict):
        return [Problem(path, _("must be a JSON object"))]
    problems = check_keys(item, instance_keys(), path)
    current_id = None
    if isinstance(item.get("name"), str):
        same_name = existing.get(fold_name(item["name"]))
        if same_name is not None and not replace:
            problems.append(
                Problem(
                    join_path(path, "name"),
                    _("an instance with this name already exists (use --replace)"),
                )
            )
        current_id = same_name.id if same_name is not None else None
    field_problems, clean = validate_fields(
        item, current_id=current_id, prefix=path + ".", check_db=False
    )
    problems += field_problems
    for section in all_sections():
        if section.key in item:
            problems += section.validate(item[section.key], join_path(path, section.key), clean)
    return problems


def _refuse_taken(items: list[dict[str, Any]], existing: dict[str, Instance]) -> None:
    taken = [
        Problem(
            join_path(join_path("instances", index), "name"),
            _("an instance with this name already exists (use --replace)"),
        )
        for index, item in enumerate(items)
        if fold_name(item["name"]) in existing
    ]
    if taken:
        raise ValidationError(taken)


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def import_config(data: Any, clock: Clock, *, replace: bool = False) -> ImportResult:
    """Validate everything, then write everything in one transaction (or nothing)."""
    problems = validate_config(data, replace=replace)
    if errors(problems):
        raise ValidationError(problems)
    data = upgrades.upgrade(data)
    result = ImportResult(warnings=[p for p in problems if p.warning])
    now = clock.now()
    with write_transaction():
        # Read the names again under the write lock: one created meanwhile (another desk)
        # is not replaced without --replace.
        if is_postgres():
            database.execute_sql("LOCK TABLE instance IN SHARE ROW EXCLUSIVE MODE")
        existing = _existing_by_name()
        if not replace:
            _refuse_taken(data["instances"], existing)
        for item in data["instances"]:
            _problems, clean = validate_fields(item, check_db=False)
            instance = existing.get(fold_name(clean["name"]))
            if instance is None:
                instance = Instance(created_at=now)
                result.created.append(clean["name"])
            else:
                versioning.claim(instance)  # pages open on other desks must reload
                result.replaced.append(clean["name"])
            for key, value in clean.items():
                setattr(instance, key, value)
            instance.updated_at = now
            instance.save()
            for section in all_sections():
                section.apply(instance, item[section.key], now)
            instance.save()
            history.record(
                instance,
                now,
                history.KIND_CONFIG,
                "import",
                _("Configuration imported from a file"),
            )
    return result
