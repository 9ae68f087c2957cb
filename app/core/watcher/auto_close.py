"""Encerramento automático (SPEC §6): the settings, declared once.

Each setting's key (also its JSON key in the config file), type, default, translatable
label and one-line explanation live in `SETTINGS`; the page, the validator, the config
section and `atende check` all read them from here. Which chats are due and how they are
closed is `app.core.watcher.closing`; this module only says what the owner chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.common.clock import Clock
from app.core.common.validation import Problem, check_keys, join_path
from app.core.config import versioning
from app.core.config.section import Section, save_section
from app.core.schedule.agenda import agenda_from_values
from app.core.schedule.store import SECTION_KEY as SCHEDULE_KEY
from app.core.schedule.store import load_agenda
from app.core.storage.models import AutoCloseSettings, Instance
from app.core.templates.syntax import normalize_content, validate_content
from app.core.watcher import closing_options, deadlines
from app.core.watcher.time_limit import (  # the page reads these from here too
    PRESETS,  # noqa: F401
    UNITS,  # noqa: F401
    Unit,  # noqa: F401
    in_bounds,
    preset_labels,  # noqa: F401
    split_minutes,  # noqa: F401
    timeout_bounds_message,
    to_minutes,  # noqa: F401
    unit,  # noqa: F401
    unit_name,  # noqa: F401
)
from app.i18n import N_, _, format_duration

SECTION_KEY = "auto_close"
SECTION_TITLE = N_("Automatic closing")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type  # bool, int or str (str settings may be None)
    default: Any
    label: str  # N_()-marked
    explanation: str  # N_()-marked


SETTINGS = (
    Setting(
        "enabled",
        bool,
        False,
        N_("Close inactive attendances automatically"),
        N_(
            "When on, the attendance is closed automatically if the customer does not "
            "answer within the time limit."
        ),
    ),
    Setting(
        "timeout_minutes",
        int,
        60,
        N_("Time limit"),
        N_(
            "How long after the last message of the attendant, without an answer from "
            "the customer, the attendance is closed."
        ),
    ),
    Setting(
        "close_assigned_by_operator",
        bool,
        True,
        N_("Close human attendance assigned by another operator"),
        N_(
            "Human attendances assigned to other operators are closed automatically when "
            "they reach the time limit."
        ),
    ),
    Setting(
        "close_started_by_bot_or_workflow",
        bool,
        False,
        N_("Close human attendance assigned by chatbot or workflow"),
        N_(
            "Human attendances started by a chatbot or workflow are finished "
            "automatically after the time limit."
        ),
    ),
    Setting(
        "closing_message",
        str,
        None,
        N_("Closing message (optional)"),
        N_(
            "Recorded as sent to the customer when the attendance is closed. You can use "
            "variables such as {{nome}} and {{protocolo}}."
        ),
    ),
)
KEYS = tuple(s.key for s in SETTINGS)
# With SPEC §12's `count` and `warning` (`closing_options`): every key of the section.
ALL_KEYS = KEYS + closing_options.KEYS
SWITCHES = ("close_assigned_by_operator", "close_started_by_bot_or_workflow")


def setting(key: str) -> Setting:
    return next(s for s in SETTINGS if s.key == key)


# --- reading and validating --------------------------------------------------------------


def defaults() -> dict[str, Any]:
    return {**{s.key: s.default for s in SETTINGS}, **closing_options.DEFAULTS}


def get_settings(instance: Instance) -> dict[str, Any]:
    """The stored settings in the JSON shape of SPEC §9 (no row = the defaults, disabled)."""
    return _values(AutoCloseSettings.get_or_none(AutoCloseSettings.instance == instance.id))


def _settings_of(instances: Sequence[Instance]) -> dict[int, dict[str, Any]]:
    """`get_settings` of each instance, in one query (`atende check`)."""
    rows = AutoCloseSettings.select().where(
        AutoCloseSettings.instance.in_([i.id for i in instances])
    )
    by_id = {row.instance_id: row for row in rows}  # type: ignore[attr-defined]  # FK id
    return {i.id: _values(by_id.get(i.id)) for i in instances}


def _values(row: AutoCloseSettings | None) -> dict[str, Any]:
    if row is None:
        return defaults()
    return {
        "enabled": bool(row.enabled),
        "timeout_minutes": int(row.timeout_minutes),
        "close_assigned_by_operator": bool(row.close_assigned_by_operator),
        "close_started_by_bot_or_workflow": bool(row.close_started_by_bot_or_workflow),
        "closing_message": row.closing_message,
        **closing_options.from_row(row),
    }


def normalize(values: dict[str, Any]) -> dict[str, Any]:
    """Line ends as LF; a blank closing message is no message."""
    clean = dict(values)
    message = clean.get("closing_message")
    if isinstance(message, str):
        message = normalize_content(message)
        clean["closing_message"] = message if message.strip() else None
    return closing_options.normalize(clean)


def validate(values: Any, path: str = SECTION_KEY, *, strict: bool = False) -> list[Problem]:
    """Every problem of `values` (strict JSON types), and the "nothing will be closed" warning.

    `strict` (the config file): every key required. Otherwise `count` and `warning` may be
    absent (a page that does not show them yet) and count as their defaults.
    """
    if not isinstance(values, dict):
        return [Problem(path, _("must be a JSON object"))]
    if not strict:
        values = {**closing_options.DEFAULTS, **values}
    problems = check_keys(values, set(ALL_KEYS), path)
    for spec in SETTINGS:
        if spec.key not in values:
            continue
        value, where = values[spec.key], join_path(path, spec.key)
        if spec.kind is bool and not isinstance(value, bool):
            problems.append(Problem(where, _("must be true or false")))
        elif spec.kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            problems.append(Problem(where, _("must be an integer")))
        elif spec.kind is str and value is not None:
            problems += validate_content(
                normalize_content(value) if isinstance(value, str) else value, where, required=False
            )
    timeout = values.get("timeout_minutes")
    if isinstance(timeout, int) and not isinstance(timeout, bool) and not in_bounds(timeout):
        problems.append(Problem(join_path(path, "timeout_minutes"), timeout_bounds_message()))
    problems += closing_options.validate(values, path)
    if values.get("enabled") is True and all(values.get(key) is False for key in SWITCHES):
        problems.append(Problem(path, nothing_closed_warning(), warning=True))
    return problems


def nothing_closed_warning() -> str:
    return _("Automatic closing is on, but both kinds of closing are off: nothing will be closed.")


# --- saving ------------------------------------------------------------------------------


def _write(instance: Instance, values: dict[str, Any]) -> None:
    """Insert or update the instance's row (an upsert both SQLite and PostgreSQL speak)."""
    row = {key: values[key] for key in KEYS} | closing_options.to_row(values)
    columns = [getattr(AutoCloseSettings, key) for key in row]
    AutoCloseSettings.insert(instance=instance.id, **row).on_conflict(
        conflict_target=[AutoCloseSettings.instance], preserve=columns
    ).execute()


