"""Command line of SPEC §9. Never imports Qt.

Exit codes: 0 success (warnings allowed), 2 invalid input with nothing written, 1 any other
failure. Errors go to stderr in Portuguese, one per line, as `caminho: mensagem`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable

from app.core.common.validation import Problem
from app.i18n import _, install, translate_argparse

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2

# Each module defines `register(subparsers)`; its parsers set `func(args) -> int`.
COMMAND_MODULES = (
    "app.commands.config",
    "app.commands.chats",
    "app.commands.watch",
    "app.commands.history",
    "app.commands.simulate",
    "app.commands.render",
    "app.commands.templates",
)


class CliError(Exception):
    """Stops a command: `lines` go to stderr, `code` is the exit status."""

    def __init__(self, lines: Iterable[str] | str, code: int = EXIT_INVALID) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        self.code = code
        super().__init__("\n".join(self.lines))


def invalid(problems: Iterable[Problem]) -> CliError:
    return CliError([str(p) for p in problems], EXIT_INVALID)


def print_warnings(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(_("warning: {problem}").format(problem=problem), file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    translate_argparse()
    parser = argparse.ArgumentParser(
        prog="atende",
        description=_(
            "Atende: the Atendimento settings of your WhatsApp instances. Without a "
            "sub-command, opens the window."
        ),
    )
    parser.add_argument(
        "--db",
        metavar=_("PATH"),
        help=_(
            "database file, or postgresql:// URL of a shared server (wins over "
            "ATENDE_DATABASE_URL and ATENDE_DB; default: the application data folder)"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("fill an empty database with example instances before opening the window"),
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help=_(
            "start in the system tray, or minimized without one (used when Atende "
            "starts with the system)"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def open_db(args: argparse.Namespace):
    """Open the database named by `--db`/`ATENDE_DB`, or stop with exit 1."""
    from app.core.storage.db import DatabaseOpenError, UnwritableDatabaseError, open_database
    from app.core.storage.restore import recovery_hint
    from app.paths import resolve_db_path

    path = resolve_db_path(args.db)
    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        hint = "" if isinstance(exc, UnwritableDatabaseError) else recovery_hint(path)
        raise CliError(" ".join(filter(None, [str(exc), hint])), EXIT_FAILURE) from exc


def write_output(path: str | None, data: bytes) -> None:
    """`data` to the file `path` (whole or not at all), or to stdout when there is none."""
    if not path:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from app.core.common.files import write_bytes_atomic

    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise CliError(
            _("{path}: cannot write: {error}").format(path=path, error=exc.strerror),
            EXIT_FAILURE,
        ) from exc


def read_input_file(path: str) -> str:
    """The UTF-8 text of `path` (`-` = stdin), or an `arquivo: …` error (exit 2)."""
    from app.core.common.files import decode_text, read_text

    if path == "-":
        text, problems = decode_text(sys.stdin.buffer.read(), "stdin")
    else:
        text, problems = read_text(path)
    if problems:
        raise invalid(problems)
    return text


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
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (`atende history | head`): not a failure worth a message.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a failure we did not foresee: still no traceback for users
        from app.core.storage.db import storage_failure_message

        message = storage_failure_message(exc) or _("unexpected failure: {error}").format(error=exc)
        print(message, file=sys.stderr)
        return EXIT_FAILURE
