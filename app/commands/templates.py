"""`atende templates import|export` — the predefined messages of an instance as CSV."""

from __future__ import annotations

import argparse

from app.commands.base import CliError, invalid, open_db, print_warnings, write_output
from app.core.common.clock import SystemClock
from app.core.common.files import read_bytes, read_stdin
from app.core.common.validation import ValidationError
from app.core.instances.store import get_by_name
from app.core.templates.csv_file import export_csv, import_csv
from app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("templates", help=_("import or export predefined messages as CSV"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    q = actions.add_parser(
        "import", help=_("create or update predefined messages from a CSV file (all or nothing)")
    )
    q.add_argument("file", metavar=_("FILE"))
    q.add_argument("--instance", required=True, metavar=_("NAME"), help=_("the instance"))
    q.set_defaults(func=cmd_import)

    q = actions.add_parser("export", help=_("write the predefined messages as CSV"))
    q.add_argument("--instance", required=True, metavar=_("NAME"), help=_("the instance"))
    q.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to FILE instead of stdout"))
    q.set_defaults(func=cmd_export)


def _instance(args: argparse.Namespace):
    open_db(args)
    instance = get_by_name(args.instance)
    if instance is None:
        raise CliError(_("--instance: no instance named “{name}”").format(name=args.instance))
    return instance


def cmd_import(args: argparse.Namespace) -> int:
    data, problems = read_stdin() if args.file == "-" else read_bytes(args.file)
    if data is None:
        raise invalid(problems)
    instance = _instance(args)
    try:
        result = import_csv(instance, data, SystemClock())
    except ValidationError as exc:
        raise invalid(exc.problems) from exc
    print_warnings(result.warnings)
    print(
        _("{created} new, {updated} updated, {unchanged} unchanged").format(
            created=result.created, updated=result.updated, unchanged=result.unchanged
        )
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    write_output(args.output, export_csv(_instance(args).id))
    return 0
