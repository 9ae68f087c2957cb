"""`atende render --instance NAME SHORTCUT [--chat EXTERNAL_ID] [--at ISO]`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from app.commands.base import CliError, open_db
from app.core.common.clock import SystemClock, check_range
from app.core.instances.store import get_by_name
from app.core.storage.models import Chat
from app.core.templates.render import render_template
from app.core.templates.store import get_by_shortcut
from app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help=_("print a predefined message with its variables filled"))
    p.add_argument("--instance", required=True, metavar=_("NAME"), help=_("the instance"))
    p.add_argument("shortcut", metavar=_("SHORTCUT"), help=_("the shortcut, e.g. /ola"))
    p.add_argument(
        "--chat",
        metavar="EXTERNAL_ID",
        help=_("fill the customer's variables from this chat (default: sample data)"),
    )
    p.add_argument(
        "--at",
        metavar="ISO",
        help=_(
            "the moment for saudacao, data and hora (default: now); without an "
            "offset it is read in the instance's time zone"
        ),
    )
    p.set_defaults(func=cmd_render)


def parse_moment(text: str, zone: str) -> datetime:
    """ISO 8601; a moment without an offset is the instance's local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise CliError(
            _("--at: not an ISO 8601 date and time: “{text}” (e.g. 2025-03-14T09:05-03:00)").format(
                text=text
            )
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    try:
        return check_range(moment)
    except ValueError as exc:
        raise CliError(f"--at: {exc}") from exc


def cmd_render(args: argparse.Namespace) -> int:
    open_db(args)
    instance = get_by_name(args.instance)
    if instance is None:
        raise CliError(_("--instance: no instance named “{name}”").format(name=args.instance))
    template = get_by_shortcut(instance.id, args.shortcut)
    if template is None:
        raise CliError(
            _("{path}: {instance} has no predefined message with the shortcut “{shortcut}”").format(
                path=_("shortcut"), instance=instance.name, shortcut=args.shortcut
            )
        )
    chat = None
    if args.chat is not None:
        chat = Chat.get_or_none((Chat.instance == instance.id) & (Chat.external_id == args.chat))
        if chat is None:
            raise CliError(
                _("--chat: {instance} has no chat “{chat}”").format(
                    instance=instance.name, chat=args.chat
                )
            )
    at = parse_moment(args.at, instance.timezone) if args.at else SystemClock().now()
    text = render_template(template, instance, chat, at)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
