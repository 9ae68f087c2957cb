"""`atende check`: validate what is stored, instance by instance, and gather warnings.

Over all instances (`check_all`) each section reads every instance's value in one query
per table (`Section.export_many`) and checks from those values (`Section.check_values`), so
a hundred instances cost the same handful of queries as one, not a round trip per rule.
`check_all` also warns of the chats the watcher sets aside for invalid data.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.core.common.validation import Problem
from app.core.config.file_format import export_instance, export_instances
from app.core.config.registry import all_sections
from app.core.instances import phone_reuse
from app.core.instances.store import name_key, name_taken_message, validate_fields
from app.core.storage.models import Instance
from app.core.watcher.bad_rows import count_invalid, invalid_chats_message


def check_instance(instance: Instance) -> list[Problem]:
    """Errors (stored data that breaks a rule) and warnings, paths prefixed by the name."""
    others = phone_reuse.names_using_phone(instance.phone, instance.id)
    return _problems(instance, export_instance(instance), others)


def _problems(
    instance: Instance,
    data: dict[str, Any],
    same_phone: list[str],
    names: Counter[str] | None = None,
) -> list[Problem]:
    """`same_phone`: the other instances with this number (a warning: one number, one
    instance of Notificações Inteligentes). `names`: how many instances have each name
    (`name_key`), for all instances at once; without it, a query for this one."""
    prefix = f"{instance.name}."
    problems, clean = validate_fields(
        data, current_id=instance.id, prefix=prefix, check_db=names is None
    )
    if names is not None and "name" in clean and names[name_key(clean["name"])] > 1:
        # What `name_taken` tells, where it tells it (first: the name is checked first).
        name = clean.pop("name")
        problems.insert(0, Problem(prefix + "name", name_taken_message(name)))
    problems += phone_reuse.shared_phone_problems(same_phone, prefix + "phone")
    seen: set[tuple[str, str]] = set()
    for section in all_sections():
        for p in section.validate(data[section.key], prefix + section.key, clean):
            seen.add((p.path, p.message))
            problems.append(p)
        if section.check_values is not None:
            warnings = section.check_values(instance, data)
        else:
            warnings = section.check(instance)
        for p in warnings:
            path = prefix + p.path
            if (path, p.message) not in seen:
                problems.append(Problem(path, p.message, p.warning))
    return problems


def check_all() -> list[Problem]:
    instances = list(Instance.select().order_by(Instance.name))
    exported = export_instances(instances)
    shared_phones = phone_reuse.others_by_instance()  # one query for every instance
    names = Counter(name_key(instance.name) for instance in instances)
    problems: list[Problem] = []
    for instance in instances:
        data = exported[instance.id]
        problems += _problems(instance, data, shared_phones.get(instance.id, []), names)
    invalid = count_invalid()  # chats the watcher sets aside (`bad_rows`), at `<name>.chats`
    return problems + [
        Problem(f"{i.name}.chats", invalid_chats_message(invalid[i.id]), warning=True)
        for i in instances
        if i.id in invalid
    ]
