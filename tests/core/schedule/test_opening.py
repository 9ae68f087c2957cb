"""is_open / next_opening: week wrap, holidays, special dates, zones, DST, and properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.schedule.agenda import Agenda
from app.core.schedule.opening import current_interval_end, is_open, next_opening

SP = ZoneInfo("America/Sao_Paulo")
MORNING_AFTERNOON = ((480, 720), (780, 1080))  # 08:00–12:00, 13:00–18:00
WEEKDAYS_ONLY = (MORNING_AFTERNOON,) * 5 + ((), ())


def agenda(
    week=WEEKDAYS_ONLY,
    zone="America/Sao_Paulo",
    subdivision=None,
    country="BR",
    special=None,
    enabled=True,
) -> Agenda:
    return Agenda(enabled, zone, week, country, subdivision, special or {})


def local(*args, zone=SP) -> datetime:
    return datetime(*args, tzinfo=zone)


def test_interval_start_is_included_and_end_excluded():
    a = agenda()
    assert not is_open(a, local(2025, 3, 12, 7, 59, 59))
    assert is_open(a, local(2025, 3, 12, 8, 0))
    assert is_open(a, local(2025, 3, 12, 11, 59))
    assert is_open(a, local(2025, 3, 12, 11, 59, 59, 999999))
    assert not is_open(a, local(2025, 3, 12, 12, 0))
    assert is_open(a, local(2025, 3, 12, 13, 0))


def test_next_opening_is_t_itself_when_open():
    t = local(2025, 3, 12, 10, 0)
    assert next_opening(agenda(), t) == t


def test_next_opening_in_the_lunch_break_is_the_afternoon():
    assert next_opening(agenda(), local(2025, 3, 12, 12, 0)) == local(2025, 3, 12, 13, 0)


def test_next_opening_after_friday_wraps_the_week_to_monday():
    # Friday 18:00 → Monday 08:00 (Saturday and Sunday closed).
    found = next_opening(agenda(), local(2025, 3, 14, 18, 0))
    assert found == local(2025, 3, 17, 8, 0)


def test_next_opening_wraps_from_sunday_to_a_wednesday_only_week():
    week = ((), (), ((600, 660),), (), (), (), ())
    assert next_opening(agenda(week), local(2025, 3, 13, 11, 0)) == local(2025, 3, 19, 10, 0)


def test_agenda_off_is_always_open():
    a = agenda(week=((),) * 7, enabled=False)
    t = local(2025, 3, 16, 3, 0)
    assert is_open(a, t) and next_opening(a, t) == t


def test_tiradentes_is_closed_and_opening_moves_to_the_next_day():
    # 21/04/2025 is a Monday.
    a = agenda()
    assert not is_open(a, local(2025, 4, 21, 10, 0))
    assert next_opening(a, local(2025, 4, 21, 7, 0)) == local(2025, 4, 22, 8, 0)


def test_christmas_is_closed():
    a = agenda(week=(((0, 1440),),) * 7)
    assert not is_open(a, local(2025, 12, 25, 12, 0))
    assert next_opening(a, local(2025, 12, 25, 12, 0)) == local(2025, 12, 26, 0, 0)


def test_holidays_null_are_ignored():
    a = agenda(country=None)
    assert is_open(a, local(2025, 4, 21, 10, 0))


def test_sp_state_holiday_closes_only_with_sp_set():
    # 09/07/2025 (Wednesday): Revolução Constitucionalista, a São Paulo state holiday.
    t = local(2025, 7, 9, 10, 0)
    assert is_open(agenda(), t)
    assert is_open(agenda(subdivision="RJ"), t)
    assert not is_open(agenda(subdivision="SP"), t)
    assert agenda(subdivision="SP").holiday_name(t.date()) == "Revolução Constitucionalista"


def test_a_special_date_overrides_a_holiday():
    special = {date(2025, 12, 25): ((540, 720),)}
    a = agenda(week=(((0, 1440),),) * 7, special=special)
    assert is_open(a, local(2025, 12, 25, 9, 0))
    assert not is_open(a, local(2025, 12, 25, 12, 0))


def test_a_closed_special_date_closes_a_working_day():
    a = agenda(special={date(2025, 12, 24): ()})
    assert not is_open(a, local(2025, 12, 24, 9, 0))
    assert next_opening(a, local(2025, 12, 24, 9, 0)) == local(2025, 12, 26, 8, 0)


def test_a_special_date_with_hours_on_a_weekend():
    a = agenda(special={date(2025, 12, 20): ((480, 720),)})  # a Saturday
    assert next_opening(a, local(2025, 12, 19, 18, 0)) == local(2025, 12, 20, 8, 0)


def test_manaus_hours_are_read_in_manaus_time():
    manaus = ZoneInfo("America/Manaus")  # UTC−4, São Paulo is UTC−3
    a = agenda(zone="America/Manaus")
    # 08:30 in São Paulo is 07:30 in Manaus: still closed there.
    assert not is_open(a, local(2025, 3, 12, 8, 30))
    assert is_open(a, local(2025, 3, 12, 9, 0))
    found = next_opening(a, local(2025, 3, 12, 8, 30))
    assert found == datetime(2025, 3, 12, 8, 0, tzinfo=manaus)
    assert found.astimezone(UTC) == datetime(2025, 3, 12, 12, 0, tzinfo=UTC)


def test_noronha_hours_are_read_in_noronha_time():
    a = agenda(zone="America/Noronha")  # UTC−2
    assert next_opening(a, datetime(2025, 3, 14, 20, 30, tzinfo=UTC)) == datetime(
        2025, 3, 17, 10, 0, tzinfo=UTC
    )


def test_a_local_time_skipped_by_dst_opens_when_the_clock_jumps():
    # New York, 09/03/2025: 02:00 EST jumps to 03:00 EDT. The interval 02:30–05:00 opens
    # the instant the clock reads 03:00.
    a = agenda(week=(((150, 300),),) * 7, zone="America/New_York", country=None)
    t = datetime(2025, 3, 9, 5, 0, tzinfo=UTC)  # 00:00 EST
    assert next_opening(a, t) == datetime(2025, 3, 9, 7, 0, tzinfo=UTC)


def test_a_repeated_local_hour_is_open_on_both_passes():
    # New York, 02/11/2025: 02:00 EDT falls back to 01:00 EST; 01:00–01:30 happens twice.
    a = agenda(week=(((60, 90),),) * 7, zone="America/New_York", country=None)
    first = datetime(2025, 11, 2, 5, 0, tzinfo=UTC)  # 01:00 EDT
    assert next_opening(a, datetime(2025, 11, 2, 4, 0, tzinfo=UTC)) == first
    after_first = datetime(2025, 11, 2, 5, 30, tzinfo=UTC)  # 01:30 EDT, closed
    assert not is_open(a, after_first)
    assert next_opening(a, after_first) == datetime(2025, 11, 2, 6, 0, tzinfo=UTC)  # 01:00 EST


def test_sao_paulo_old_dst_midnight_that_never_happened():
    # 04/11/2018: São Paulo jumped from 00:00 to 01:00 (the last DST start).
    a = agenda(week=(((0, 120),),) * 7, country=None)
    t = datetime(2018, 11, 4, 2, 0, tzinfo=UTC)  # 23:00 on Nov 3 (−03)
    assert next_opening(a, t) == datetime(2018, 11, 4, 3, 0, tzinfo=UTC)  # 01:00 −02


def test_never_open_within_the_bound_is_none():
    special = {date(2025, 3, 12) + timedelta(days=n): () for n in range(410)}
    assert next_opening(agenda(special=special), local(2025, 3, 12, 9, 0)) is None


def test_current_interval_end_joins_touching_intervals_across_midnight():
    week = (((1200, 1440),), ((0, 120), (120, 300)), (), (), (), (), ())
    a = agenda(week=week, country=None)
    assert current_interval_end(a, local(2025, 3, 10, 21, 0)) == local(2025, 3, 11, 5, 0)
    assert current_interval_end(a, local(2025, 3, 12, 9, 0)) is None


def test_open_all_week_has_no_end_in_sight():
    a = agenda(week=(((0, 1440),),) * 7, country=None)
    assert current_interval_end(a, local(2025, 3, 12, 9, 0)) is None


# --- properties --------------------------------------------------------------------------

ZONES = [
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Noronha",
    "America/New_York",
    "Europe/Lisbon",
]


@st.composite
def day_intervals(draw):
    points = sorted(draw(st.lists(st.integers(0, 1440), unique=True, max_size=6)))
    if len(points) % 2:
        points = points[:-1]
    return tuple((points[i], points[i + 1]) for i in range(0, len(points), 2))


@st.composite
def agendas(draw):
    week = tuple(draw(day_intervals()) for _ in range(7))
    if not any(week):
        week = (((480, 1080),),) + week[1:]
    holidays = draw(st.sampled_from([(None, None), ("BR", None), ("BR", "SP")]))
    start = draw(st.dates(date(2017, 1, 1), date(2030, 12, 1)))
    special = {
        start + timedelta(days=draw(st.integers(0, 20))): draw(day_intervals())
        for _ in range(draw(st.integers(0, 4)))
    }
    return start, Agenda(True, draw(st.sampled_from(ZONES)), week, *holidays, special)


def whole_minutes(start: datetime, end: datetime):
    """[start, end) sampled at `start` and every whole UTC minute after it: the agenda's
    state can only change on them (boundaries and offsets here are whole minutes)."""
    if start < end:
        yield start
    moment = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while moment < end:
        yield moment
        moment += timedelta(minutes=1)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agendas(), st.integers(0, 24 * 3600 * 14), st.integers(0, 999_999))
def test_next_opening_is_open_and_nothing_before_it_is(case, seconds, micro):
    start, a = case
    t = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(
        seconds=seconds, microseconds=micro
    )
    found = next_opening(a, t)
    assert found is not None and found >= t
    assert is_open(a, found)
    assert not any(is_open(a, m) for m in whole_minutes(t, found))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agendas(), st.integers(0, 24 * 3600 * 14))
def test_an_open_stretch_ends_closed_and_is_open_until_then(case, seconds):
    start, a = case
    t = next_opening(
        a, datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(seconds=seconds)
    )
    assert t is not None
    end = current_interval_end(a, t)
    if end is None:  # open for the whole search window
        return
    assert end > t and not is_open(a, end)
    assert all(is_open(a, m) for m in whole_minutes(t, end))
