"""Storing the agenda: save, history, the config section, check, duplicate, round trip."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.core.audit import history
from app.core.common.validation import ValidationError
from app.core.config.checks import check_instance
from app.core.config.file_format import dumps, export_config, import_config, validate_config
from app.core.config.transfer import duplicate_instance
from app.core.schedule import store as schedule
from app.core.storage.db import close_database, open_database
from app.core.storage.models import ScheduleInterval, ScheduleSettings, SpecialDate, SpecialInterval

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def clinic_values() -> dict:
    week = {key: [] for key in WEEKDAYS}
    for key in WEEKDAYS[:5]:
        week[key] = [["13:00", "18:00"], ["08:00", "12:00"]]  # unsorted on purpose
    week["saturday"] = [["00:00", "24:00"]]
    return {
        "enabled": True,
        "week": week,
        "holidays": {"country": "BR", "subdivision": "SP"},
        "special_dates": [
            {"date": "2025-12-31", "intervals": []},
            {"date": "2025-12-24", "intervals": [["08:00", "12:00"]]},
        ],
    }


def row_counts() -> tuple[int, int, int, int]:
    return (
        ScheduleSettings.select().count(),
        ScheduleInterval.select().count(),
        SpecialDate.select().count(),
        SpecialInterval.select().count(),
    )


def test_an_instance_without_rows_exports_the_default(make_instance):
    instance = make_instance()
    assert schedule.export_schedule(instance) == {
        "enabled": False,
        "week": {key: [] for key in WEEKDAYS},
        "holidays": {"country": "BR", "subdivision": None},
        "special_dates": [],
    }
    assert not schedule.load_agenda(instance).enabled


def test_save_stores_canonically_and_records_history(make_instance, clock):
    instance = make_instance()
    assert schedule.save(instance, clinic_values(), clock) is True
    exported = schedule.export_schedule(instance)
    assert exported["week"]["monday"] == [["08:00", "12:00"], ["13:00", "18:00"]]
    assert exported["week"]["saturday"] == [["00:00", "24:00"]]
    assert exported["week"]["sunday"] == []
    assert [d["date"] for d in exported["special_dates"]] == ["2025-12-24", "2025-12-31"]
    assert exported["special_dates"][1]["intervals"] == []
    assert row_counts() == (1, 11, 2, 1)
    event = history.events(instance).first()
    assert event.section == "schedule"
    assert event.summary.startswith("Agenda de funcionamento: agenda ligada")
    assert "segunda-feira" in event.summary and "feriados: nacionais e de São Paulo" in (
        event.summary
    )
    assert event.details["schedule"] == exported


def test_saving_the_same_values_writes_nothing(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, clinic_values(), clock)
    before = history.events(instance).count()
    assert schedule.save(instance, clinic_values(), clock) is False
    assert history.events(instance).count() == before


def test_invalid_values_raise_and_write_nothing(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, clinic_values(), clock)
    counts = row_counts()
    bad = clinic_values()
    bad["week"]["monday"] = [["22:00", "02:00"]]
    with pytest.raises(ValidationError) as exc:
        schedule.save(instance, bad, clock)
    assert [p.path for p in exc.value.problems] == ["schedule.week.monday[0]"]
    assert row_counts() == counts
    assert schedule.export_schedule(instance)["week"]["monday"][0] == ["08:00", "12:00"]


def test_saving_replaces_rows_and_holidays_null(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, clinic_values(), clock)
    values = clinic_values()
    values["holidays"] = None
    values["special_dates"] = []
    values["week"] = {key: [["09:00", "17:00"]] for key in WEEKDAYS}
    schedule.save(instance, values, clock)
    assert row_counts() == (1, 7, 0, 0)
    agenda = schedule.load_agenda(instance)
    assert agenda.holidays_country is None and agenda.holiday_name(date(2025, 12, 25)) is None
    assert "feriados: ignorados" in history.events(instance).first().summary


def test_copy_to_workdays():
    week = {key: [] for key in WEEKDAYS}
    week["wednesday"] = [["08:00", "12:00"]]
    week["saturday"] = [["09:00", "13:00"]]
    copied = schedule.copy_to_workdays(week, "wednesday")
    assert all(copied[k] == [["08:00", "12:00"]] for k in WEEKDAYS[:5])
    assert copied["saturday"] == [["09:00", "13:00"]] and copied["sunday"] == []
    copied["monday"][0][0] = "07:00"
    assert week["wednesday"] == [["08:00", "12:00"]]  # a copy, not shared lists


def test_check_warns_about_few_hours(make_instance, clock):
    instance = make_instance()
    values = clinic_values()
    values["week"] = {key: [] for key in WEEKDAYS}
    values["week"]["monday"] = [["08:00", "10:00"]]
    schedule.save(instance, values, clock)
    problems = check_instance(instance)
    assert [(p.path, p.warning) for p in problems] == [("Loja Centro.schedule.week", True)]
    assert "2 horas" in problems[0].message


def test_duplicate_copies_the_agenda(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, clinic_values(), clock)
    copy = duplicate_instance(instance, clock)
    assert schedule.export_schedule(copy) == schedule.export_schedule(instance)


def test_config_file_rejects_a_bad_schedule_with_its_path(make_instance, clock):
    instance = make_instance()
    schedule.save(instance, clinic_values(), clock)
    data = export_config()
    data["instances"][0]["name"] = "Outra"
    data["instances"][0]["phone"] = "+552125551234"  # its own number: no warning about it
    data["instances"][0]["schedule"]["week"]["sunday"] = [["10:00", "09:00"]]
    problems = validate_config(data)
    assert [p.path for p in problems] == ["instances[0].schedule.week.sunday[0]"]


def test_round_trip_export_import_export_is_byte_identical(make_instance, clock, tmp_path):
    a = make_instance("Clínica")
    schedule.save(a, clinic_values(), clock)
    b = make_instance("Açaí", timezone="America/Manaus")
    values = clinic_values()
    values["enabled"] = False
    values["holidays"] = None
    schedule.save(b, values, clock)
    make_instance("Sem agenda")
    first = dumps(export_config())
    # Shuffle what a person might reorder by hand: the import must not care.
    data = json.loads(first)
    for item in data["instances"]:
        item["schedule"]["special_dates"].reverse()
        for day in item["schedule"]["week"].values():
            day.reverse()
    close_database()
    open_database(tmp_path / "empty.sqlite3")
    import_config(data, clock)
    assert dumps(export_config()) == first
    assert '"schedule": {' in first and '"2025-12-24"' in first
