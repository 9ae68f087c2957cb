"""Deadlines in words, for the pages (SPEC §12): Atendimentos' "encerra segunda-feira às
08:50" and the Encerramento automático page's live example ("Se o atendente responder
sexta-feira às 17:50, o atendimento será encerrado segunda-feira às 08:50").

Both compute with the same rules as the stored deadlines (`schedule.open_time`), so what a
page says is what the watcher does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from app.core.schedule.agenda import Agenda
from app.core.schedule.decision import describe_moment
from app.core.schedule.open_time import BeyondHorizon, OpenTimeline, add_open_minutes
from app.core.storage.models import from_millis, to_millis
from app.core.watcher.deadlines import BUSINESS_HOURS
from app.i18n import _, format_time, weekday_name

EXAMPLE_LEAD = timedelta(minutes=10)  # the example answers this long before a closing
WEEK = timedelta(days=7)


def describe_deadline(deadline: datetime, now: datetime, timezone: str) -> str | None:
    """ "encerra amanhã às 08:50" / "encerra segunda-feira às 08:50" when the deadline is
    not today (local date of the instance); None when it is today (the page counts down)."""
    zone = ZoneInfo(timezone)
    local, local_now = deadline.astimezone(zone), now.astimezone(zone)
    if local.date() == local_now.date():
        return None
    return _("closes {when}").format(
        when=describe_moment(local, local_now, weekday_with_date=False)
    )


def example_answer_moment(agenda: Agenda, now: datetime) -> datetime:
    """When the example's attendant answers: shortly before the agenda closes for its
    longest pause of the coming week (Friday 17:50 for Monday–Friday 08:00–18:00), so the
    example shows what counting only business hours changes. `now` when the agenda is off
    or never opens."""
    if not agenda.enabled:
        return now
    week_end = to_millis(now + WEEK)
    # Two weeks, so the pause after the week's last stretch is measured too.
    stretches = OpenTimeline(agenda, to_millis(now)).stretches(to_millis(now + 2 * WEEK))
    if not stretches:
        return now
    following = [later[0] for later in stretches[1:]] + [None]  # None: no reopening seen
    gaps = [
        (float("inf") if reopens is None else reopens - stretch[1], stretch)
        for stretch, reopens in zip(stretches, following, strict=True)
        if stretch[0] < week_end
    ]
    if not gaps:  # nothing opens this week
        return now
    start, close = max(gaps)[1]
    answer = max(start, close - int(EXAMPLE_LEAD.total_seconds() * 1000))
    return from_millis(answer)


def _moment_words(moment: datetime, answered: datetime) -> str:
    """ "sexta-feira às 17:50"; the same day just "às 18:50"; past a week with the date."""
    if moment.date() == answered.date():
        return _("at {time}").format(time=format_time(moment))
    if moment.date() - answered.date() < WEEK:
        return _("{weekday} at {time}").format(
            weekday=weekday_name(moment.weekday()), time=format_time(moment)
        )
    return describe_moment(moment, answered)


def example_sentence(agenda: Agenda, timeout_minutes: int, count: str, now: datetime) -> str:
    """The page's live example from its current (maybe unsaved) settings."""
    zone = ZoneInfo(agenda.timezone)
    answered = example_answer_moment(agenda, now).astimezone(zone)
    if count == BUSINESS_HOURS:
        try:
            closes = add_open_minutes(agenda, answered, timeout_minutes)
        except BeyondHorizon as problem:
            return str(problem)
    else:  # in UTC: local arithmetic would add wall-clock time
        closes = answered.astimezone(UTC) + timedelta(minutes=timeout_minutes)
    closes = closes.astimezone(zone)
    answered_words = _("{weekday} at {time}").format(
        weekday=weekday_name(answered.weekday()), time=format_time(answered)
    )
    return _("If the attendant answers {answered}, the attendance will be closed {closes}.").format(
        answered=answered_words, closes=_moment_words(closes, answered)
    )
