"""`atende history [--instance NAME] [--json]`: configuration changes, automatic closures
and the warnings before closing.

Newest first. Times are shown in the instance's time zone (São Paulo's when the instance was
deleted since); `--json` gives UTC instants, and each event's `message`: the closing or
warning message as the customer got it, variables filled (null for other events).
"""

from __future__ import annotations

import argparse
import json
import sys
from zoneinfo import ZoneInfo

from app.commands.base import open_db
from app.commands.chats import find_instance
from app.core.audit import history
from app.core.audit.history import event_as_json, events
from app.core.storage.models import Instance
from app.core.watcher.messages_sent import message_sent
from app.i18n import N_, _, format_datetime

KIND_LABELS = {
    history.KIND_CONFIG: N_("configuration change"),
    history.KIND_AUTO_CLOSE: N_("automatic closure"),
    history.KIND_AUTO_CLOSE_WARNING: N_("closing warning"),
    history.KIND_PLATFORM: N_("Chatwoot"),
    history.KIND_INSTANCE: N_("instance event"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "history", help=_("show configuration changes and automatic closures, newest first")
    )
    p.add_argument("--instance", metavar=_("NAME"), help=_("only this instance"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array"))
    p.set_defaults(func=cmd_history)


def cmd_history(args: argparse.Namespace) -> int:
    open_db(args)
    instance = find_instance(args.instance) if args.instance is not None else None
    query = events(instance)
    zones = _zones()
    if args.json:
        data = [{**event_as_json(e), "message": message_sent(e, _zone(zones, e))} for e in query]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    empty = True
    for event in query:
        empty = False
        for line in describe_event(event, _zone(zones, event)):
            print(line)
    if empty:
        print(_("The history is empty."))
    return 0


_DEFAULT_ZONE = "America/Sao_Paulo"


def _zones() -> dict[int, str]:
    return dict(Instance.select(Instance.id, Instance.timezone).tuples())


def _zone(zones: dict[int, str], event) -> str:
    return zones.get(event.instance_id, _DEFAULT_ZONE)


def describe_event(event, zone: str) -> list[str]:
    """A history event as text: a heading line, then indented details for closures."""
    when = format_datetime(event.at.astimezone(ZoneInfo(zone)))
    kind = _(KIND_LABELS.get(event.kind, event.kind))
    lines = [f"{when}  {event.instance_name}  [{kind}]  {event.summary}"]
    details = event.details or {}
    if event.chat_external_id is not None:
        customer = details.get("customer_name")
        chat = event.chat_external_id + (f" — {customer}" if customer else "")
        lines.append("    " + _("chat: {chat}").format(chat=chat))
    if event.kind == history.KIND_AUTO_CLOSE_WARNING:
        text = (message_sent(event, zone) or "").replace("\n", "\n      ")
        lines.append("    " + _("warning recorded as sent: {message}").format(message=f"“{text}”"))
    if event.kind == "auto_close":
        message = message_sent(event, zone)
        if message:
            text = message.replace("\n", "\n      ")
            lines.append(
                "    "
                + _("closing message recorded as sent: {message}").format(message=f"“{text}”")
            )
        else:
            lines.append("    " + _("no closing message configured"))
    return lines
