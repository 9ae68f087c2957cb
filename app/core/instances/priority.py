"""Priorizar atendimento: no automatic message while a customer's attendance is open.

The plan rule lives here, not in the page: on Básico the stored choice is kept but is not
effective, so a downgrade (or an imported config) never loses the owner's choice and never
suppresses a message until the plan allows it again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.core.common.clock import Clock
from app.core.common.validation import Problem
from app.core.config import versioning
from app.core.config.section import Section, save_section
from app.core.instances.plans import allows_prioritize, plan_label
from app.core.storage.models import Instance
from app.i18n import N_, _

SECTION_KEY = "prioritize_attendance"
SECTION_TITLE = N_("Prioritize attendance")


def is_effective(instance: Instance) -> bool:
    """Whether automatic messages are really held back for customers in attendance."""
    return bool(instance.prioritize_attendance) and allows_prioritize(instance.plan)


def stored_but_not_effective(instance: Instance) -> bool:
    return bool(instance.prioritize_attendance) and not allows_prioritize(instance.plan)


def not_effective_warning(plan: str) -> str:
    return _(
        "Prioritize attendance is on but the {plan} plan does not include it: the choice is "
        "kept, and it takes effect when the plan is Intermediate or Advanced."
    ).format(plan=plan_label(plan))


def plan_change_warning(instance: Instance | None, plan: str) -> str | None:
    """What the instance dialog says before saving `plan` when it stops the instance's
    Priorizar atendimento (on, and effective on its current plan); None otherwise."""
    if instance is None or not is_effective(instance) or allows_prioritize(plan):
        return None
    return _(
        "On the {plan} plan, Prioritize attendance stops: automatic messages are sent even "
        "during an attendance. The choice is kept and takes effect again when the plan is "
        "Intermediate or Advanced."
    ).format(plan=plan_label(plan))


def save(
    instance: Instance, enabled: bool, clock: Clock, expect: versioning.Expectation | None = None
) -> bool:
    """Store the switch; returns False (and writes nothing) when it did not change.

    Raises ConflictError (nothing written) when `expect` says the page is out of date.
    """
    return save_section(SECTION, instance, bool(enabled), clock, expect)


def _describe(instance: Instance, before: bool, after: bool) -> tuple[str, dict[str, Any]]:
    if after:
        summary = _("Prioritize attendance turned on")
        if not allows_prioritize(instance.plan):
            summary += " — " + _("not effective on the current plan")
    else:
        summary = _("Prioritize attendance turned off")
    return summary, {"enabled": after}


# --- config section ----------------------------------------------------------------------


def _export(instance: Instance) -> bool:
    return bool(instance.prioritize_attendance)


def _validate(value: Any, path: str, fields: dict[str, Any]) -> list[Problem]:
    if not isinstance(value, bool):
        return [Problem(path, _("must be true or false"))]
    if value and fields.get("plan") and not allows_prioritize(fields["plan"]):
        return [Problem(path, not_effective_warning(fields["plan"]), warning=True)]
    return []


def _apply(instance: Instance, value: bool, at: datetime) -> None:
    Instance.update(prioritize_attendance=value).where(Instance.id == instance.id).execute()
    instance.prioritize_attendance = value


def _check(instance: Instance) -> list[Problem]:
    if stored_but_not_effective(instance):
        return [Problem(SECTION_KEY, not_effective_warning(instance.plan), warning=True)]
    return []


SECTION = Section(
    SECTION_KEY, SECTION_TITLE, _export, _validate, _apply, _check, bool, describe=_describe
)
