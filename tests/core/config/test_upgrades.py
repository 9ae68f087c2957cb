"""Config version 2 (SPEC §12): v1 files upgrade in one step, the new keys are validated with
their paths, and export → import → export stays byte-identical."""

from __future__ import annotations

import copy
import json

import pytest

from app.core.common.validation import errors
from app.core.config import upgrades
from app.core.config.file_format import (
    VERSION,
    dumps,
    export_config,
    import_config,
    validate_config,
)
from app.core.storage.db import close_database, open_database
from tests.config_helpers import config, instance_config

AUTO_V1 = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
}
WARNING = {"minutes_before": 10, "message": "Oi {{primeiro_nome}}, ainda está aí?"}


def v2_file(**auto_close):
    return config(instance_config(prioritize_attendance=False, auto_close=auto_close))


def test_one_step_per_version_up_to_the_current_one():
    assert VERSION == upgrades.CURRENT == 2
    assert sorted(upgrades.STEPS) == list(range(upgrades.FIRST, upgrades.CURRENT))


def test_a_version_1_file_counts_calendar_time_without_warning(db, clock):
    data = v2_file(**AUTO_V1)
    data["version"] = 1
    original = copy.deepcopy(data)
    assert errors(validate_config(data)) == []
    import_config(data, clock)
    assert data == original  # the caller's data is not changed
    exported = export_config()
    assert exported["version"] == 2
    auto_close = exported["instances"][0]["auto_close"]
    assert (auto_close["count"], auto_close["warning"]) == ("calendar", None)


def test_a_version_2_file_round_trips_byte_identical(db, clock, tmp_path):
    data = v2_file(**AUTO_V1, count="business_hours", warning=WARNING)
    import_config(data, clock)
    first = dumps(export_config())
    assert '"count": "business_hours"' in first and '"minutes_before": 10' in first
    close_database()
    open_database(tmp_path / "other.sqlite3")
    import_config(json.loads(first), clock)
    assert dumps(export_config()) == first


def test_the_new_keys_are_required_in_version_2(db):
    problems = validate_config(v2_file(**AUTO_V1))
    assert sorted(p.path for p in errors(problems)) == [
        "instances[0].auto_close.count",
        "instances[0].auto_close.warning",
    ]


@pytest.mark.parametrize(
    ("count", "warning", "path"),
    [
        ("hours", None, "count"),
        (["calendar"], None, "count"),
        ("calendar", "10", "warning"),
        ("calendar", {"minutes_before": 10}, "warning.message"),
        ("calendar", {**WARNING, "extra": 1}, "warning.extra"),
        ("calendar", {**WARNING, "minutes_before": 0}, "warning.minutes_before"),
        ("calendar", {**WARNING, "minutes_before": 60}, "warning.minutes_before"),
        ("calendar", {**WARNING, "minutes_before": 10.5}, "warning.minutes_before"),
        ("calendar", {**WARNING, "minutes_before": True}, "warning.minutes_before"),
        ("calendar", {**WARNING, "message": ""}, "warning.message"),
        ("calendar", {**WARNING, "message": None}, "warning.message"),
        ("calendar", {**WARNING, "message": "Oi {{nme}}"}, "warning.message"),
        ("calendar", {**WARNING, "message": "Oi {{nome"}, "warning.message"),
    ],
)
def test_wrong_values_are_errors_at_their_path(db, count, warning, path):
    problems = errors(validate_config(v2_file(**AUTO_V1, count=count, warning=warning)))
    assert [p.path for p in problems] == [f"instances[0].auto_close.{path}"]


def test_minutes_before_runs_from_one_to_the_timeout_minus_one(db):
    def problems(before, timeout=60):
        auto = {**AUTO_V1, "timeout_minutes": timeout}
        warning = {**WARNING, "minutes_before": before}
        return errors(validate_config(v2_file(**auto, count="calendar", warning=warning)))

    assert problems(1) == [] and problems(59) == []
    [too_late] = problems(60)
    assert "1 minuto" in too_late.message and "59 minutos" in too_late.message
    [short] = problems(1, timeout=1)  # a 1-minute limit leaves no room for a warning
    assert short.path.endswith("warning.minutes_before")
    misspelt = errors(
        validate_config(
            v2_file(**AUTO_V1, count="calendar", warning={**WARNING, "message": "Oi {{nme}}"})
        )
    )
    assert "{{nome}}" in misspelt[0].message  # the section 8 rules: "você quis dizer"


def test_a_newer_version_is_refused_naming_version(db):
    data = v2_file(**AUTO_V1, count="calendar", warning=None)
    data["version"] = 3
    [problem] = errors(validate_config(data))
    assert problem.path == "version" and "3" in problem.message
    assert upgrades.upgrade(data) is data  # not touched
