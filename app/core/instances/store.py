"""Instances (one WhatsApp number each): validation, create, edit, duplicate, delete."""

from __future__ import annotations

import unicodedata
from typing import Any

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.validation import Problem, first_unprintable, raise_if_errors, too_long
from app.core.config import versioning
from app.core.instances.phones import format_phone, normalize_phone
from app.core.instances.plans import PLANS, plan_label
from app.core.instances.timezones import DEFAULT_TIMEZONE, is_valid_zone
from app.core.storage.db import database
from app.core.storage.models import Instance
from app.i18n import _

NAME_MAX = 60
FIELDS = ("name", "phone", "plan", "timezone")


def validate_fields(
    data: dict[str, Any], *, current_id: int | None = None, prefix: str = "", check_db: bool = True
) -> tuple[list[Problem], dict[str, Any]]:
    """Check name/phone/plan/timezone; returns (problems, normalized values).

    `prefix` is prepended to each path (`instances[0].`) for the config file.
    """
    problems: list[Problem] = []
    clean: dict[str, Any] = {}

    name = data.get("name")
    if not isinstance(name, str):
        problems.append(Problem(prefix + "name", _("must be text")))
    else:
        name = normalize_name(name)
        if not name:
            problems.append(Problem(prefix + "name", _("Enter a name.")))
        elif len(name) > NAME_MAX:
            problems.append(Problem(prefix + "name", too_long(NAME_MAX)))
        elif (position := first_unprintable(name)) is not None:
            problems.append(
                Problem(
                    prefix + "name",
                    _("Remove the invisible control character at position {position}.").format(
                        position=position + 1
                    ),
                )
            )
        elif check_db and name_taken(name, current_id):
            problems.append(Problem(prefix + "name", name_taken_message(name)))
        else:
            clean["name"] = name

    phone = data.get("phone")
    if not isinstance(phone, str):
        problems.append(Problem(prefix + "phone", _("must be text")))
    elif not phone.strip():
        problems.append(Problem(prefix + "phone", _("Enter the WhatsApp number.")))
    else:
        e164 = normalize_phone(phone)
        if e164 is None:
            problems.append(
                Problem(
                    prefix + "phone",
                    _("Not a valid Brazilian phone number. Example: (11) 91234-5678"),
                )
            )
        else:
            clean["phone"] = e164

    plan = data.get("plan")
    if plan not in PLANS:
        problems.append(
            Problem(
                prefix + "plan",
                _("Unknown plan; use one of: {plans}").format(plans=", ".join(PLANS)),
            )
        )
    else:
        clean["plan"] = plan

    zone = data.get("timezone", DEFAULT_TIMEZONE)
    if not isinstance(zone, str) or not is_valid_zone(zone.strip()):
        problems.append(
            Problem(prefix + "timezone", _("Unknown time zone. Example: America/Sao_Paulo"))
        )
    else:
        clean["timezone"] = zone.strip()
    return problems, clean


def normalize_name(name: str) -> str:
    """A name as stored: spaces collapsed, Unicode composed (NFC), so "José" typed with a
    combining accent and "José" typed with é are one name, not two that look the same."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def name_key(name: str) -> str:
    """What two names must share to be the same instance (spaces, case, Unicode form)."""
    return unicodedata.normalize("NFC", normalize_name(name).casefold())


def name_taken_message(name: str) -> str:
    return _("An instance named “{name}” already exists.").format(name=name)


def name_taken(name: str, current_id: int | None = None) -> bool:
    key = name_key(name)
    query = Instance.select(Instance.id, Instance.name)
    if current_id is not None:
        query = query.where(Instance.id != current_id)
    return any(name_key(row.name) == key for row in query)


def list_instances() -> list[Instance]:
    return list(Instance.select().order_by(Instance.name))


def get_by_name(name: str) -> Instance | None:
    key = name_key(name)
    for instance in Instance.select():
        if name_key(instance.name) == key:
            return instance
    return None


def create_instance(data: dict[str, Any], clock: Clock) -> Instance:
    problems, clean = validate_fields(data)
    raise_if_errors(problems)
    now = clock.now()
    with database.atomic():
        instance = Instance.create(
            **clean,
            prioritize_attendance=bool(data.get("prioritize_attendance", False)),
            created_at=now,
            updated_at=now,
        )
        history.record_instance_event(
            instance,
            now,
            _("Instance created: {name}").format(name=instance.name),
        )
    return instance


IDENTITY_FIELDS = ("name", "phone", "plan", "timezone")


def update_instance(instance: Instance, data: dict[str, Any], clock: Clock) -> list[str]:
    """Save the edited fields; returns the Portuguese descriptions of what changed.

    `instance` is what the editor showed. If someone else changed these fields since (another
    desk, a command), nothing is written: versioning.ConflictError, as for the pages (a
    deleted instance too). Another desk's save of a page of this instance is not a conflict.
    The window edits through `app.core.config.identity.edit_instance`, which also moves
    what depends on the zone.
    """
    problems, clean = validate_fields(data, current_id=instance.id)
    raise_if_errors(problems)
    changes = _describe_changes(instance, clean)
    if not changes:
        return []
    now = clock.now()
    shown = {key: getattr(instance, key) for key in IDENTITY_FIELDS}
    version = instance.config_version
    try:
        with database.atomic():
            versioning.claim(instance)  # locks the row: what is read next stays until commit
            stored = Instance.get_by_id(instance.id)
            if {key: getattr(stored, key) for key in IDENTITY_FIELDS} != shown:
                raise versioning.ConflictError(
                    _("Someone else changed this instance meanwhile. Nothing was saved.")
                )
            # Only these columns: another desk's save of a page (on this row) must survive.
            Instance.update(**clean, updated_at=now).where(Instance.id == instance.id).execute()
            for key, value in {**clean, "updated_at": now}.items():
                setattr(stored, key, value)
            history.record_instance_event(
                stored,
                now,
                "; ".join(changes),
                {k: clean[k] for k in clean},
            )
    except Exception:
        instance.config_version = version  # rolled back: the caller's copy stays as shown
        raise
    for key, value in {**clean, "updated_at": now}.items():  # committed: now it is so
        setattr(instance, key, value)
    return changes


def _describe_changes(instance: Instance, clean: dict[str, Any]) -> list[str]:
    labels = {
        "name": _("Name"),
        "phone": _("Phone"),
        "plan": _("Plan"),
        "timezone": _("Time zone"),
    }
    shown = {"phone": format_phone, "plan": plan_label}
    changes = []
    for key in FIELDS:
        old, new = getattr(instance, key), clean[key]
        if old != new:
            show = shown.get(key, str)
            changes.append(f"{labels[key]}: {show(old)} → {show(new)}")
    return changes


def unique_copy_name(name: str) -> str:
    base = _("{name} (copy)").format(name=name)
    candidate, n = base[:NAME_MAX], 2
    while name_taken(candidate):
        suffix = f" {n}"
        candidate = base[: NAME_MAX - len(suffix)] + suffix
        n += 1
    return candidate


def delete_instance(instance: Instance, clock: Clock) -> None:
    """Delete the instance with its chats and templates (foreign keys cascade).

    The history keeps its events (with the instance's name) and one more saying so.
    """
    now = clock.now()
    with database.atomic():
        history.record_instance_event(
            instance,
            now,
            _("Instance deleted: {name}").format(name=instance.name),
        )
        instance.delete_instance()
