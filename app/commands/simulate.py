"""`atende simulate`: the automatic-message decision of SPEC §7 at a given moment."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from app.commands.base import CliError, open_db
from app.core.common.clock import check_range
from app.core.instances.store import get_by_name
from app.core.schedule.decision import decide
from app.i18n import _, format_datetime


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate",
        help=_("show whether an automatic message would be sent, deferred or suppressed"),
    )
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.add_argument(
        "--at",
        metavar="ISO",
        required=True,
        help=_("the moment, ISO 8601 with offset, e.g. 2025-04-21T10:00:00-03:00"),
    )
    p.add_argument(
        "--in-progress", action="store_true", help=_("the customer's attendance is in progress")
    )
    p.add_argument("--json", action="store_true", help=_("print a JSON object"))
    p.set_defaults(func=cmd_simulate)


def parse_instant(text: str, option: str) -> datetime:
    """An ISO 8601 instant with its offset, or an invalid-input error naming `option`."""
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CliError(
            _("{option}: not an ISO 8601 date and time: “{text}”").format(option=option, text=text)
        ) from exc
    if at.tzinfo is None:
        raise CliError(
            _(
                "{option}: give the offset or Z, e.g. 2025-04-21T10:00:00-03:00 (a time without "
                "a zone is ambiguous)"
            ).format(option=option)
        )
    try:
        return check_range(at)
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from exc


def cmd_simulate(args: argparse.Namespace) -> int:
    at = parse_instant(args.at, "--at")
    open_db(args)
    instance = get_by_name(args.instance)
    if instance is None:
        raise CliError(_("--instance: no instance named “{name}”").format(name=args.instance))
    decision = decide(instance, at, args.in_progress)
    if args.json:
        json.dump(decision.as_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(_("Decision: {decision}").format(decision=_decision_label(decision.decision)))
    print(_("Reason: {reason}").format(reason=decision.reason))
    if decision.next_opening is not None:
        zone = ZoneInfo(instance.timezone)
        print(
            _("Next opening: {when} ({zone})").format(
                when=format_datetime(decision.next_opening.astimezone(zone)), zone=instance.timezone
            )
        )
    return 0


def _decision_label(decision: str) -> str:
    return {"send": _("send"), "defer": _("defer (wait)"), "suppress": _("suppress (do not send)")}[
        decision
    ]
