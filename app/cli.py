"""Command line of SPEC §9. Never imports Qt.

Exit codes: 0 success (warnings allowed), 2 invalid input with nothing written, 1 any other
failure. Errors go to stderr in Portuguese, one per line, as `caminho: mensagem`.
"""

from __future__ import annotations

import argparse
import os
import sys
from zoneinfo import ZoneInfoNotFoundError

from app.commands import (
    chats,
    config,
    connection,
    history,
    render,
    simulate,
    templates,
    watch,
)
from app.commands.base import EXIT_FAILURE, EXIT_OK, CliError, release_use_locks
from app.core.common.log_file import setup_logging, unexpected_failure_text
from app.core.storage.errors import DatabaseOpenError, storage_failure_message
from app.i18n import _, install, translate_argparse
from app.options import GLOBAL_OPTIONS

# Each module defines `register(subparsers)`; its parsers set `func(args) -> int`.
COMMAND_MODULES = (config, chats, watch, history, simulate, render, templates, connection)


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="atende",
        description=_(
            "Atende: the Atendimento settings of your WhatsApp instances. Without a "
            "sub-command, opens the window."
        ),
    )
    for option in GLOBAL_OPTIONS:
        if option.takes_value:
            parser.add_argument(
                f"--{option.name}",
                metavar=_(option.metavar or ""),
                help=_(option.help),
                type=_not_blank,
            )
        else:
            parser.add_argument(f"--{option.name}", action="store_true", help=_(option.help))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _not_blank(value: str) -> str:
    """`--db ""` is a mistake (SPEC §14), not a way to say "the default database"."""
    if not value.strip():
        raise argparse.ArgumentTypeError(_("must not be empty"))
    return value


def main(argv: list[str] | None = None) -> int:
    install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.app import run_gui

        return run_gui(args)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return exc.code
    except DatabaseOpenError as exc:  # its text is already a Portuguese sentence
        print(exc, file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (`atende history | head`): not a failure worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a failure we did not foresee: still no traceback for users
        print(failure_message(exc, args), file=sys.stderr)
        return EXIT_FAILURE
    finally:
        release_use_locks()


def failure_message(exc: Exception, args: argparse.Namespace) -> str:
    """Portuguese for a failure no command caught: a known cause told as such, anything else
    with its details (the exception's own, English, text and traceback) left in the log."""
    known = storage_failure_message(exc)
    if known is not None:
        return known
    if isinstance(exc, ZoneInfoNotFoundError):
        zone = str(exc.args[0] if exc.args else "").rpartition(" ")[2]
        return _(
            "The time zone {zone} of an instance is not known on this computer: update Atende "
            "(or the system's time zone data) and try again."
        ).format(zone=zone or "?")
    logger = setup_logging(stderr_fallback=False)
    return unexpected_failure_text(exc, f"`atende {args.command}`", logger)
