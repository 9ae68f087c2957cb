"""`atende check`: validate what is stored, instance by instance, and gather warnings."""

from __future__ import annotations

from app.core.common.validation import Problem
from app.core.config.file_format import export_instance
from app.core.config.registry import all_sections
from app.core.instances.store import validate_fields
from app.core.storage.models import Instance


def check_instance(instance: Instance) -> list[Problem]:
    """Errors (stored data that breaks a rule) and warnings, paths prefixed by the name."""
    prefix = f"{instance.name}."
    data = export_instance(instance)
    problems, clean = validate_fields(data, current_id=instance.id, prefix=prefix)
    seen: set[tuple[str, str]] = set()
    for section in all_sections():
        for p in section.validate(data[section.key], prefix + section.key, clean):
            seen.add((p.path, p.message))
            problems.append(p)
        for p in section.check(instance):
            path = prefix + p.path
            if (path, p.message) not in seen:
                problems.append(Problem(path, p.message, p.warning))
    return problems


def check_all() -> list[Problem]:
    problems: list[Problem] = []
    for instance in Instance.select().order_by(Instance.name):
        problems += check_instance(instance)
    return problems
