"""add_open_minutes / OpenTimeline against a minute-by-minute walk over `is_open`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.schedule.agenda import Agenda
from app.core.schedule.open_time import BeyondHorizon, OpenTimeline, add_open_minutes
from app.core.schedule.opening import is_open
from app.core.storage.models import from_millis, to_millis

SP = ZoneInfo("America/Sao_Paulo")
WORKDAYS_8_18 = (((480, 1080),),) * 5 + ((), ())
ZONES = ("America/Sao_Paulo", "America/Manaus", "America/Noronha")


def walk(agenda: Agenda, start: datetime, minutes: int, horizon_days: int) -> datetime | None:
    """The reference: look at every minute from `start`; None when the horizon runs out.

    In UTC: aware local datetimes add wall-clock time, which DST changes would skew."""
    limit = start.astimezone(UTC) + timedelta(days=horizon_days)
    counted, t = 0, start.astimezone(UTC)
    while t < limit:
        if is_open(agenda, t):
            counted += 1
            if counted == minutes:
                return t + timedelta(minutes=1)
        t += timedelta(minutes=1)
    return None


def agenda(week=WORKDAYS_8_18, zone="America/Sao_Paulo", special=None, holidays="BR", sub=None):
    return Agenda(True, zone, week, holidays, sub, special or {})


def test_the_spec_example_friday_1750_plus_one_hour_is_monday_0850():
    friday = datetime(2025, 3, 14, 17, 50, tzinfo=SP)
    assert add_open_minutes(agenda(), friday, 60) == datetime(2025, 3, 17, 8, 50, tzinfo=SP)
    # Exactly the open time left on Friday: the deadline is the closing moment itself.
    assert add_open_minutes(agenda(), friday, 10) == datetime(2025, 3, 14, 18, 0, tzinfo=SP)


def test_holidays_and_special_dates_are_skipped_or_counted():
    # Friday 18 April 2025 is Good Friday and Monday 21 is Tiradentes (national holidays):
    # Thursday 17:30 + 1 h → Tuesday 08:30.
    thursday = datetime(2025, 4, 17, 17, 30, tzinfo=SP)
    assert add_open_minutes(agenda(), thursday, 60) == datetime(2025, 4, 22, 8, 30, tzinfo=SP)
    # …unless a special date opens it: 09:00–10:00 on the holiday counts.
    special = {date(2025, 4, 18): ((540, 600),)}
    found = add_open_minutes(agenda(special=special), thursday, 60)
    assert found == datetime(2025, 4, 18, 9, 30, tzinfo=SP)
    # With holidays ignored it is an ordinary Friday.
    found = add_open_minutes(agenda(holidays=None), thursday, 60)
    assert found == datetime(2025, 4, 18, 8, 30, tzinfo=SP)


def test_24_00_ends_join_the_next_day_and_the_agenda_off_is_calendar_time():
    all_week = (((0, 1440),),) * 7
    start = datetime(2025, 3, 14, 23, 30, tzinfo=SP)
    assert add_open_minutes(agenda(all_week, holidays=None), start, 120) == start + timedelta(
        hours=2
    )
    off = Agenda(False, "America/Sao_Paulo", WORKDAYS_8_18)
    assert add_open_minutes(off, start, 60 * 24 * 90) == start + timedelta(days=90)


def test_a_timeout_longer_than_the_open_time_of_400_days_is_explained():
    one_hour_on_mondays = (((480, 540),),) + ((),) * 6
    start = datetime(2025, 3, 14, 17, 50, tzinfo=SP)
    with pytest.raises(BeyondHorizon) as raised:
        add_open_minutes(agenda(one_hour_on_mondays, holidays=None), start, 90 * 24 * 60)
    # The text (translated by the catalog) names the limit, the open time and the horizon.
    assert (raised.value.minutes, raised.value.open_minutes, raised.value.days) == (
        129600,
        57 * 60,
        400,
    )
    assert all(part in str(raised.value) for part in ("90 dias", "57 horas", "400"))
    closed = agenda(((),) * 7)
    with pytest.raises(BeyondHorizon) as raised:
        add_open_minutes(closed, start, 1)
    assert raised.value.open_minutes == 0 and "400" in str(raised.value)


def test_far_deadlines_within_400_days_match_the_walk():
    one_hour_on_mondays = (((480, 540),),) + ((),) * 6
    a = agenda(one_hour_on_mondays, zone="America/Manaus", holidays=None)
    start = datetime(2025, 3, 14, 17, 50, tzinfo=ZoneInfo("America/Manaus"))
    found = add_open_minutes(a, start, 56 * 60)  # 56 Mondays later, inside 400 days
    assert found == datetime(2026, 4, 6, 9, 0, tzinfo=ZoneInfo("America/Manaus"))
    assert found == walk(a, start, 56 * 60, 400)


intervals = st.lists(st.tuples(st.integers(0, 1439), st.integers(1, 240)), max_size=2).map(
    lambda pairs: _disjoint(pairs)
)


def _disjoint(pairs):
    """Sorted, non-overlapping (start, end) minutes of one day; 24:00 allowed as an end."""
    result, last_end = [], 0
    for start, length in sorted(pairs):
        start = max(start, last_end)
        end = min(start + length, 1440)
        if start < end:
            result.append((start, end))
            last_end = end
    return tuple(result)


@st.composite
def agendas_and_starts(draw):
    zone = draw(st.sampled_from(ZONES))
    week = tuple(draw(intervals) for _day in range(7))
    if draw(st.booleans()):  # sometimes whole days open, so 24:00 meets 00:00
        week = tuple(((0, 1440),) if draw(st.booleans()) else day for day in week)
    start_utc = draw(
        st.datetimes(datetime(1999, 1, 1), datetime(2031, 12, 31)).map(
            lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
        )
    )
    local_day = start_utc.astimezone(ZoneInfo(zone)).date()
    special = {
        local_day + timedelta(days=offset): draw(intervals)
        for offset in draw(st.lists(st.integers(0, 8), max_size=3))
    }
    holidays = draw(st.sampled_from([("BR", None), ("BR", "SP"), ("BR", "AM"), (None, None)]))
    a = Agenda(True, zone, week, holidays[0], holidays[1], special)
    return a, start_utc.astimezone(ZoneInfo(zone))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agendas_and_starts(), st.integers(1, 3000), st.integers(1, 8))
def test_add_open_minutes_matches_the_minute_walk(case, minutes, horizon_days):
    a, start = case
    expected = walk(a, start, minutes, horizon_days)
    if expected is None:
        with pytest.raises(BeyondHorizon):
            add_open_minutes(a, start, minutes, horizon_days)
    else:
        assert add_open_minutes(a, start, minutes, horizon_days) == expected


@settings(max_examples=30, deadline=None)
@given(
    agendas_and_starts(),
    st.lists(st.integers(0, 3 * 24 * 60), min_size=1, max_size=20),
    st.integers(1, 2000),
)
def test_the_timeline_answers_many_starts_like_the_single_function(case, offsets, minutes):
    a, origin = case
    timeline = OpenTimeline(a, to_millis(origin))
    starts = [to_millis(origin + timedelta(minutes=offset)) for offset in sorted(offsets)]
    expected = []
    for start in starts:
        try:
            single = add_open_minutes(a, from_millis(start), minutes, 5)
        except BeyondHorizon:
            with pytest.raises(BeyondHorizon):
                timeline.add(start, minutes, 5)
            expected.append(None)
            continue
        assert from_millis(timeline.add(start, minutes, 5)) == single
        expected.append(to_millis(single))
    assert OpenTimeline(a, starts[0]).add_many(starts, minutes, 5) == expected
