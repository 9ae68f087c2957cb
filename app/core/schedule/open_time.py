"""Counting only the open time of an agenda: "1 hour of business hours after Friday 17:50".

`add_open_minutes(agenda, start, minutes)` is the instant at which `minutes` minutes of the
agenda's open time have passed since `start` (SPEC §12: Friday 17:50, Monday–Friday
08:00–18:00, 1 hour → Monday 08:50). Holidays, special dates, `24:00` ends and the
instance's zone all come from `opening.next_opening` / `opening.current_interval_end`, so
the open stretches are exactly the moments `opening.is_open` says are open.

It skips whole stretches, never minute by minute, and it is bounded: past `HORIZON_DAYS`
after `start` it stops and raises `BeyondHorizon`, whose text explains (in Portuguese) that
the time limit needs more open hours than the agenda has in that horizon. With the agenda
off every moment counts, so the answer is `start + minutes`.

`OpenTimeline` is the same computation for many starts at once (recomputing the deadlines of
100k chats): the stretches are enumerated once, with the open time before each, and every
start is answered with two binary searches over plain integers (epoch milliseconds).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, datetime, timedelta

from app.core.schedule.agenda import Agenda
from app.core.schedule.opening import SEARCH_DAYS, current_interval_end, next_opening
from app.core.storage.models import from_millis, to_millis
from app.i18n import _, format_duration

HORIZON_DAYS = SEARCH_DAYS  # 400: a year and some margin
MINUTE_MS = 60_000
DAY_MS = 24 * 60 * MINUTE_MS


class BeyondHorizon(ValueError):
    """The agenda is not open long enough within the horizon; `str()` is Portuguese."""

    def __init__(self, minutes: int, open_minutes: int, days: int) -> None:
        self.minutes, self.open_minutes, self.days = minutes, open_minutes, days
        if open_minutes == 0:
            text = _(
                "The time limit of {limit} counts only business hours, but the agenda does "
                "not open in the next {days} days."
            ).format(limit=format_duration(minutes), days=days)
        else:
            text = _(
                "The time limit of {limit} counts only business hours, but the agenda is "
                "open only {open} in the next {days} days."
            ).format(limit=format_duration(minutes), open=format_duration(open_minutes), days=days)
        super().__init__(text)


class OpenTimeline:
    """The agenda's open stretches from `origin_ms` on, as [start, end) in epoch ms.

    Touching stretches (12:00–18:00 after 08:00–12:00, Monday's 24:00 and Tuesday's 00:00)
    are one. `_after[i]` is the open time from the origin to the end of stretch `i`.
    """

    def __init__(self, agenda: Agenda, origin_ms: int) -> None:
        self.agenda = agenda
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._after: list[int] = []
        self._cursor = origin_ms  # everything before it is enumerated

    def _extend(self, until_ms: int) -> None:
        while self._cursor < until_ms:
            opening = next_opening(self.agenda, from_millis(self._cursor))
            if opening is None:  # nothing opens within SEARCH_DAYS of the cursor
                self._cursor += SEARCH_DAYS * DAY_MS
                continue
            start = to_millis(opening)
            closing = current_interval_end(self.agenda, opening)
            end = to_millis(closing) if closing is not None else start + SEARCH_DAYS * DAY_MS
            if self._ends and self._ends[-1] == start:
                self._ends[-1] = end
                self._after[-1] += end - start
            else:
                self._starts.append(start)
                self._ends.append(end)
                self._after.append((self._after[-1] if self._after else 0) + end - start)
            self._cursor = end

    def stretches(self, until_ms: int) -> list[tuple[int, int]]:
        """The open stretches that start before `until_ms`, as (start, end) in epoch ms."""
        self._extend(until_ms)
        return [(s, e) for s, e in zip(self._starts, self._ends, strict=True) if s < until_ms]

    def _open_before(self, at_ms: int) -> int:
        """Open time from the origin up to `at_ms` (enumerated that far)."""
        i = bisect_right(self._starts, at_ms) - 1
        # Open time to the end of stretch i, less what of it lies after `at_ms`.
        return 0 if i < 0 else self._after[i] - self._ends[i] + min(at_ms, self._ends[i])

    def add(self, start_ms: int, minutes: int, horizon_days: int = HORIZON_DAYS) -> int:
        """`start_ms` plus `minutes` of open time (ms); BeyondHorizon past the horizon.

        `start_ms` must not be before the origin.
        """
        if minutes < 1:
            raise ValueError("minutes must be positive")
        if not self.agenda.enabled:
            return start_ms + minutes * MINUTE_MS
        limit = start_ms + horizon_days * DAY_MS
        self._extend(limit)
        used = self._open_before(start_ms)
        target = used + minutes * MINUTE_MS
        j = bisect_left(self._after, target)
        if j < len(self._after):
            deadline = self._ends[j] - (self._after[j] - target)
            if deadline <= limit:
                return deadline
        open_minutes = (self._open_before(limit) - used) // MINUTE_MS
        raise BeyondHorizon(minutes, open_minutes, horizon_days)

    def add_many(
        self, starts: list[int], minutes: int, horizon_days: int = HORIZON_DAYS
    ) -> list[int | None]:
        """`add` for many starts (none before the origin): None where `add` would raise.

        The same arithmetic as `add` with the lookups inlined: ~1 µs per start.
        """
        if minutes < 1:
            raise ValueError("minutes must be positive")
        if not self.agenda.enabled:
            return [start + minutes * MINUTE_MS for start in starts]
        if not starts:
            return []
        horizon = horizon_days * DAY_MS
        self._extend(max(starts) + horizon)
        begins, ends, after = self._starts, self._ends, self._after
        need, count = minutes * MINUTE_MS, len(after)
        found: list[int | None] = []
        for start in starts:
            i = bisect_right(begins, start) - 1
            target = need + (0 if i < 0 else after[i] - ends[i] + min(start, ends[i]))
            j = bisect_left(after, target)
            deadline = ends[j] - (after[j] - target) if j < count else None
            found.append(deadline if deadline is not None and deadline <= start + horizon else None)
        return found


def add_open_minutes(
    agenda: Agenda, start: datetime, minutes: int, horizon_days: int = HORIZON_DAYS
) -> datetime:
    """The instant at which `minutes` minutes of open time have passed since `start`.

    Raises BeyondHorizon (a ValueError with a Portuguese explanation) when the agenda is
    not open that long within `horizon_days` days after `start`.
    """
    start_ms = to_millis(start)
    deadline = OpenTimeline(agenda, start_ms).add(start_ms, minutes, horizon_days)
    # In UTC: adding to an aware local datetime would add wall-clock time (DST changes).
    found = start.astimezone(UTC) + timedelta(milliseconds=deadline - start_ms)
    return found.astimezone(start.tzinfo)
