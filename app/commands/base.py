"""What every command shares: exit codes, errors told as `caminho: mensagem`, the database,
reading and writing files. Commands import this module; `app.cli` imports the commands.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from app.core.common.files import (
    decode_text,
    os_error_text,
    read_stdin,
    read_text,
    write_bytes_atomic,
)
from app.core.common.validation import Problem
from app.core.storage.db import open_database
from app.core.storage.errors import DatabaseOpenError, UnwritableDatabaseError
from app.core.storage.lock import FileLock, use_lock_path
from app.core.storage.restore import recovery_hint
from app.i18n import _
from app.paths import is_database_url, resolve_db_path

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2


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


def open_db(args: argparse.Namespace, *, create: bool = False):
    """Open the database named by `--db`/`ATENDE_DB`, or stop with exit 1.

    Only `create=True` (`atende import`) may make a new file: every other command needs
    data already there, so a file that does not exist is exit 2 and nothing is created
    (SPEC §14). A link to a file that does not exist is no database either: SQLite would
    create its target.
    """
    path = resolve_db_path(args.db)
    if not create and not is_database_url(path) and not os.path.exists(path):
        raise CliError(_("{path}: file not found").format(path=path), EXIT_INVALID)
    if not is_database_url(path):
        _hold_use_lock(path)
    try:
        return open_database(path)
    except DatabaseOpenError as exc:
        hint = "" if isinstance(exc, UnwritableDatabaseError) else recovery_hint(path)
        raise CliError(" ".join(filter(None, [str(exc), hint])), EXIT_FAILURE) from exc


_HELD: list[FileLock] = []  # until the command ends (`release_use_locks`, from app.cli)


def release_use_locks() -> None:
    while _HELD:
        _HELD.pop().release()


def _hold_use_lock(path) -> None:
    """Share the database's use lock for as long as this command runs, so a restore from the
    window waits for it instead of swapping the file underneath."""
    lock = FileLock(use_lock_path(path), shared=True)
    try:
        acquired = lock.acquire()
    except (OSError, DatabaseOpenError):  # a read-only folder, a planted link: no restore there
        return
    if not acquired:
        raise CliError(
            _("The database is being restored from a backup; try again in a moment."),
            EXIT_FAILURE,
        )
    _HELD.append(lock)


def write_output(path: str | None, data: bytes) -> None:
    """`data` to the file `path` (whole or not at all), or to stdout when there is none."""
    if not path:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        raise CliError(
            _("{path}: cannot write: {error}").format(path=path, error=os_error_text(exc)),
            EXIT_FAILURE,
        ) from exc


def read_input_file(path: str) -> str:
    """The UTF-8 text of `path` (`-` = stdin), or an `arquivo: …` error (exit 2)."""
    if path == "-":
        data, problems = read_stdin()
        if data is not None:
            text, problems = decode_text(data, "stdin")
    else:
        text, problems = read_text(path)
    if problems:
        raise invalid(problems)
    return text
