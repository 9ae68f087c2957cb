"""Encerramento automático (SPEC §6): the settings, declared once.

Each setting's key (also its JSON key in the config file), type, default, translatable
label and one-line explanation live in `SETTINGS`; the page, the validator, the config
section and `atende check` all read them from here. Which chats are due and how they are
closed is `app.core.watcher.closing`; this module only says what the owner chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.common.clock import Clock
from app.core.common.validation import Problem, check_keys, join_path
from app.core.config import versioning
from app.core.config.section import Section, save_section
from app.core.storage.models import AutoCloseSettings, Instance
from app.core.templates.syntax import normalize_content, validate_content
from app.i18n import N_, _, format_duration, format_unit_count

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
SWITCHES = ("close_assigned_by_operator", "close_started_by_bot_or_workflow")


def setting(key: str) -> Setting:
    return next(s for s in SETTINGS if s.key == key)


# --- the time limit ------------------------------------------------------------------------

TIMEOUT_MIN = 1
TIMEOUT_MAX = 90 * 24 * 60  # 90 days = 129600 minutes


@dataclass(frozen=True)
class Unit:
    key: str
    minutes: int
    babel: str  # Babel's unit name: the unit's words come from Babel, in any locale


UNITS = (Unit("minutes", 1, "minute"), Unit("hours", 60, "hour"), Unit("days", 24 * 60, "day"))
PRESETS = (30, 60, 5 * 60, 12 * 60, 24 * 60, 2 * 24 * 60, 7 * 24 * 60)


def unit(key: str) -> Unit:
    for candidate in UNITS:
        if candidate.key == key:
            return candidate
    raise ValueError(f"unknown unit {key!r}")


def unit_name(unit_key: str, count: int) -> str:
    """The unit's word for `count`, from Babel: "hora" for 1, "horas" for 5."""
    return format_unit_count(count, unit(unit_key).babel).replace(str(count), "", 1).strip()


def to_minutes(value: int, unit_key: str) -> int:
    return int(value) * unit(unit_key).minutes


def split_minutes(minutes: int) -> tuple[int, str]:
    """`300` → (5, "hours"): the biggest unit that divides the value exactly."""
    for candidate in reversed(UNITS):
        if minutes and minutes % candidate.minutes == 0:
            return minutes // candidate.minutes, candidate.key
    return minutes, "minutes"


def preset_labels() -> list[tuple[int, str]]:
    """(minutes, "5 horas") for each preset, written by Babel."""
    return [(minutes, format_duration(minutes)) for minutes in PRESETS]


def timeout_bounds_message() -> str:
    return _("Choose between {min} and {max}.").format(
        min=format_duration(TIMEOUT_MIN), max=format_duration(TIMEOUT_MAX)
    )


# --- reading and validating --------------------------------------------------------------


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SETTINGS}


def get_settings(instance: Instance) -> dict[str, Any]:
    """The stored settings in the JSON shape of SPEC §9 (no row = the defaults, disabled)."""
    row = AutoCloseSettings.get_or_none(AutoCloseSettings.instance == instance.id)
    if row is None:
        return defaults()
    return {
        "enabled": bool(row.enabled),
        "timeout_minutes": int(row.timeout_minutes),
        "close_assigned_by_operator": bool(row.close_assigned_by_operator),
        "close_started_by_bot_or_workflow": bool(row.close_started_by_bot_or_workflow),
        "closing_message": row.closing_message,
    }


def normalize(values: dict[str, Any]) -> dict[str, Any]:
    """Line ends as LF; a blank closing message is no message."""
    clean = dict(values)
    message = clean.get("closing_message")
    if isinstance(message, str):
        message = normalize_content(message)
        clean["closing_message"] = message if message.strip() else None
    return clean


def validate(values: Any, path: str = SECTION_KEY) -> list[Problem]:
    """Every problem of `values` (strict JSON types), and the "nothing will be closed" warning."""
    if not isinstance(values, dict):
        return [Problem(path, _("must be a JSON object"))]
    problems = check_keys(values, set(KEYS), path)
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
    if isinstance(timeout, int) and not isinstance(timeout, bool):
        if not TIMEOUT_MIN <= timeout <= TIMEOUT_MAX:
            problems.append(Problem(join_path(path, "timeout_minutes"), timeout_bounds_message()))
    if values.get("enabled") is True and all(values.get(key) is False for key in SWITCHES):
        problems.append(Problem(path, nothing_closed_warning(), warning=True))
    return problems


def nothing_closed_warning() -> str:
    return _("Automatic closing is on, but both kinds of closing are off: nothing will be closed.")


# --- saving ------------------------------------------------------------------------------


def _write(instance: Instance, values: dict[str, Any]) -> None:
    """Insert or update the instance's row (an upsert both SQLite and PostgreSQL speak)."""
    columns = [getattr(AutoCloseSettings, key) for key in values]
    AutoCloseSettings.insert(instance=instance.id, **values).on_conflict(
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
    return save_section(SECTION, instance, values, clock, expect)


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
    return changes


# --- config section ----------------------------------------------------------------------


def _export(instance: Instance) -> dict[str, Any]:
    return get_settings(instance)


def _validate(value: Any, path: str, fields: dict[str, Any]) -> list[Problem]:
    return validate(value, path)


def _apply(instance: Instance, value: dict[str, Any], at: datetime) -> None:
    _write(instance, normalize(value))


def _check(instance: Instance) -> list[Problem]:
    return [p for p in validate(get_settings(instance)) if p.warning]


SECTION = Section(
    SECTION_KEY, SECTION_TITLE, _export, _validate, _apply, _check, normalize, describe=_describe
)
