"""Priorizar atendimento: no automatic message while a customer's attendance is open.

The plan rule lives here, not in the page: on Básico the stored choice is kept but is not
effective, so a downgrade (or an imported config) never loses the owner's choice and never
suppresses a message until the plan allows it again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.core import history, versioning
from app.core.clock import Clock
from app.core.models import Instance
from app.core.plans import allows_prioritize, plan_label
from app.core.sections import Section
from app.core.validation import Problem
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


def save(
    instance: Instance, enabled: bool, clock: Clock, expect: versioning.Expectation | None = None
) -> bool:
    """Store the switch; returns False (and writes nothing) when it did not change.

    Raises ConflictError (nothing written) when `expect` says the page is out of date.
    """
    if bool(instance.prioritize_attendance) == bool(enabled):
        return False
    now = clock.now()
    with Instance._meta.database.atomic():
        versioning.claim(instance, expect)
        instance.prioritize_attendance = bool(enabled)
        instance.updated_at = now
        instance.save(only=[Instance.prioritize_attendance, Instance.updated_at])
        summary = (
            _("Prioritize attendance turned on")
            if enabled
            else _("Prioritize attendance turned off")
        )
        if enabled and not allows_prioritize(instance.plan):
            summary += " — " + _("not effective on the current plan")
        history.record(
            instance, now, history.KIND_CONFIG, SECTION_KEY, summary, {"enabled": bool(enabled)}
        )
    return True


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
    instance.prioritize_attendance = value


def _check(instance: Instance) -> list[Problem]:
    if stored_but_not_effective(instance):
        return [Problem(SECTION_KEY, not_effective_warning(instance.plan), warning=True)]
    return []


SECTION = Section(SECTION_KEY, SECTION_TITLE, _export, _validate, _apply, _check)
