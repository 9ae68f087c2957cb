"""Should an automatic message go out at moment `t`? (SPEC §7, the rule engine.)

`suppress` when Priorizar atendimento is effective and the customer's attendance is in
progress; else `defer` to the next opening when the agenda is on and `t` is outside it;
else `send`. The page's "Simular" box and `atende simulate` both ask `decide`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.core.instances import priority
from app.core.instances.plans import plan_label
from app.core.schedule.agenda import Agenda
from app.core.schedule.opening import SEARCH_DAYS, current_interval_end, is_open, next_opening
from app.core.schedule.store import load_agenda
from app.core.storage.models import Instance
from app.i18n import _, format_date, format_time, weekday_name

SEND = "send"
DEFER = "defer"
SUPPRESS = "suppress"


@dataclass(frozen=True)
class Decision:
    decision: str  # SEND | DEFER | SUPPRESS
    reason: str  # Portuguese
    next_opening: datetime | None  # only for DEFER, in the instance's zone

    def as_json(self) -> dict[str, str | None]:
        return {
            "decision": self.decision,
            "reason": self.reason,
            "next_opening": self.next_opening.isoformat() if self.next_opening else None,
        }


def decide(
    instance: Instance, t: datetime, in_progress: bool, agenda: Agenda | None = None
) -> Decision:
    """The decision at the aware instant `t`; `agenda` defaults to the stored one (the page
    passes its unsaved values to preview them)."""
    if t.tzinfo is None:
        raise ValueError("naive datetime: an instant needs a timezone")
    if agenda is None:
        agenda = load_agenda(instance)
    zone = ZoneInfo(agenda.timezone)
    if in_progress and priority.is_effective(instance):
        return Decision(
            SUPPRESS,
            _(
                "Prioritize attendance is on and this customer's attendance is in progress: the "
                "automatic message is not sent."
            ),
            None,
        )
    if agenda.enabled and not is_open(agenda, t):
        opening = next_opening(agenda, t)
        why = closed_reason(agenda, t.astimezone(zone).date())
        if opening is None:
            return Decision(
                DEFER,
                _(
                    "{why}; the agenda does not open in the next {days} days, so the message waits."
                ).format(why=why, days=SEARCH_DAYS),
                None,
            )
        local = opening.astimezone(zone)
        return Decision(
            DEFER,
            _("{why}; the message waits for the next opening: {when}.").format(
                why=why, when=describe_moment(local, t.astimezone(zone))
            ),
            local,
        )
    return Decision(SEND, _send_reason(instance, agenda, in_progress), None)


def _send_reason(instance: Instance, agenda: Agenda, in_progress: bool) -> str:
    hours = _("Within business hours") if agenda.enabled else _("The business hours agenda is off")
    if in_progress and priority.stored_but_not_effective(instance):
        return _(
            "{hours}; Prioritize attendance is on but not included in the {plan} plan, "
            "so the message is sent even during the attendance."
        ).format(hours=hours, plan=plan_label(instance.plan))
    if in_progress:
        return _(
            "{hours}; Prioritize attendance is off, so the message is sent even during "
            "the attendance."
        ).format(hours=hours)
    return _("{hours}; no attendance in progress: the message is sent now.").format(hours=hours)


def closed_reason(agenda: Agenda, day: date) -> str:
    """Why the agenda is closed at a moment of local date `day` (Portuguese)."""
    if day in agenda.special_dates:
        if not agenda.special_dates[day]:
            return _("Closed: {date} is a special date without hours").format(date=format_date(day))
        return _("Outside the hours of the special date {date}").format(date=format_date(day))
    holiday = agenda.holiday_name(day)
    if holiday is not None:
        return _("Closed for the holiday {name} ({date})").format(
            name=holiday, date=format_date(day)
        )
    if not agenda.week[day.weekday()]:
        return _("Closed all day ({weekday})").format(weekday=weekday_name(day.weekday()))
    return _("Outside business hours")


def describe_moment(moment: datetime, now: datetime, weekday_with_date: bool = True) -> str:
    """A local moment as seen from the local `now`: "hoje às 13:00", "amanhã às 08:00",
    "segunda-feira às 08:00" (within a week) or "segunda-feira, 21/04/2025 às 08:00"
    ("21/04/2025 às 08:00" with `weekday_with_date=False`, for a narrow table column)."""
    days = (moment.date() - now.date()).days
    time_text = format_time(moment)
    if days == 0:
        return _("today at {time}").format(time=time_text)
    if days == 1:
        return _("tomorrow at {time}").format(time=time_text)
    if 1 < days < 7:
        return _("{weekday} at {time}").format(
            weekday=weekday_name(moment.weekday()), time=time_text
        )
    if not weekday_with_date:
        return _("{date} at {time}").format(date=format_date(moment.date()), time=time_text)
    return _("{weekday}, {date} at {time}").format(
        weekday=weekday_name(moment.weekday()), date=format_date(moment.date()), time=time_text
    )


def status_line(agenda: Agenda, now: datetime) -> str:
    """ "Aberto agora" / "Fechado agora — abre segunda-feira às 08:00" for the page."""

    zone = ZoneInfo(agenda.timezone)
    local_now = now.astimezone(zone)
    if not agenda.enabled:
        return _("Agenda off: automatic messages go out at any time")
    if is_open(agenda, now):
        closes = current_interval_end(agenda, now)
        if closes is None or closes - now > timedelta(days=7):
            return _("Open now")
        return _("Open now — closes {when}").format(
            when=describe_moment(closes.astimezone(zone), local_now)
        )
    opening = next_opening(agenda, now)
    if opening is None:
        return _("Closed now — no opening in the next {days} days").format(days=SEARCH_DAYS)
    return _("Closed now — opens {when}").format(
        when=describe_moment(opening.astimezone(zone), local_now)
    )
