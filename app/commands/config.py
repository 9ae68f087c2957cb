"""`atende export`, `atende import`, `atende check`."""

from __future__ import annotations

import argparse
import sys

from app.commands.base import (
    CliError,
    invalid,
    open_db,
    print_warnings,
    read_input_file,
    write_output,
)
from app.core.common.clock import SystemClock
from app.core.common.validation import ValidationError
from app.core.config.checks import check_all
from app.core.config.file_format import dumps, export_config, import_config, parse_text
from app.core.instances.store import get_by_name
from app.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=_("write the configuration as JSON"))
    p.add_argument("--instance", metavar=_("NAME"), help=_("only this instance"))
    p.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to FILE instead of stdout"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=_("read a configuration JSON file (all or nothing)"))
    p.add_argument("file", metavar=_("FILE"))
    p.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the configuration of instances that already exist (chats are kept)"),
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("check", help=_("validate what is stored and print warnings"))
    p.set_defaults(func=cmd_check)


def cmd_export(args: argparse.Namespace) -> int:
    open_db(args)
    names = None
    if args.instance is not None:
        instance = get_by_name(args.instance)
        if instance is None:
            raise CliError(_("--instance: no instance named “{name}”").format(name=args.instance))
        names = [instance.name]
    write_output(args.output, dumps(export_config(names)).encode("utf-8"))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    text = read_input_file(args.file)
    data, problems = parse_text(text)
    if problems:
        raise invalid(problems)
    open_db(args, create=True)  # the one command that may start a new database (SPEC §14)
    try:
        result = import_config(data, SystemClock(), replace=args.replace)
    except ValidationError as exc:
        raise invalid(exc.problems) from exc
    print_warnings(result.warnings)
    for name in result.created:
        print(_("created: {name}").format(name=name))
    for name in result.replaced:
        print(_("replaced: {name}").format(name=name))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    open_db(args)
    problems = check_all()
    print_warnings([p for p in problems if p.warning])
    errors = [p for p in problems if not p.warning]
    for problem in errors:
        print(str(problem), file=sys.stderr)
    if not problems:
        print(_("Everything is in order."))
    return 2 if errors else 0
