"""Mensagens predefinidas (SPEC §8): create / edit / duplicate / delete, search, config.

The field rules are in `template_fields` (and the content's in `template_syntax`). Shortcuts
are stored lowercase with their leading "/", so uniqueness per instance is case-insensitive
by construction (and by the table's UNIQUE constraint).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.text import fold
from app.core.common.validation import Problem, raise_if_errors
from app.core.config import versioning
from app.core.config.section import Section
from app.core.storage.db import database
from app.core.storage.models import Instance, Template
from app.core.templates.fields import FIELDS, SHORTCUT_MAX, TITLE_MAX, clean_template
from app.i18n import N_, _

SECTION_KEY = "templates"
SECTION_TITLE = N_("Predefined messages")


@dataclass(frozen=True)
class TemplateRow:
    """What the list shows and searches, read in one query (no model objects per row)."""

    id: int
    title: str
    shortcut: str
    category: str | None
    content: str


def shortcut_taken(instance_id: int, shortcut: str, current_id: int | None = None) -> bool:
    query = Template.select(Template.id).where(
        (Template.instance == instance_id) & (Template.shortcut == shortcut.lower())
    )
    if current_id is not None:
        query = query.where(Template.id != current_id)
    return query.exists()


def check_template(
    instance_id: int, data: dict[str, Any], current_id: int | None = None
) -> tuple[list[Problem], dict[str, Any]]:
    """`clean_template` plus the shortcut's uniqueness inside the instance."""
    problems, clean = clean_template(data)
    if clean["shortcut"] and shortcut_taken(instance_id, clean["shortcut"], current_id):
        problems.append(
            Problem(
                "shortcut",
                _("Another message already uses {shortcut}.").format(shortcut=clean["shortcut"]),
            )
        )
    return problems, clean


def canonical_category(instance_id: int, category: str | None) -> str | None:
    """An existing category spelled the same up to case/accents keeps its spelling."""
    if category is None:
        return None
    folded = fold(category)
    for existing in categories(instance_id):
        if fold(existing) == folded:
            return existing
    return category


# --- create / edit / duplicate / delete --------------------------------------------------


def _record(instance: Instance, at, summary: str, details: dict[str, Any]) -> None:
    history.record(instance, at, history.KIND_CONFIG, SECTION_KEY, summary, details)


def create_template(instance: Instance, data: dict[str, Any], clock: Clock) -> Template:
    problems, clean = check_template(instance.id, data)
    raise_if_errors(problems)
    clean["category"] = canonical_category(instance.id, clean["category"])
    now = clock.now()
    with database.atomic():
        versioning.claim(instance)
        template = Template.create(instance=instance, created_at=now, updated_at=now, **clean)
        _record(
            instance,
            now,
            _("Predefined message created: {shortcut} ({title})").format(
                shortcut=template.shortcut, title=template.title
            ),
            {"shortcut": template.shortcut},
        )
    return template


def update_template(
    template: Template, data: dict[str, Any], clock: Clock, loaded_at: datetime | None = None
) -> bool:
    """Save the edited fields; False (nothing written) when nothing changed.

    `loaded_at` is the `updated_at` of the message the page showed: when someone else
    saved or deleted it since, ConflictError is raised and nothing is written.
    """
    problems, clean = check_template(template.instance_id, data, current_id=template.id)
    raise_if_errors(problems)
    clean["category"] = canonical_category(template.instance_id, clean["category"])
    changed = [key for key in FIELDS if getattr(template, key) != clean[key]]
    if not changed:
        return False
    now = clock.now()
    old_shortcut = template.shortcut
    with database.atomic():
        versioning.claim(Instance(id=template.instance_id))
        stored = Template.get_or_none(Template.id == template.id)
        if stored is None or (loaded_at is not None and stored.updated_at != loaded_at):
            raise versioning.ConflictError()
        for key in changed:
            setattr(template, key, clean[key])
        template.updated_at = now
        template.save()
        labels = {
            "title": _("title"),
            "shortcut": _("shortcut"),
            "category": _("category"),
            "content": _("content"),
        }
        _record(
            template.instance,
            now,
            _("Predefined message {shortcut} changed: {fields}").format(
                shortcut=old_shortcut, fields=", ".join(labels[k] for k in changed)
            ),
            {"shortcut": template.shortcut, "changed": changed},
        )
    return True


def copy_title(title: str) -> str:
    suffix = " " + _("(copy)")
    return title[: TITLE_MAX - len(suffix)] + suffix


def free_shortcut(instance_id: int, base: str) -> str:
    """`base` itself when free, else `base-2`, `base-3`, … cut to the maximum length."""
    candidate, n = base, 2
    while shortcut_taken(instance_id, candidate):
        suffix = f"-{n}"
        candidate = base[: 1 + SHORTCUT_MAX - len(suffix)] + suffix
        n += 1
    return candidate


