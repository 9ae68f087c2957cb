"""Encerramento automático settings: bounds, units, presets, validation, save, config section."""

from __future__ import annotations

import json

import pytest

from app.core.common.validation import ValidationError, errors, warnings
from app.core.config.checks import check_instance
from app.core.config.file_format import dumps, export_config, import_config, validate_config
from app.core.config.transfer import duplicate_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import AutoCloseSettings, HistoryEvent
from app.core.watcher import auto_close, time_limit
from app.i18n import _
from tests.config_helpers import config, instance_config

VALID = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
    "count": "calendar",
    "warning": None,
}


def values(**changes):
    return {**VALID, **changes}


def paths(problems):
    return [p.path for p in problems]


# --- time limit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "ok"),
    [(0, False), (1, True), (60, True), (129_600, True), (129_601, False), (-5, False)],
)
def test_timeout_bounds_are_one_minute_to_ninety_days(minutes, ok):
    problems = errors(auto_close.validate(values(timeout_minutes=minutes)))
    if ok:
        assert problems == []
    else:
        assert paths(problems) == ["auto_close.timeout_minutes"]
        assert problems[0].message == "Escolha entre 1 minuto e 90 dias."


def test_a_time_limit_in_bounds_is_whole_minutes_from_1_to_90_days():
    assert [time_limit.in_bounds(v) for v in (1, 129_600)] == [True, True]
    assert not any(time_limit.in_bounds(v) for v in (0, 129_601, 30.0, "30", True, None))


def test_units_convert_both_ways():
    assert time_limit.TIMEOUT_MAX == 129_600
    assert auto_close.to_minutes(5, "hours") == 300
    assert auto_close.to_minutes(2, "days") == 2880
    assert auto_close.to_minutes(45, "minutes") == 45
    assert auto_close.split_minutes(300) == (5, "hours")
    assert auto_close.split_minutes(2880) == (2, "days")
    assert auto_close.split_minutes(90) == (90, "minutes")
    assert auto_close.split_minutes(1500) == (25, "hours")
    with pytest.raises(ValueError):
        auto_close.to_minutes(1, "weeks")


def test_unit_names_follow_the_count():
    assert auto_close.unit_name("hours", 1) == "hora"
    assert auto_close.unit_name("hours", 5) == "horas"
    assert auto_close.unit_name("days", 2) == "dias"
    assert auto_close.unit_name("minutes", 1) == "minuto"


def test_presets_are_written_by_babel():
    assert [text for _m, text in auto_close.preset_labels()] == [
        "30 minutos",
        "1 hora",
        "5 horas",
        "12 horas",
        "1 dia",
        "2 dias",
        "7 dias",
    ]
    assert [m for m, _t in auto_close.preset_labels()] == [30, 60, 300, 720, 1440, 2880, 10080]


# --- validation ----------------------------------------------------------------------------


def test_labels_are_the_seed_wording():
    assert auto_close.SETTINGS[2].key == "close_assigned_by_operator"
    from app.i18n import _

    assert _(auto_close.setting("close_assigned_by_operator").label) == (
        "Encerrar atendimento humano atribuído por outro operador"
    )
    assert _(auto_close.setting("close_started_by_bot_or_workflow").label) == (
        "Encerrar atendimento humano atribuído por chatbot ou workflow"
    )


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("enabled", 1),
        ("enabled", "true"),
        ("timeout_minutes", True),
        ("timeout_minutes", "60"),
        ("timeout_minutes", 60.0),
        ("close_assigned_by_operator", 0),
        ("close_started_by_bot_or_workflow", None),
        ("closing_message", 5),
    ],
)
def test_types_are_strict(key, bad):
    problems = errors(auto_close.validate(values(**{key: bad}), "instances[0].auto_close"))
    assert paths(problems) == [f"instances[0].auto_close.{key}"]


def test_unknown_and_missing_keys_are_named():
    data = values(extra=1)
    del data["enabled"]
    problems = auto_close.validate(data)
    assert sorted(paths(problems)) == ["auto_close.enabled", "auto_close.extra"]
    assert auto_close.validate([]) and auto_close.validate([])[0].path == "auto_close"


def test_closing_message_uses_the_template_rules():
    problems = errors(auto_close.validate(values(closing_message="Olá {{nme}}")))
    assert paths(problems) == ["auto_close.closing_message"]
    assert "você quis dizer {{nome}}?" in problems[0].message
    assert errors(auto_close.validate(values(closing_message="{{nome"))) != []
    assert errors(auto_close.validate(values(closing_message="x" * 4097))) != []
    # Optional: blank or null is fine.
    assert auto_close.validate(values(closing_message="   ")) == []
    assert auto_close.validate(values(closing_message="Até logo, {{ nome }}!\r\nTchau")) == []


def test_both_switches_off_is_a_warning_only_when_enabled():
    off = {"close_assigned_by_operator": False, "close_started_by_bot_or_workflow": False}
    problems = auto_close.validate(values(**off))
    assert errors(problems) == []
    assert [p.path for p in warnings(problems)] == ["auto_close"]
    assert "nada será encerrado" in problems[0].message
    assert auto_close.validate(values(enabled=False, **off)) == []


# --- reading and saving --------------------------------------------------------------------


def test_no_row_means_the_defaults_disabled(make_instance):
    instance = make_instance()
    assert auto_close.get_settings(instance) == {
        "enabled": False,
        "timeout_minutes": 60,
        "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": False,
        "closing_message": None,
        "count": "calendar",
        "warning": None,
    }


