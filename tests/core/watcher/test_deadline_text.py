"""Deadlines in words for the pages: the countdown past today, the live example."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.core.schedule.agenda import Agenda
from app.core.watcher.deadline_text import (
    describe_deadline,
    example_answer_moment,
    example_sentence,
)

SP = ZoneInfo("America/Sao_Paulo")
WEDNESDAY = datetime(2025, 3, 12, 10, 0, tzinfo=SP)
WORKDAYS = Agenda(True, "America/Sao_Paulo", (((480, 1080),),) * 5 + ((), ()))


def test_the_countdown_names_the_day_when_the_deadline_is_not_today():
    zone = "America/Sao_Paulo"
    assert describe_deadline(datetime(2025, 3, 12, 23, 59, tzinfo=SP), WEDNESDAY, zone) is None
    tomorrow = describe_deadline(datetime(2025, 3, 13, 8, 50, tzinfo=SP), WEDNESDAY, zone)
    assert tomorrow is not None and tomorrow.endswith("amanhã às 08:50")
    monday = describe_deadline(datetime(2025, 3, 17, 8, 50, tzinfo=SP), WEDNESDAY, zone)
    assert monday is not None and monday.endswith("segunda-feira às 08:50")
    # The instance's zone decides what "today" is: 01:00 UTC Thursday is Wednesday in SP.
    late = datetime(2025, 3, 13, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert describe_deadline(late, WEDNESDAY, zone) is None


def test_the_example_answers_before_the_longest_pause_of_the_week():
    assert example_answer_moment(WORKDAYS, WEDNESDAY) == datetime(2025, 3, 14, 17, 50, tzinfo=SP)
    off = Agenda(False, "America/Sao_Paulo", WORKDAYS.week)
    assert example_answer_moment(off, WEDNESDAY) == WEDNESDAY
    # The pause of a holiday weekend is longer: Good Friday 2025 closes Thursday 17:50.
    easter_week = datetime(2025, 4, 14, 10, 0, tzinfo=SP)
    assert example_answer_moment(WORKDAYS, easter_week) == datetime(2025, 4, 17, 17, 50, tzinfo=SP)


def test_the_spec_sentence_and_its_calendar_twin():
    sentence = example_sentence(WORKDAYS, 60, "business_hours", WEDNESDAY)
    assert "sexta-feira às 17:50" in sentence and "segunda-feira às 08:50" in sentence
    calendar = example_sentence(WORKDAYS, 60, "calendar", WEDNESDAY)
    assert "sexta-feira às 17:50" in calendar and "18:50" in calendar
    assert "segunda-feira" not in calendar
    special = Agenda(
        True, "America/Sao_Paulo", WORKDAYS.week, special_dates={date(2025, 3, 15): ((480, 600),)}
    )
    # Saturday 15 opens 08:00–10:00: the longest pause is now Saturday 10:00 → Monday.
    sentence = example_sentence(special, 60, "business_hours", WEDNESDAY)
    assert "sábado às 09:50" in sentence and "segunda-feira às 08:50" in sentence


def test_a_limit_the_agenda_cannot_hold_is_explained_instead():
    one_hour = Agenda(True, "America/Sao_Paulo", (((480, 540),),) + ((),) * 6, None)
    sentence = example_sentence(one_hour, 90 * 24 * 60, "business_hours", WEDNESDAY)
    assert "90 dias" in sentence and "400" in sentence
