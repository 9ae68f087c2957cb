"""One WhatsApp number is one instance of Notificações Inteligentes: numbers used twice.

Two instances with the same number are almost surely a mistake (a copy whose number was
not changed, a typo), yet not always (moving a number to a new instance before deleting the
old one), so it is a warning, never a refusal: the window asks to confirm it, `import` and
`check` print it. Numbers compare as stored, in E.164 (`phones.normalize_phone`), so
`(11) 91234-5678` and `+55 11 91234-5678` are the same number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from babel.lists import format_list

from app.core.common.validation import Problem, join_path
from app.core.instances.phones import normalize_phone
from app.core.instances.store import name_key
from app.core.storage.models import Instance
from app.i18n import current_locale, ngettext


def names_using_phone(e164: str | None, exclude_id: int | None = None) -> list[str]:
    """The names of the instances whose number is `e164` (but `exclude_id`), by name."""
    if not e164:
        return []
    query = Instance.select(Instance.name).where(Instance.phone == e164)
    if exclude_id is not None:
        query = query.where(Instance.id != exclude_id)
    rows = cast(Iterable[tuple[str]], query.order_by(Instance.name).tuples())
    return [name for (name,) in rows]


def reused_phone_message(names: list[str]) -> str:
    """ "Este número já é usado pela instância “Loja Centro”." (names joined by Babel)."""
    quoted = format_list([f"“{name}”" for name in names], locale=current_locale())
    return ngettext(
        "This number is already used by the instance {names}.",
        "This number is already used by the instances {names}.",
        len(names),
    ).format(names=quoted)


def others_by_instance() -> dict[int, list[str]]:
    """Instance id → the names of the other instances with its number, in one query (a
    self-join on the phone), for `check` over every instance."""
    other = Instance.alias()
    rows = cast(
        Iterable[tuple[int, str]],
        Instance.select(Instance.id, other.name)
        .join(other, on=(other.phone == Instance.phone) & (other.id != Instance.id))
        .order_by(Instance.id, other.name)
        .tuples(),
    )
    shared: dict[int, list[str]] = defaultdict(list)
    for instance_id, name in rows:
        shared[instance_id].append(name)
    return dict(shared)


def shared_phone_problems(others: list[str], path: str = "phone") -> list[Problem]:
    """The warning at `path` when `others` use the same number (none when alone)."""
    return [Problem(path, reused_phone_message(others), warning=True)] if others else []


def import_warnings(items: list[Any], existing: dict[str, Instance]) -> list[Problem]:
    """Warnings for the file's instances whose number another instance will also have once
    the file is imported (stored instances of other names, or other items of the file).

    `existing`: the stored instances by `name_key`. An item that replaces a stored instance
    of its name takes its place, so the stored number of that name no longer counts.
    """
    after: dict[str, tuple[str, str]] = {key: (i.name, i.phone) for key, i in existing.items()}
    numbered: list[tuple[int, str, str]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        e164 = normalize_phone(item["phone"]) if isinstance(item.get("phone"), str) else None
        if e164 is None:
            continue  # an error of its own
        key = name_key(item["name"])
        after[key] = (item["name"].strip(), e164)
        numbered.append((index, key, e164))
    by_phone: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, (name, phone) in after.items():
        by_phone[phone].append((key, name))
    problems: list[Problem] = []
    for index, key, e164 in numbered:
        others = sorted(name for k, name in by_phone[e164] if k != key)
        problems += shared_phone_problems(others, join_path(join_path("instances", index), "phone"))
    return problems
