"""The Agenda de funcionamento page: load, validate as typed, copy, save, live previews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

from app.core.audit import history
from app.core.instances import priority
from app.core.schedule import store as schedule
from app.ui.pages import PAGES
from app.ui.pages.schedule import SchedulePage
from app.ui.widgets.simulate_box import WALL
from app.ui.widgets.time_field import TimeField
from tests.ui.conftest import find

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def clinic_values() -> dict:
    week = {key: [] for key in WEEKDAYS}
    for key in WEEKDAYS[:5]:
        week[key] = [["08:00", "12:00"], ["13:00", "18:00"]]
    return {
        "enabled": True,
        "week": week,
        "holidays": {"country": "BR", "subdivision": None},
        "special_dates": [],
    }


@pytest.fixture
def clinic(make_instance, clock):
    instance = make_instance("Clínica", plan="avancado")
    schedule.save(instance, clinic_values(), clock)
    return instance


@pytest.fixture
def page(qtbot, clinic, context):
    widget = SchedulePage(clinic.id, context)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    return widget


def field(page, text: str) -> TimeField:
    return find(page, text, TimeField)


def test_the_page_is_registered():
    spec = next(s for s in PAGES if s.key == "schedule")
    assert (spec.module, spec.cls) == ("app.ui.pages.schedule", "SchedulePage")


def test_loads_the_stored_agenda(page):
    assert find(page, "Usar agenda de funcionamento", QAbstractButton).isChecked()
    assert field(page, "segunda-feira: início do intervalo 2").text() == "13:00"
    assert find(page, "sábado: horários", QComboBox).currentText() == "Fechado"
    assert not page.save_button.isEnabled()
    assert page.status.text() == "Aberto agora — fecha hoje às 12:00"
    assert "Horário de Brasília (São Paulo)" in page.zone_label.text()  # not the IANA name
    assert "10:00" in page.zone_label.text() and "Sao_Paulo" not in page.zone_label.text()
    assert page.zone_label.toolTip() == "America/Sao_Paulo"


def test_crossing_midnight_shows_the_split_under_the_row_and_blocks_saving(page):
    field(page, "segunda-feira: início do intervalo 1").setText("22:00")
    field(page, "segunda-feira: fim do intervalo 1").setText("02:00")
    row = page.days["monday"].rows[0]
    assert row.error.isVisibleTo(page)
    assert row.error.text() == (
        "Passa da meia-noite: divida em 22:00–24:00 e 00:00–02:00 no dia seguinte"
    )
    assert not page.save_button.isEnabled()
    assert page.status_label.text() == "Corrija os campos marcados em vermelho para salvar."
    assert page.simulation.decision.text() == "Corrija os campos marcados em vermelho para simular."


def test_a_malformed_time_marks_the_exact_field(page):
    start = field(page, "terça-feira: início do intervalo 2")
    start.setText("25:00")
    row = page.days["tuesday"].rows[1]
    assert row.error.text().startswith("Início: Use HH:MM")
    assert start.invalid is True and start.property("invalid") is True
    assert field(page, "terça-feira: fim do intervalo 2").invalid is False
    start.setText("13:30")
    assert not row.error.isVisibleTo(page) and start.property("invalid") is False
    assert page.save_button.isEnabled()


def test_overlap_is_shown_on_the_later_interval(page):
    field(page, "quarta-feira: início do intervalo 2").setText("11:00")
    rows = page.days["wednesday"].rows
    assert not rows[0].error.isVisibleTo(page)
    assert rows[1].error.text().startswith("Sobrepõe 08:00–12:00")


def test_24_00_end_is_accepted(page, clinic):
    field(page, "segunda-feira: fim do intervalo 2").setText("24:00")
    assert page.save_button.isEnabled()
    assert page.save()
    assert schedule.export_schedule(clinic)["week"]["monday"][1] == ["13:00", "24:00"]


def test_agenda_on_with_every_day_closed_is_an_error(page):
    for key in WEEKDAYS[:5]:
        page.days[key].mode.setCurrentIndex(0)
    label = page.error_labels["schedule.week"]
    assert label.isVisibleTo(page) and "pelo menos um dia" in label.text()
    assert not page.save_button.isEnabled()
    find(page, "Usar agenda de funcionamento", QAbstractButton).setChecked(False)
    assert not label.isVisibleTo(page)
    assert page.save_button.isEnabled()


def test_few_hours_warn_but_save(page):
    for key in WEEKDAYS[1:5]:
        page.days[key].mode.setCurrentIndex(0)
    label = page.error_labels["schedule.week"]
    assert "menos de 8 horas" not in label.text()  # 9 h on Monday
    field(page, "segunda-feira: fim do intervalo 2").setText("14:00")
    assert "Aberto só 5 horas por semana" in label.text()
    assert page.save_button.isEnabled()


def test_copy_to_weekdays(page):
    find(page, "sábado: horários", QComboBox).setCurrentIndex(1)  # Aberto 24 horas
    page.days["wednesday"].mode.setCurrentIndex(1)
    find(page, "Copiar quarta-feira para os dias úteis", QAbstractButton).click()
    values = page.read_values()["week"]
    assert all(values[k] == [["00:00", "24:00"]] for k in WEEKDAYS[:5])
    assert values["saturday"] == [["00:00", "24:00"]] and values["sunday"] == []
    assert page.save_button.isEnabled()


def test_add_and_remove_intervals(page):
    saturday = find(page, "sábado: horários", QComboBox)
    saturday.setCurrentIndex(2)  # Horários: one default interval appears
    assert page.read_values()["week"]["saturday"] == [["08:00", "18:00"]]
    find(page, "sábado: adicionar intervalo", QAbstractButton).click()
    assert page.read_values()["week"]["saturday"] == [["08:00", "18:00"], ["19:00", "20:00"]]
    find(page, "sábado: remover intervalo 1", QAbstractButton).click()
    assert page.read_values()["week"]["saturday"] == [["19:00", "20:00"]]
    assert field(page, "sábado: início do intervalo 1").text() == "19:00"  # renumbered
    find(page, "sábado: remover intervalo 1", QAbstractButton).click()
    assert saturday.currentText() == "Fechado"


def test_save_persists_and_records_history(page, clinic):
    field(page, "sexta-feira: fim do intervalo 2").setText("17:00")
    find(page, "Feriados", QComboBox).setCurrentIndex(2)
    state = find(page, "Estado", QComboBox)
    state.setCurrentIndex(state.findData("RJ"))
    assert page.save()
    stored = schedule.export_schedule(clinic)
    assert stored["week"]["friday"] == [["08:00", "12:00"], ["13:00", "17:00"]]
    assert stored["holidays"] == {"country": "BR", "subdivision": "RJ"}
    assert "sexta-feira" in history.events(clinic).first().summary
    assert not page.save_button.isEnabled()
    assert page.status_label.text() == "Salvo."


def test_holiday_list_follows_the_state_choice(page):
    assert "Revolução Constitucionalista" not in page.holidays.upcoming.text()
    assert page.holidays.upcoming.text().splitlines()[0] == (
        "18/04/2025 (sexta-feira) — Sexta-feira Santa"
    )
    find(page, "Feriados", QComboBox).setCurrentIndex(2)
    state = find(page, "Estado", QComboBox)
    state.setCurrentIndex(state.findData("SP"))
    assert "09/07/2025 (quarta-feira) — Revolução Constitucionalista" in (
        page.holidays.upcoming.text()
    )
    find(page, "Feriados", QComboBox).setCurrentIndex(0)
    assert page.read_values()["holidays"] is None
    assert not page.holidays.upcoming.isVisibleTo(page)


def test_special_date_over_a_holiday(page, clinic):
    find(page, "Adicionar data especial", QAbstractButton).click()
    find(page, "data especial 1: data", QWidget).setDate(QDate(2025, 4, 21))
    assert page.read_values()["special_dates"] == [
        {"date": "2025-04-21", "intervals": [["08:00", "12:00"]]}
    ]
    assert "Tiradentes · data especial: 08:00–12:00" in page.holidays.upcoming.text()
    page.simulation.at.setDateTime(QDateTime(QDate(2025, 4, 21), QTime(9, 0), WALL))
    assert page.simulation.decision.text() == "Enviada agora"
    assert page.save()
    assert schedule.export_schedule(clinic)["special_dates"] == [
        {"date": "2025-04-21", "intervals": [["08:00", "12:00"]]}
    ]


def test_repeated_special_date_is_an_error_under_the_date(page):
    add = find(page, "Adicionar data especial", QAbstractButton)
    add.click()
    add.click()
    find(page, "data especial 2: data", QWidget).setDate(QDate(2025, 3, 13))
    row = page.special.rows[1]
    assert row.date_error.text() == "13/03/2025 já aparece acima: uma entrada por data"
    assert not page.save_button.isEnabled()
    find(page, "data especial 1: remover", QAbstractButton).click()
    assert page.save_button.isEnabled()
    assert find(page, "data especial 1: data", QWidget).date() == QDate(2025, 3, 13)


def test_simulate_defer_and_suppress(page, clinic, clock):
    page.simulation.at.setDateTime(QDateTime(QDate(2025, 4, 21), QTime(10, 0), WALL))
    assert page.simulation.decision.text() == "Adiada para amanhã às 08:00"
    assert "Tiradentes" in page.simulation.reason.text()
    priority.save(clinic, True, clock)
    find(page, "Atendimento em andamento", QAbstractButton).setChecked(True)
    assert page.simulation.decision.text() == "Não enviada"
    assert "Priorizar atendimento" in page.simulation.reason.text()


def test_simulation_previews_unsaved_hours(page):
    page.simulation.at.setDateTime(QDateTime(QDate(2025, 3, 15), QTime(10, 0), WALL))  # Saturday
    assert page.simulation.decision.text().startswith("Adiada para")
    find(page, "sábado: horários", QComboBox).setCurrentIndex(1)
    assert page.simulation.decision.text() == "Enviada agora"
    assert page.status.text().endswith("(com as alterações não salvas)")


def test_status_line_follows_the_clock(page, clock):
    clock.advance(timedelta(hours=2, minutes=30))  # 12:30, lunch break
    page.refresh_clock()
    assert page.status.text() == "Fechado agora — abre hoje às 13:00"
    clock.set(datetime(2025, 3, 14, 21, 30, tzinfo=UTC))  # Friday 18:30
    page.refresh_clock()
    assert page.status.text() == "Fechado agora — abre segunda-feira às 08:00"
    assert page.strip.now == (4, 18 * 60 + 30)
    assert page.clock_timer.isActive()


def test_week_strip_shows_the_edited_week(page):
    assert page.strip.week[0] == ((480, 720), (780, 1080))
    page.days["sunday"].mode.setCurrentIndex(1)
    assert page.strip.week[6] == ((0, 1440),)
    assert "domingo 16/03: 00:00–24:00" in page.strip.accessibleDescription()
    assert page.total_label.text() == "Aberto 69 horas por semana."


def test_leaving_with_unsaved_changes_can_discard(page, clinic, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    field(page, "segunda-feira: fim do intervalo 1").setText("11:00")
    assert page.has_unsaved_changes()
    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    assert page.confirm_leave()
    assert field(page, "segunda-feira: fim do intervalo 1").text() == "12:00"
    assert schedule.export_schedule(clinic)["week"]["monday"][0] == ["08:00", "12:00"]


def test_manaus_instance_reads_its_own_zone(qtbot, make_instance, clock, context):
    instance = make_instance("Açaí", timezone="America/Manaus")
    schedule.save(instance, clinic_values(), clock)
    page = SchedulePage(instance.id, context)
    qtbot.addWidget(page)
    # 13:00 UTC is 09:00 in Manaus.
    assert "Horário do Amazonas (Manaus)" in page.zone_label.text()
    assert "09:00" in page.zone_label.text()
    assert page.status.text() == "Aberto agora — fecha hoje às 12:00"
    assert page.simulation.at.dateTime().time() == QTime(9, 0)
