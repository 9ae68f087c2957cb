"""`atende watch [--once] [--now ISO]`: the watcher that closes inactive attendances, headless.

On a SQLite file only one watcher runs (GUI or CLI): the watcher lock file next to the DB
is held for as long as this command runs, and a second one is refused with exit 1. On a
shared PostgreSQL database every desk may run one: each pass closes only rows it locked and
that are still open (`closing.close_due`), so each chat is closed once, and the desks keep
closing while any one of them is on.

Between passes it sleeps until the next deadline (at most a minute, so clock jumps and
suspend are caught), waking at once when another process commits to the database (a
`chats import`, a settings change in the window): `app.core.storage.changes` tells so without
reading any table.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from peewee import OperationalError

from app.commands import watch_platforms as platforms
from app.commands.base import EXIT_FAILURE, CliError, open_db
from app.core.chatwoot.outbox_store import next_try_at
from app.core.common.clock import Clock, SystemClock, format_instant, parse_instant
from app.core.common.log_file import LOGGER_NAME, log_file_in_use, setup_logging
from app.core.storage.changes import ChangeMonitor
from app.core.storage.lock import FileLock, watcher_lock_path
from app.core.watcher.closing import close_due, watcher_pass
from app.core.watcher.closing_options import warnings_on_anywhere
from app.core.watcher.due import next_wake_delay
from app.i18n import _, format_number, ngettext
from app.paths import resolve_db_path

CHANGE_POLL_SECONDS = 1.0
RETRY_SECONDS = 5.0  # after a failed pass (the database busy or unreadable for a moment)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("watch", help=_("run the watcher that closes inactive chats"))
    p.add_argument(
        "--once",
        action="store_true",
        help=_("do one pass, print how many chats it closed and exit"),
    )
    p.add_argument(
        "--now",
        metavar="ISO",
        help=_(
            "fix the clock at this instant (ISO 8601 with offset); without --once the "
            "clock starts there and runs"
        ),
    )
    p.set_defaults(func=cmd_watch)


class StartedClock:
    """A clock that starts at a given instant and then runs with real time."""

    def __init__(self, start: datetime, monotonic: Callable[[], float] = time.monotonic):
        self._start, self._origin, self._monotonic = start, monotonic(), monotonic

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._monotonic() - self._origin)


def closed_message(count: int) -> str:
    """The output of `watch --once`: "3 atendimentos encerrados"."""
    if count == 0:
        return _("No chat closed")
    return ngettext("{count} chat closed", "{count} chats closed", count).format(
        count=format_number(count)
    )


def warned_message(count: int) -> str:
    """The second line of `watch --once` when warnings are on: "2 avisos de encerramento
    enviados"."""
    if count == 0:
        return _("No closing warning sent")
    return ngettext("{count} closing warning sent", "{count} closing warnings sent", count).format(
        count=format_number(count)
    )


def skipped_message(count: int) -> str:
    """A pass set chats aside for invalid data (`bad_rows`): say so, and where they are."""
    log_file = log_file_in_use(logging.getLogger(LOGGER_NAME))
    return ngettext(
        "{count} attendance with invalid data was skipped by the watcher; it stays open. "
        "Import it again with correct dates (see {log}).",
        "{count} attendances with invalid data were skipped by the watcher; they stay open. "
        "Import them again with correct dates (see {log}).",
        count,
    ).format(count=format_number(count), log=log_file or "atende.log")


def cmd_watch(args: argparse.Namespace) -> int:
    start = None
    if args.now is not None:
        try:
            start = parse_instant(args.now)
        except ValueError as exc:
            raise CliError(f"--now: {exc}") from exc
    db = open_db(args)
    setup_logging(stderr_fallback=False)  # a chat set aside for invalid data is logged
    location = resolve_db_path(args.db)
    lock = FileLock(watcher_lock_path(location)) if isinstance(location, Path) else None
    if lock is not None and not lock.acquire():
        pid = lock.holder_pid()
        message = _(
            "another watcher is already running for this database (the window or "
            "`atende watch`, process {pid}); only one may close chats at a time"
        )
        raise CliError(message.format(pid=pid if pid is not None else "?"), EXIT_FAILURE)
    try:
        if args.once:
            return watch_once(start or SystemClock().now())
        clock: Clock = StartedClock(start) if start is not None else SystemClock()
        print(_("Watcher running; press Ctrl+C to stop."), flush=True)
        try:
            watch_forever(clock, ChangeWaiter(db))
        except KeyboardInterrupt:
            print(_("Watcher stopped."))
        return 0
    finally:
        if lock is not None:
            lock.release()