def save(
    instance: Instance,
    values: dict[str, Any],
    clock: Clock,
    expect: versioning.Expectation | None = None,
) -> bool:
    """Validate and store the settings with one history event; False when nothing changed.

    Raises ValidationError (and writes nothing) when `values` has errors, ConflictError
    (nothing written) when `expect` says the page is out of date.
    """
    # Keys the caller does not show (`count`, `warning` on an older page) keep their values.
    return save_section(SECTION, instance, {**get_settings(instance), **values}, clock, expect)


def _describe(instance: Instance, old: dict[str, Any], new: dict[str, Any]):
    changes = "; ".join(describe_changes(old, new))
    return _("Automatic closing: {changes}").format(changes=changes), {"before": old, "after": new}


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed, in Portuguese, for the history ("tempo limite: 1 hora → 5 horas")."""
    changes = []
    if old["enabled"] != new["enabled"]:
        changes.append(_("turned on") if new["enabled"] else _("turned off"))
    if old["timeout_minutes"] != new["timeout_minutes"]:
        changes.append(
            _("time limit: {old} → {new}").format(
                old=format_duration(old["timeout_minutes"]),
                new=format_duration(new["timeout_minutes"]),
            )
        )
    for key in SWITCHES:
        if old[key] != new[key]:
            label = _(setting(key).label)
            changes.append(
                (_("“{label}” on") if new[key] else _("“{label}” off")).format(label=label)
            )
    if old["closing_message"] != new["closing_message"]:
        if old["closing_message"] is None:
            changes.append(_("closing message set"))
        elif new["closing_message"] is None:
            changes.append(_("closing message removed"))
        else:
            changes.append(_("closing message changed"))
    return changes + closing_options.describe_changes(old, new)


# --- config section ----------------------------------------------------------------------


def _export(instance: Instance) -> dict[str, Any]:
    return get_settings(instance)


def _validate(value: Any, path: str, fields: dict[str, Any]) -> list[Problem]:
    return validate(value, path, strict=True)


def _apply(instance: Instance, value: dict[str, Any], at: datetime) -> None:
    """Store the settings; the chats' deadlines follow in the same transaction (the
    triggers for calendar time, `deadlines` for business hours)."""
    _write(instance, normalize(value))
    deadlines.recompute(instance, load_agenda(instance))


def _check(instance: Instance) -> list[Problem]:
    return _warnings(get_settings(instance), load_agenda(instance))


def _check_values(instance: Instance, values: dict[str, Any]) -> list[Problem]:
    agenda = agenda_from_values(values[SCHEDULE_KEY], instance.timezone)
    return _warnings(values[SECTION_KEY], agenda)


def _warnings(values: dict[str, Any], agenda) -> list[Problem]:  # `check` from values read
    problems = [p for p in validate(values) if p.warning]
    return problems + closing_options.horizon_warning(values, agenda, SECTION_KEY)


SECTION = Section(
    SECTION_KEY,
    SECTION_TITLE,
    _export,
    _validate,
    _apply,
    _check,
    normalize,
    describe=_describe,
    export_many=_settings_of,
    check_values=_check_values,
)
