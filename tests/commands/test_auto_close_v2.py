"""SPEC §12 through the CLI: config version 2 (`export`/`import`), business hours and the
warning before closing (`watch --once --now`), and `history --json` with each message as
the customer got it."""

from __future__ import annotations

import json

import pytest

from app.commands.watch import closed_message, warned_message
from tests.commands import cli_fixture

atende = cli_fixture.atende  # the fixture, shared by the CLI tests

WORKDAY = [["08:00", "18:00"]]
AUTO_CLOSE_V1 = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": "Atendimento {{protocolo}} encerrado. Obrigado, {{primeiro_nome}}!",
}
WARNING = {"minutes_before": 10, "message": "{{saudacao}}, {{primeiro_nome}}! Ainda está aí?"}


def config_file(version=2, **auto_close):
    week = {day: WORKDAY for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    week.update(saturday=[], sunday=[])
    instance = {
        "name": "Loja Centro",
        "phone": "+5511912345678",
        "plan": "intermediario",
        "timezone": "America/Sao_Paulo",
        "prioritize_attendance": False,
        "auto_close": {**AUTO_CLOSE_V1, **auto_close},
        "schedule": {
            "enabled": True,
            "week": week,
            "holidays": {"country": "BR", "subdivision": "SP"},
            "special_dates": [{"date": "2025-12-24", "intervals": [["08:00", "12:00"]]}],
        },
        "templates": [],
    }
    return {"format": "atende-config", "version": version, "instances": [instance]}


def write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return str(path)


def chat_line(agent_at, customer_at=None):
    return json.dumps(
        {
            "external_id": "wa-1",
            "customer_name": "Maria Souza",
            "protocol": "2025-0042",
            "status": "open",
            "handler": "human",
            "assigned_via": "operator",
            "last_agent_message_at": agent_at,
            "last_customer_message_at": customer_at,
        }
    )


@pytest.fixture
def business_hours(atende, tmp_path):
    """Loja Centro: Monday–Friday 08:00–18:00, 1 hour of business hours, a warning 10
    minutes before; its attendant last wrote on Friday 14/03/2025 at 17:50."""
    data = config_file(count="business_hours", warning=WARNING)
    assert atende("import", write(tmp_path / "config.json", data))[0] == 0
    chats = tmp_path / "chats.jsonl"
    chats.write_text(chat_line("2025-03-14T17:50:00-03:00") + "\n", "utf-8")
    assert atende("chats", "import", str(chats), "--instance", "Loja Centro")[0] == 0
    return chats


def watch_at(atende, now):
    return atende("watch", "--once", "--now", now)


def test_friday_1750_plus_one_business_hour_warns_monday_0840_and_closes_0850(
    atende, business_hours
):
    quiet = closed_message(0) + "\n" + warned_message(0) + "\n"
    assert watch_at(atende, "2025-03-14T18:50:00-03:00") == (0, quiet, "")  # calendar's hour
    assert watch_at(atende, "2025-03-17T08:39:59-03:00") == (0, quiet, "")
    warned = closed_message(0) + "\n" + warned_message(1) + "\n"
    assert watch_at(atende, "2025-03-17T08:40:00-03:00") == (0, warned, "")
    assert watch_at(atende, "2025-03-17T08:45:00-03:00") == (0, quiet, "")  # once
    closed = "1 atendimento encerrado\n" + warned_message(0) + "\n"
    assert watch_at(atende, "2025-03-17T08:50:00-03:00") == (0, closed, "")

    code, out, _err = atende("history", "--json")
    assert code == 0
    closing, warning = [e for e in json.loads(out) if e["chat"] == "wa-1"]
    assert (closing["kind"], warning["kind"]) == ("auto_close", "auto_close_warning")
    assert closing["at"] == "2025-03-17T11:50:00+00:00"
    assert closing["message"] == "Atendimento 2025-0042 encerrado. Obrigado, Maria!"
    assert warning["at"] == "2025-03-17T11:40:00+00:00"
    assert warning["message"] == "Bom dia, Maria! Ainda está aí?"
    code, out, _err = atende("history")
    assert "“Bom dia, Maria! Ainda está aí?”" in out


def test_the_app_off_past_the_deadline_closes_without_warning(atende, business_hours):
    closed = "1 atendimento encerrado\n" + warned_message(0) + "\n"
    assert watch_at(atende, "2025-03-18T09:00:00-03:00") == (0, closed, "")
    kinds = [e["kind"] for e in json.loads(atende("history", "--json")[1]) if e["chat"]]
    assert kinds == ["auto_close"]


def test_a_reply_after_the_warning_starts_a_new_silence(atende, business_hours):
    watch_at(atende, "2025-03-17T08:40:00-03:00")
    business_hours.write_text(
        chat_line("2025-03-14T17:50:00-03:00", "2025-03-17T08:42:00-03:00") + "\n", "utf-8"
    )
    atende("chats", "import", str(business_hours), "--instance", "Loja Centro")
    quiet = closed_message(0) + "\n" + warned_message(0) + "\n"
    assert watch_at(atende, "2025-03-17T09:00:00-03:00") == (0, quiet, "")  # not due
    business_hours.write_text(
        chat_line("2025-03-17T09:30:00-03:00", "2025-03-17T08:42:00-03:00") + "\n", "utf-8"
    )
    atende("chats", "import", str(business_hours), "--instance", "Loja Centro")
    warned = closed_message(0) + "\n" + warned_message(1) + "\n"
    assert watch_at(atende, "2025-03-17T10:20:00-03:00") == (0, warned, "")


def test_a_version_1_file_imports_as_calendar_time_and_exports_as_version_2(atende, tmp_path):
    assert atende("import", write(tmp_path / "v1.json", config_file(version=1)))[0] == 0
    code, out, _err = atende("export")
    exported = json.loads(out)
    assert exported["version"] == 2
    auto_close = exported["instances"][0]["auto_close"]
    assert (auto_close["count"], auto_close["warning"]) == ("calendar", None)


def test_version_2_round_trips_byte_identical(atende, tmp_path, business_hours):
    first = tmp_path / "first.json"
    assert atende("export", "-o", str(first))[0] == 0
    text = first.read_text("utf-8")
    assert '"count": "business_hours"' in text and '"minutes_before": 10' in text
    assert atende("import", str(first), "--replace")[0] == 0
    assert atende("export")[1] == text


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"version": 3}, "version"),
        ({"count": "uteis"}, "instances[0].auto_close.count"),
        ({"warning": {**WARNING, "minutes_before": 60}}, "instances[0].auto_close.warning"),
        ({"warning": {**WARNING, "message": "Oi {{nme}}"}}, "instances[0].auto_close.warning"),
    ],
)
def test_bad_version_2_files_exit_2_naming_the_path(atende, tmp_path, change, path):
    version = change.pop("version", 2)
    data = config_file(version=version, **{"count": "calendar", "warning": None, **change})
    code, out, err = atende("import", write(tmp_path / "bad.json", data))
    assert (code, out) == (2, "")
    assert err.startswith(path)
    assert "Loja Centro" not in atende("export")[1]  # nothing was written