def duplicate_template(template: Template, clock: Clock) -> Template:
    data = {
        "title": copy_title(template.title),
        "shortcut": free_shortcut(template.instance_id, template.shortcut),
        "category": template.category,
        "content": template.content,
    }
    return create_template(template.instance, data, clock)


def delete_template(template: Template, clock: Clock) -> None:
    now = clock.now()
    with database.atomic():
        versioning.claim(Instance(id=template.instance_id))
        _record(
            template.instance,
            now,
            _("Predefined message deleted: {shortcut} ({title})").format(
                shortcut=template.shortcut, title=template.title
            ),
            {"shortcut": template.shortcut},
        )
        template.delete_instance()


# --- reading and searching ---------------------------------------------------------------


def list_rows(instance_id: int) -> list[TemplateRow]:
    """Every template of the instance, sorted by shortcut, as plain tuples (fast at 10k)."""
    query = (
        Template.select(
            Template.id, Template.title, Template.shortcut, Template.category, Template.content
        )
        .where(Template.instance == instance_id)
        .order_by(Template.shortcut)
        .tuples()
    )
    return [TemplateRow(*row) for row in cast(Iterable[tuple], query)]


def get_by_shortcut(instance_id: int, shortcut: str) -> Template | None:
    text = shortcut.strip().lower()
    if not text.startswith("/"):
        text = "/" + text
    return Template.get_or_none((Template.instance == instance_id) & (Template.shortcut == text))


def categories(instance_id: int) -> list[str]:
    query = (
        Template.select(Template.category)
        .distinct()
        .where((Template.instance == instance_id) & Template.category.is_null(False))
        .tuples()
    )
    return sorted((row[0] for row in cast(Iterable[tuple[str]], query)), key=fold)


# --- config section (SPEC §9: `templates`) -------------------------------------------------


def _export_many(instances: Sequence[Instance]) -> dict[int, list[dict[str, Any]]]:
    """Each instance's templates by shortcut, in one query (`atende check` reads them all)."""
    found: dict[int, list[dict[str, Any]]] = {instance.id: [] for instance in instances}
    query = (
        Template.select(Template.instance, *(getattr(Template, key) for key in FIELDS))
        .where(Template.instance.in_(list(found)))
        .order_by(Template.instance, Template.shortcut)
    )
    # Read from the cursor: text columns need no conversion, and Peewee's per-row work
    # would double the time of a check over 50k templates.
    for instance_id, *values in database.execute_sql(*query.sql()):
        found[instance_id].append(dict(zip(FIELDS, values, strict=True)))
    return found


def _export(instance: Instance) -> list[dict[str, Any]]:
    return _export_many([instance])[instance.id]


def _validate(value: Any, path: str, fields: dict[str, Any]) -> list[Problem]:
    if not isinstance(value, list):
        return [Problem(path, _("must be a list"))]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        item_path = f"{path}[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(item_path, _("must be a JSON object")))
            continue
        problems += [
            Problem(f"{item_path}.{key}", _("unknown key"))
            for key in sorted(set(item) - set(FIELDS), key=str)
        ]
        problems += [
            Problem(f"{item_path}.{key}", _("required key is missing"))
            for key in FIELDS
            if key not in item
        ]
        found, clean = clean_template(item, item_path + ".")
        problems += [p for p in found if p.path.rsplit(".", 1)[-1] in item]
        shortcut = clean["shortcut"]
        if shortcut in seen:
            problems.append(
                Problem(
                    f"{item_path}.shortcut",
                    _("repeats the shortcut of {path}").format(path=f"{path}[{seen[shortcut]}]"),
                )
            )
        elif shortcut:
            seen[shortcut] = index
    return problems


def _apply(instance: Instance, value: list[dict[str, Any]], at) -> None:
    """Replace the instance's templates with `value` (already validated), set-based."""
    rows = []
    for item in value:
        _problems, clean = clean_template(item)
        rows.append({**clean, "instance": instance.id, "created_at": at, "updated_at": at})
    Template.delete().where(Template.instance == instance.id).execute()
    for start in range(0, len(rows), 500):
        Template.insert_many(rows[start : start + 500]).execute()


def _check(_instance: Instance, _values: Any = None) -> list[Problem]:
    # Stored templates are validated through `_validate` over the export by `atende check`.
    return []


# Saved one message at a time (no `describe`): the section is for files, copies and checks.
SECTION = Section(
    key=SECTION_KEY,
    title=SECTION_TITLE,
    export=_export,
    validate=_validate,
    apply=_apply,
    check=_check,
    export_many=_export_many,
    check_values=_check,
)