def watch_once(now: datetime) -> int:
    """One pass a person asked for: pull every connected instance, close and warn what is due
    at `now`, deliver the outbox (every pending action now), print what it did. Exit 1 when
    a connection could not be read or is paused (its actions wait; nothing is lost)."""
    connected = platforms.any_connection()
    pulls = platforms.pull(now) if connected else []
    result = close_due(now)
    print(closed_message(result.total))
    if result.warned_total or warnings_on_anywhere():
        print(warned_message(result.warned_total))
    if result.skipped:
        print(skipped_message(result.skipped), file=sys.stderr)
    if not connected:
        return 0
    report = platforms.deliver(asked_by_person=True)
    for line in filter(None, [platforms.pull_line(pulls), *platforms.delivery_lines(report)]):
        print(line)
    failures = platforms.pull_failures(pulls) + platforms.paused_lines(report)
    for line in failures:
        print(line, file=sys.stderr)
    return EXIT_FAILURE if failures else 0


def watch_forever(clock: Clock, wait: Callable[[float], object]) -> None:
    """Pass, sleep until the next deadline (≤ 60 s or until the DB changes), repeat. With
    Chatwoot connections: pull at most every minute, deliver after every pass, and wake for
    the outbox's next retry too."""
    last_pull = None
    while True:
        try:
            now = clock.now()
            connected = platforms.any_connection()
            if connected and (
                last_pull is None
                or (now - last_pull).total_seconds() >= platforms.PULL_EVERY_SECONDS
            ):
                last_pull = now
                report_lines(now, platforms.pull_failures(platforms.pull(now)), sys.stderr)
            result = watcher_pass(now)
            if connected:
                report = platforms.deliver(asked_by_person=False)
                lines = platforms.delivery_lines(report) + platforms.paused_lines(report)
                report_lines(result.closed.at, lines, sys.stdout)
        except OperationalError as exc:  # locked or busy beyond busy_timeout: try again
            print(_("watcher pass failed, retrying: {error}").format(error=exc), file=sys.stderr)
            wait(RETRY_SECONDS)
            continue
        if result.closed.skipped:
            report_lines(result.closed.at, [skipped_message(result.closed.skipped)], sys.stderr)
        for group in result.closed.groups:
            print(
                f"{format_instant(result.closed.at)} {group.instance_name}: "
                f"{closed_message(group.count)} ({group.reason})",
                flush=True,
            )
        for warned in result.closed.warned:
            print(
                f"{format_instant(result.closed.at)} {warned.instance_name}: "
                f"{warned_message(warned.count)}",
                flush=True,
            )
        delay = next_wake_delay(result.next_due_at, clock.now())
        if connected and (retry := next_try_at()) is not None:  # the outbox runs on real time
            delay = min(delay, next_wake_delay(retry, SystemClock().now()))
        wait(delay)


def report_lines(at: datetime, lines: list[str], stream) -> None:
    for line in lines:
        print(f"{format_instant(at)} {line}", file=stream, flush=True)


class ChangeWaiter:
    """Sleep up to `seconds`, returning early when another connection commits to the DB."""

    def __init__(
        self,
        db,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sleep, self.monotonic = sleep, monotonic
        self.monitor = ChangeMonitor(db)

    def __call__(self, seconds: float) -> bool:
        """True when woken by a change, False when the time ran out."""
        end = self.monotonic() + seconds
        while (left := end - self.monotonic()) > 0:
            self.sleep(min(left, CHANGE_POLL_SECONDS))
            if self.monitor.poll():
                return True
        return False
