"""The automatic-message decision: suppress / defer / send, with Portuguese reasons."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.instances import priority
from app.core.schedule import store as schedule
from app.core.schedule.agenda import Agenda, agenda_from_values
from app.core.schedule.decision import DEFER, SEND, SUPPRESS, decide, describe_moment, status_line

SP = ZoneInfo("America/Sao_Paulo")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def office_values(enabled: bool = True) -> dict:
    week = {key: [] for key in WEEKDAYS}
    for key in WEEKDAYS[:5]:
        week[key] = [["08:00", "12:00"], ["13:00", "18:00"]]
    return {
        "enabled": enabled,
        "week": week,
        "holidays": {"country": "BR", "subdivision": None},
        "special_dates": [],
    }


@pytest.fixture
def office(make_instance, clock):
    instance = make_instance(plan="intermediario")
    schedule.save(instance, office_values(), clock)
    return instance


def test_inside_hours_sends(office):
    d = decide(office, datetime(2025, 3, 12, 10, 0, tzinfo=SP), False)
    assert d.decision == SEND and d.next_opening is None
    assert d.reason.startswith("Dentro da agenda de funcionamento")


def test_outside_hours_defers_to_the_next_opening(office):
    d = decide(office, datetime(2025, 3, 14, 19, 0, tzinfo=SP), False)  # Friday evening
    assert d.decision == DEFER
    assert d.next_opening == datetime(2025, 3, 17, 8, 0, tzinfo=SP)
    assert d.next_opening.utcoffset().total_seconds() == -3 * 3600
    assert "segunda-feira às 08:00" in d.reason
    assert d.as_json() == {
        "decision": "defer",
        "reason": d.reason,
        "next_opening": "2025-03-17T08:00:00-03:00",
    }


def test_a_holiday_defer_names_the_holiday(office):
    d = decide(office, datetime(2025, 4, 21, 10, 0, tzinfo=SP), False)
    assert d.decision == DEFER
    assert "feriado Tiradentes (21/04/2025)" in d.reason
    assert d.next_opening == datetime(2025, 4, 22, 8, 0, tzinfo=SP)


def test_a_closed_weekend_says_so(office):
    d = decide(office, datetime(2025, 3, 15, 10, 0, tzinfo=SP), False)
    assert d.reason.startswith("Fechado o dia todo (sábado)")


def test_priorizar_effective_and_in_progress_suppresses_even_outside_hours(office, clock):
    priority.save(office, True, clock)
    for t in (datetime(2025, 3, 12, 10, 0, tzinfo=SP), datetime(2025, 3, 15, 10, 0, tzinfo=SP)):
        d = decide(office, t, True)
        assert d.decision == SUPPRESS and d.next_opening is None
        assert "Priorizar atendimento" in d.reason


def test_priorizar_without_an_attendance_in_progress_does_not_suppress(office, clock):
    priority.save(office, True, clock)
    assert decide(office, datetime(2025, 3, 12, 10, 0, tzinfo=SP), False).decision == SEND


def test_priorizar_off_never_suppresses(office):
    d = decide(office, datetime(2025, 3, 12, 10, 0, tzinfo=SP), True)
    assert d.decision == SEND
    assert "Priorizar atendimento está desligado" in d.reason


def test_priorizar_on_basic_plan_is_not_effective(make_instance, clock):
    instance = make_instance(plan="basico")
    priority.save(instance, True, clock)
    d = decide(instance, datetime(2025, 3, 12, 10, 0, tzinfo=SP), True)
    assert d.decision == SEND
    assert "plano Básico" in d.reason


def test_agenda_off_sends_at_any_time(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, office_values(enabled=False), clock)
    d = decide(instance, datetime(2025, 3, 16, 3, 0, tzinfo=SP), False)
    assert d.decision == SEND and "desligada" in d.reason


def test_an_unsaved_agenda_can_be_passed_in(office):
    always_closed_sunday = Agenda(True, "America/Sao_Paulo", week=((),) * 6 + (((0, 60),),))
    d = decide(office, datetime(2025, 3, 12, 10, 0, tzinfo=SP), False, always_closed_sunday)
    assert d.decision == DEFER
    assert d.next_opening == datetime(2025, 3, 16, 0, 0, tzinfo=SP)


def test_the_decision_uses_the_instance_zone(make_instance, clock):
    instance = make_instance(timezone="America/Manaus")
    schedule.save(instance, office_values(), clock)
    t = datetime(2025, 3, 12, 11, 30, tzinfo=UTC)  # 08:30 São Paulo, 07:30 Manaus
    d = decide(instance, t, False)
    assert d.decision == DEFER
    assert d.as_json()["next_opening"] == "2025-03-12T08:00:00-04:00"
    assert "hoje às 08:00" in d.reason


def test_naive_instants_are_refused(office):
    with pytest.raises(ValueError):
        decide(office, datetime(2025, 3, 12, 10, 0), False)


def test_describe_moment_words():
    now = datetime(2025, 3, 12, 10, 0, tzinfo=SP)  # Wednesday
    assert describe_moment(datetime(2025, 3, 12, 13, 0, tzinfo=SP), now) == "hoje às 13:00"
    assert describe_moment(datetime(2025, 3, 13, 8, 0, tzinfo=SP), now) == "amanhã às 08:00"
    assert describe_moment(datetime(2025, 3, 17, 8, 0, tzinfo=SP), now) == (
        "segunda-feira às 08:00"
    )
    assert describe_moment(datetime(2025, 3, 19, 8, 0, tzinfo=SP), now) == (
        "quarta-feira, 19/03/2025 às 08:00"
    )


def test_status_line():
    office = agenda_from_values(office_values(), "America/Sao_Paulo")
    assert status_line(office, datetime(2025, 3, 12, 10, 0, tzinfo=SP)) == (
        "Aberto agora — fecha hoje às 12:00"
    )
    assert status_line(office, datetime(2025, 3, 14, 18, 0, tzinfo=SP)) == (
        "Fechado agora — abre segunda-feira às 08:00"
    )
    off = agenda_from_values(office_values(enabled=False), "America/Sao_Paulo")
    assert status_line(off, datetime(2025, 3, 14, 18, 0, tzinfo=SP)).startswith("Agenda desligada")
    always = Agenda(True, "America/Sao_Paulo", week=(((0, 1440),),) * 7, holidays_country=None)
    assert status_line(always, datetime(2025, 3, 14, 18, 0, tzinfo=SP)) == "Aberto agora"
