"""The two options of Encerramento automático v2 (SPEC §12): how time counts, the warning.

In the config file (version 2) and the settings value, inside `auto_close`:
`"count": "calendar" | "business_hours"` and
`"warning": null | {"minutes_before": 10, "message": "..."}`. Stored as the columns
`count_mode`, `warning_minutes_before` and `warning_message` (both NULL: no warning).
`auto_close` folds these into its settings; this module validates, stores and describes
them.
"""

from __future__ import annotations

from typing import Any

from app.core.common.validation import Problem, check_keys, join_path
from app.core.schedule.agenda import Agenda
from app.core.schedule.open_time import HORIZON_DAYS, BeyondHorizon
from app.core.storage.models import AutoCloseSettings
from app.core.templates.syntax import normalize_content, validate_content
from app.core.watcher.deadlines import BUSINESS_HOURS, CALENDAR
from app.i18n import N_, _, format_duration

COUNTS = {
    CALENDAR: N_("Count all the time (calendar)"),
    BUSINESS_HOURS: N_("Count only business hours"),
}
WARNING_KEYS = ("minutes_before", "message")
DEFAULTS: dict[str, Any] = {"count": CALENDAR, "warning": None}
KEYS = tuple(DEFAULTS)


def from_row(row: AutoCloseSettings) -> dict[str, Any]:
    warning = None
    if row.warning_minutes_before is not None:
        before, message = int(row.warning_minutes_before), row.warning_message
        warning = {"minutes_before": before, "message": message}
    return {"count": row.count_mode, "warning": warning}


def to_row(values: dict[str, Any]) -> dict[str, Any]:
    """The columns of a *valid* value."""
    warning = values["warning"]
    return {
        "count_mode": values["count"],
        "warning_minutes_before": warning["minutes_before"] if warning else None,
        "warning_message": warning["message"] if warning else None,
    }


def normalize(values: dict[str, Any]) -> dict[str, Any]:
    """The warning message's line ends as LF (like the closing message)."""
    warning = values.get("warning")
    if isinstance(warning, dict) and isinstance(warning.get("message"), str):
        return {**values, "warning": {**warning, "message": normalize_content(warning["message"])}}
    return values


def validate(values: dict[str, Any], path: str) -> list[Problem]:
    """Problems of `count` and `warning` (present keys only; `auto_close` checks presence)."""
    problems: list[Problem] = []
    count = values.get("count", CALENDAR)
    if not isinstance(count, str) or count not in COUNTS:
        problems.append(
            Problem(
                join_path(path, "count"),
                _("must be one of: {values}").format(values=", ".join(COUNTS)),
            )
        )
    warning = values.get("warning")
    if warning is None:
        return problems
    where = join_path(path, "warning")
    if not isinstance(warning, dict):
        return problems + [Problem(where, _("must be null or a JSON object"))]
    problems += check_keys(warning, set(WARNING_KEYS), where)
    before = warning.get("minutes_before")
    if "minutes_before" in warning:
        problems += _check_before(before, values.get("timeout_minutes"), where)
    if "message" in warning:
        message = warning["message"]
        problems += validate_content(
            normalize_content(message) if isinstance(message, str) else message,
            join_path(where, "message"),
            required=True,
        )
    return problems


def _check_before(before: Any, timeout: Any, where: str) -> list[Problem]:
    path = join_path(where, "minutes_before")
    if not isinstance(before, int) or isinstance(before, bool):
        return [Problem(path, _("must be an integer"))]
    if not isinstance(timeout, int) or isinstance(timeout, bool):
        return []  # the time limit has its own problem
    if timeout < 2:
        return [Problem(path, _("The time limit is too short for a warning before it."))]
    if not 1 <= before <= timeout - 1:
        return [
            Problem(
                path,
                _(
                    "Choose between {min} and {max}: the warning comes before the time limit."
                ).format(min=format_duration(1), max=format_duration(timeout - 1)),
            )
        ]
    return []


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed, in Portuguese, for the history line."""
    changes = []
    if old["count"] != new["count"]:
        choice = COUNTS[new["count"]]  # N_()-marked; a literal inside _() would be extracted
        changes.append(_("counting: {choice}").format(choice=_(choice).lower()))
    before, after = old["warning"], new["warning"]
    if before != after:
        if before is None:
            changes.append(
                _("warning {time} before closing set").format(
                    time=format_duration(after["minutes_before"])
                )
            )
        elif after is None:
            changes.append(_("warning before closing removed"))
        else:
            changes.append(_("warning before closing changed"))
    return changes


def warnings_on_anywhere() -> bool:
    """Whether any instance with auto-close on has a warning before closing (one query)."""
    return (
        AutoCloseSettings.select()
        .where(
            (AutoCloseSettings.enabled == True)  # noqa: E712 (SQL, not Python)
            & AutoCloseSettings.warning_minutes_before.is_null(False)
        )
        .exists()
    )


def horizon_warning(values: dict[str, Any], agenda: Agenda, path: str) -> list[Problem]:
    """Business hours with a time limit the agenda cannot hold within the horizon: such
    chats would never be closed, so say it (`atende check`, the page)."""
    if not values["enabled"] or values["count"] != BUSINESS_HOURS or not agenda.enabled:
        return []
    open_minutes = agenda.weekly_minutes() * HORIZON_DAYS // 7  # holidays aside
    if open_minutes >= values["timeout_minutes"]:
        return []
    message = str(BeyondHorizon(values["timeout_minutes"], open_minutes, HORIZON_DAYS))
    return [Problem(join_path(path, "count"), message, warning=True)]
