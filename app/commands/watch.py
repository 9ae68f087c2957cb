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
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from app.commands.base import EXIT_FAILURE, CliError, open_db
from app.core.common.clock import Clock, SystemClock, format_instant, parse_instant
from app.i18n import _, ngettext

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
    return ngettext("{count} chat closed", "{count} chats closed", count).format(count=count)


def warned_message(count: int) -> str:
    """The second line of `watch --once` when warnings are on: "2 avisos de encerramento
    enviados"."""
    if count == 0:
        return _("No closing warning sent")
    return ngettext("{count} closing warning sent", "{count} closing warnings sent", count).format(
        count=count
    )


def cmd_watch(args: argparse.Namespace) -> int:
    from app.core.storage.lock import FileLock, watcher_lock_path
    from app.paths import resolve_db_path

    start = None
    if args.now is not None:
        try:
            start = parse_instant(args.now)
        except ValueError as exc:
            raise CliError(f"--now: {exc}") from exc
    db = open_db(args)
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
            from app.core.watcher.closing import close_due
            from app.core.watcher.closing_options import warnings_on_anywhere

            now = start or SystemClock().now()
            result = close_due(now)
            print(closed_message(result.total))
            if result.warned_total or warnings_on_anywhere():
                print(warned_message(result.warned_total))
            return 0
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


def watch_forever(clock: Clock, wait: Callable[[float], object]) -> None:
    """Pass, sleep until the next deadline (≤ 60 s or until the DB changes), repeat."""
    from peewee import OperationalError

    from app.core.watcher.closing import watcher_pass
    from app.core.watcher.due import next_wake_delay

    while True:
        try:
            result = watcher_pass(clock.now())
        except OperationalError as exc:  # locked or busy beyond busy_timeout: try again
            print(_("watcher pass failed, retrying: {error}").format(error=exc), file=sys.stderr)
            wait(RETRY_SECONDS)
            continue
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
        wait(next_wake_delay(result.next_due_at, clock.now()))


class ChangeWaiter:
    """Sleep up to `seconds`, returning early when another connection commits to the DB."""

    def __init__(
        self,
        db,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        from app.core.storage.changes import ChangeMonitor

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
