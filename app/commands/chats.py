"""`atende chats import FILE.jsonl --instance NAME` and `atende chats list --instance NAME`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from app.commands.base import CliError, invalid, open_db, read_input_file
from app.core.common.validation import ValidationError
from app.core.instances.phones import format_phone
from app.core.instances.store import get_by_name
from app.core.storage.models import from_millis
from app.core.watcher.chat_import import import_lines, import_summary
from app.core.watcher.chat_lines import file_lines, text_lines
from app.core.watcher.chats import chat_as_json, chats_query, label
from app.core.watcher.due import with_deadline
from app.i18n import _, format_datetime


def register(sub: argparse._SubParsersAction) -> None:
    chats = sub.add_parser("chats", help=_("import or list the chats (attendances)"))
    commands = chats.add_subparsers(
        dest="chats_command", metavar=_("COMMAND"), title=_("commands"), required=True
    )

    p = commands.add_parser(
        "import", help=_("insert or update chats from a JSON Lines file (all or nothing)")
    )
    p.add_argument("file", metavar=_("FILE.jsonl"))
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("list", help=_("list an instance's chats"))
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.add_argument("--status", choices=("open", "closed"), help=_("only open or closed chats"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array"))
    p.set_defaults(func=cmd_list)


def input_lines(path: str) -> Iterator[str]:
    """The lines of the chats file (`-`: stdin, read whole within its size limit), streamed;
    an `arquivo` error (exit 2) when the file cannot be read at all."""
    if path == "-":
        return text_lines(read_input_file(path))
    lines, problems = file_lines(path)
    if lines is None:
        raise invalid(problems)
    return lines


def find_instance(name: str):
    """The instance called `name`, or exit 2 (a name that does not exist is invalid input)."""
    instance = get_by_name(name)
    if instance is None:
        raise CliError(_("--instance: no instance named “{name}”").format(name=name))
    return instance


def cmd_import(args: argparse.Namespace) -> int:
    def target():  # once the first chunk of lines is right (`import_lines`)
        open_db(args)
        return find_instance(args.instance)

    try:
        result = import_lines(input_lines(args.file), target)
    except ValidationError as exc:
        raise invalid(exc.problems) from exc
    print(import_summary(result))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    open_db(args)
    instance = find_instance(args.instance)
    query = chats_query(instance, args.status)
    if args.json:
        json.dump([chat_as_json(c) for c in query], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    chats = list(with_deadline(query))
    if not chats:
        print(_("No chats for this instance."))
        return 0
    zone = ZoneInfo(instance.timezone)
    print(format_table(chat_table_header(), [chat_table_row(c, zone) for c in chats]))
    return 0


def chat_table_header() -> list[str]:
    return [
        _("EXTERNAL ID"),
        _("CUSTOMER"),
        _("PHONE"),
        _("STATUS"),
        _("HANDLED BY"),
        _("ASSIGNED VIA"),
        _("OPERATOR"),
        _("CUSTOMER WROTE"),
        _("AGENT WROTE"),
        _("AUTOMATIC CLOSING"),
    ]


def chat_table_row(chat, zone: ZoneInfo) -> list[str]:
    def when(at: datetime | None) -> str:
        return "—" if at is None else format_datetime(at.astimezone(zone))

    if chat.status == "closed":
        closing = _("closed {when} ({by})").format(
            when=when(chat.closed_at), by=label("closed_by", chat.closed_by)
        )
    elif chat.closes_at_ms is not None:
        closing = _("scheduled for {when}").format(when=when(from_millis(chat.closes_at_ms)))
    else:
        closing = "—"
    return [
        chat.external_id,
        chat.customer_name or "—",
        format_phone(chat.phone) if chat.phone else "—",
        label("status", chat.status),
        label("handler", chat.handler),
        label("assigned_via", chat.assigned_via),
        chat.operator_name or "—",
        when(chat.last_customer_message_at),
        when(chat.last_agent_message_at),
        closing,
    ]


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Plain-text columns separated by two spaces, a rule under the header."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])
