"""Is the agenda open at an instant, and when does it open next?

The agenda speaks in local wall-clock time (the instance's zone); instants are aware
datetimes. `is_open` reads the wall clock of `t`: the start of an interval is included, the
end excluded. `next_opening` walks forward in *chunks* over which the local date and the
UTC offset are both constant — inside a chunk the wall clock is the instant plus a fixed
offset, so each interval maps to one range of instants and the answer is exact. Cutting the
chunks at offset changes handles zones with daylight saving time: a skipped local time
(02:30 on a spring-forward night) opens at the moment the clock jumps, and a repeated local
hour is open on both passes, just as the wall clock reads.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.core.schedule.agenda import Agenda

# How far ahead `next_opening` looks before answering "never" (a year and some margin).
SEARCH_DAYS = 400


def _zone(agenda: Agenda) -> ZoneInfo:
    return ZoneInfo(agenda.timezone)


def _wall(t: datetime, zone: ZoneInfo) -> tuple[date, timedelta]:
    """The local date of `t` and the time elapsed on the wall clock since its midnight."""
    local = t.astimezone(zone)
    day = local.date()
    return day, local.replace(tzinfo=None) - datetime.combine(day, time())


def is_open(agenda: Agenda, t: datetime) -> bool:
    """Whether the agenda lets automatic messages out at `t` (always, when it is off)."""
    if not agenda.enabled:
        return True
    day, since_midnight = _wall(t, _zone(agenda))
    return any(
        timedelta(minutes=start) <= since_midnight < timedelta(minutes=end)
        for start, end in agenda.intervals_on(day)
    )


def current_interval_end(agenda: Agenda, t: datetime) -> datetime | None:
    """When the interval open at `t` closes (None when closed at `t` or the agenda is off).

    Intervals that touch (12:00–18:00 after 08:00–12:00, or Monday's 24:00 followed by
    Tuesday's 00:00) count as one stretch; the search is bounded like `next_opening`.
    """
    if not agenda.enabled or not is_open(agenda, t):
        return None
    return _walk(agenda, t, want_open=False)


def next_opening(agenda: Agenda, t: datetime) -> datetime | None:
    """The first instant ≥ `t` at which the agenda is open; `t` itself when open now.

    None when nothing opens within `SEARCH_DAYS` (e.g. special dates closing every day).
    """
    if not agenda.enabled:
        return t
    return _walk(agenda, t, want_open=True)


def _walk(agenda: Agenda, t: datetime, *, want_open: bool) -> datetime | None:
    """The first instant ≥ `t` where `is_open` equals `want_open`, or None within the bound."""
    zone = _zone(agenda)
    u = t.astimezone(UTC)
    limit = u + timedelta(days=SEARCH_DAYS)
    while u < limit:
        local = u.astimezone(zone)
        offset = local.utcoffset() or timedelta(0)
        day = local.date()
        midnight = datetime.combine(day, time())  # naive local wall time
        chunk_end = _chunk_end(zone, u, midnight + timedelta(days=1) - offset, offset)
        found = _first_in_chunk(
            agenda.intervals_on(day), midnight - offset, u, chunk_end, want_open
        )
        if found is not None:
            return found.replace(tzinfo=UTC).astimezone(t.tzinfo)
        u = chunk_end
    return None


def _chunk_end(zone: ZoneInfo, u: datetime, day_end: datetime, offset: timedelta) -> datetime:
    """The end of the chunk starting at `u`: the next local midnight or offset change."""
    end = day_end.replace(tzinfo=UTC)
    if _offset_at(zone, end - timedelta(seconds=1)) == offset:
        return end
    # The offset changes before midnight (zones change on whole seconds): bisect for the
    # first second with the new offset; offset(low) is the old one, offset(high) is not.
    low, high = math.floor(u.timestamp()), int(end.timestamp()) - 1
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(zone, datetime.fromtimestamp(middle, UTC)) == offset:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _offset_at(zone: ZoneInfo, u: datetime) -> timedelta:
    return u.astimezone(zone).utcoffset() or timedelta(0)


def _first_in_chunk(
    intervals: tuple[tuple[int, int], ...],
    day_start: datetime,
    u: datetime,
    chunk_end: datetime,
    want_open: bool,
) -> datetime | None:
    """Inside one chunk (instants [u, chunk_end), `day_start` = local midnight as UTC, naive).

    Returns (naive UTC) the first instant that is open (`want_open`) or closed.
    """
    naive_u = u.replace(tzinfo=None)
    naive_end = chunk_end.replace(tzinfo=None)
    ranges = [
        (day_start + timedelta(minutes=start), day_start + timedelta(minutes=end))
        for start, end in sorted(intervals)
    ]
    if want_open:
        for low, high in ranges:
            low, high = max(low, naive_u), min(high, naive_end)
            if low < high:
                return low
        return None
    moment = naive_u
    for low, high in ranges:
        if low <= moment < high:
            moment = high  # touching intervals extend the open stretch
    return moment if moment < naive_end else None