def test_save_stores_and_records_one_event(make_instance, clock):
    instance = make_instance()
    before = HistoryEvent.select().count()
    new = values(
        timeout_minutes=300,
        close_started_by_bot_or_workflow=True,
        closing_message="Tchau, {{nome}}!\r\nVolte sempre.",
    )
    assert auto_close.save(instance, new, clock) is True
    stored = auto_close.get_settings(instance)
    assert stored["closing_message"] == "Tchau, {{nome}}!\nVolte sempre."
    assert stored["timeout_minutes"] == 300 and stored["enabled"] is True
    events = list(HistoryEvent.select().where(HistoryEvent.id > before))
    assert len(events) == 1
    assert events[0].kind == "config" and events[0].section == "auto_close"
    assert events[0].summary == (
        "Encerramento automático: ativado; tempo limite: 1 hora → 5 horas; “Encerrar "
        "atendimento humano atribuído por chatbot ou workflow” ligado; mensagem de "
        "encerramento definida"
    )
    assert events[0].details["after"]["timeout_minutes"] == 300


def test_saving_the_same_values_writes_nothing(make_instance, clock):
    instance = make_instance()
    auto_close.save(instance, values(), clock)
    count = HistoryEvent.select().count()
    assert auto_close.save(instance, values(closing_message="  "), clock) is False
    assert HistoryEvent.select().count() == count


def test_invalid_values_save_nothing(make_instance, clock):
    instance = make_instance()
    count = HistoryEvent.select().count()
    with pytest.raises(ValidationError) as exc:
        auto_close.save(instance, values(timeout_minutes=0, closing_message="{{x}}"), clock)
    assert sorted(p.path for p in exc.value.problems) == [
        "auto_close.closing_message",
        "auto_close.timeout_minutes",
    ]
    assert AutoCloseSettings.select().count() == 0
    assert HistoryEvent.select().count() == count


def test_turning_off_and_removing_the_message_are_described(make_instance, clock):
    instance = make_instance()
    auto_close.save(instance, values(closing_message="Oi"), clock)
    auto_close.save(instance, values(enabled=False, close_assigned_by_operator=False), clock)
    last = HistoryEvent.select().order_by(HistoryEvent.id.desc()).get()
    assert last.summary == (
        "Encerramento automático: desativado; “Encerrar atendimento humano atribuído por "
        "outro operador” desligado; mensagem de encerramento removida"
    )


# --- config section ------------------------------------------------------------------------


def test_export_has_the_exact_json_shape(make_instance, clock):
    make_instance()
    exported = export_config()["instances"][0]["auto_close"]
    assert exported == {
        "enabled": False,
        "timeout_minutes": 60,
        "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": False,
        "closing_message": None,
        "count": "calendar",
        "warning": None,
    }
    assert '"closing_message": null' in dumps(export_config())


def config_with(auto):
    return config(instance_config(prioritize_attendance=False, auto_close=auto))


def test_import_refuses_wrong_types_with_the_json_path(db):
    problems = validate_config(config_with(values(enabled=1, timeout_minutes="60")))
    assert sorted(p.path for p in errors(problems)) == [
        "instances[0].auto_close.enabled",
        "instances[0].auto_close.timeout_minutes",
    ]


def test_import_applies_and_round_trips(db, clock, tmp_path):
    data = config_with(values(timeout_minutes=2880, closing_message="Tchau\r\n{{nome}}"))
    import_config(data, clock)
    first = dumps(export_config())
    assert '"timeout_minutes": 2880' in first
    assert '"closing_message": "Tchau\\n{{nome}}"' in first
    close_database()
    open_database(tmp_path / "other.sqlite3")
    import_config(json.loads(first), clock)
    assert dumps(export_config()) == first


def test_import_with_both_switches_off_warns(db, clock):
    off = values(close_assigned_by_operator=False, close_started_by_bot_or_workflow=False)
    result = import_config(config_with(off), clock)
    assert [p.path for p in result.warnings] == ["instances[0].auto_close"]


def test_duplicate_and_check_walk_the_section(make_instance, clock):
    instance = make_instance()
    off = values(timeout_minutes=720, close_assigned_by_operator=False)
    auto_close.save(instance, off, clock)
    fields = {"name": "Cópia", "phone": "(21) 2555-1234", "plan": "avancado"}  # as Duplicar
    copy = duplicate_instance(instance, clock, {**fields, "timezone": instance.timezone})
    assert auto_close.get_settings(copy) == auto_close.get_settings(instance)
    problems = check_instance(instance)
    assert [(p.path, p.warning) for p in problems] == [("Loja Centro.auto_close", True)]


def test_the_history_says_how_time_counts_and_what_happened_to_the_warning(make_instance, clock):
    shop = make_instance()
    warning = {"minutes_before": 15, "message": "Ainda aí?"}
    auto_close.save(shop, values(), clock)
    auto_close.save(shop, values(count="business_hours", warning=warning), clock)
    auto_close.save(shop, values(count="business_hours"), clock)
    summaries = [e.summary for e in HistoryEvent.select().order_by(HistoryEvent.id)][-2:]
    assert "15 minutos" in summaries[0] and summaries[0].count(";") == 1  # two changes
    assert summaries[1] == _("Automatic closing: {changes}").format(
        changes=_("warning before closing removed")
    )
