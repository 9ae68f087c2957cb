"""Stored deadlines (SPEC §12): triggers for calendar time, business hours from the agenda,
recomputed when the agenda or the settings are saved, filled when chats are imported."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.config.checks import check_instance
from app.core.config.file_format import export_config, import_config
from app.core.config.transfer import copy_sections
from app.core.schedule import store as schedule
from app.core.storage import migrations
from app.core.storage.db import close_database, open_database
from app.core.storage.models import AutoCloseSettings, Chat
from app.core.watcher import auto_close, chat_import, closing, deadlines, due

SP = ZoneInfo("America/Sao_Paulo")
FRIDAY_1750 = datetime(2025, 3, 14, 17, 50, tzinfo=SP)
MONDAY_0850 = datetime(2025, 3, 17, 8, 50, tzinfo=SP)


def settings(**changes):
    values = {
        **auto_close.defaults(),
        "enabled": True,
        "timeout_minutes": 60,
        "count": "business_hours",
    }
    return {**values, **changes}


def agenda(days=("monday", "tuesday", "wednesday", "thursday", "friday"), enabled=True):
    values = schedule.default_values()
    values["enabled"] = enabled
    for day in days:
        values["week"][day] = [["08:00", "18:00"]]
    return values


def line(external_id, agent_at, customer_at=None, **fields):
    data = {
        "external_id": external_id,
        "status": "open",
        "handler": "human",
        "assigned_via": "operator",
        "last_agent_message_at": agent_at.isoformat(),
        "last_customer_message_at": customer_at.isoformat() if customer_at else None,
        **fields,
    }
    return json.dumps(data)


def stored(external_id):
    chat = Chat.get(Chat.external_id == external_id)
    return chat.deadline_at, chat.warning_at


@pytest.fixture
def shop(make_instance, clock):
    instance = make_instance("Padaria")
    schedule.save(instance, agenda(), clock)
    auto_close.save(instance, settings(), clock)
    return instance


def test_the_spec_example_through_the_import_and_the_closing_pass(shop):
    chat_import.import_chats(shop, line("sexta", FRIDAY_1750))
    assert stored("sexta") == (MONDAY_0850, None)
    assert due.deadline_of(Chat.get().id) == MONDAY_0850
    assert closing.close_due(MONDAY_0850 - timedelta(seconds=1)).total == 0
    assert closing.close_due(MONDAY_0850).total == 1
    assert stored("sexta") == (None, None)


def test_saving_the_agenda_or_the_settings_recomputes_open_chats(shop, clock):
    chat_import.import_chats(shop, line("sexta", FRIDAY_1750))
    schedule.save(shop, agenda(("friday", "saturday")), clock)  # Saturday opens now
    assert stored("sexta") == (datetime(2025, 3, 15, 8, 50, tzinfo=SP), None)
    auto_close.save(shop, settings(count="calendar"), clock)  # the trigger's calendar time
    assert stored("sexta") == (FRIDAY_1750 + timedelta(hours=1), None)
    auto_close.save(shop, settings(warning={"minutes_before": 10, "message": "Oi"}), clock)
    assert stored("sexta") == (
        datetime(2025, 3, 15, 8, 50, tzinfo=SP),
        datetime(2025, 3, 15, 8, 40, tzinfo=SP),
    )
    schedule.save(shop, agenda(enabled=False), clock)  # agenda off: like calendar time
    assert stored("sexta") == (
        FRIDAY_1750 + timedelta(hours=1),
        FRIDAY_1750 + timedelta(minutes=50),
    )
    auto_close.save(shop, settings(enabled=False), clock)
    assert stored("sexta") == (None, None)


def test_import_and_copy_recompute_through_the_sections(shop, make_instance, clock):
    other = make_instance("Filial", phone="+5511987654321")
    chat_import.import_chats(other, line("sexta", FRIDAY_1750))
    assert stored("sexta") == (None, None)  # auto-close is off on Filial
    copy_sections(shop, other, ["auto_close", "schedule"], clock)
    assert stored("sexta") == (MONDAY_0850, None)
    data = export_config(["Padaria"])
    data["instances"][0]["name"] = "Filial"
    data["instances"][0]["auto_close"]["timeout_minutes"] = 120
    import_config(data, clock, replace=True)
    assert stored("sexta") == (MONDAY_0850 + timedelta(hours=1), None)


def test_only_chats_that_will_be_closed_get_instants(shop):
    text = "\n".join(
        [
            line("answered", FRIDAY_1750, FRIDAY_1750 + timedelta(minutes=1)),
            line("bot", FRIDAY_1750, handler="bot", assigned_via=None),
            line("by-bot", FRIDAY_1750, assigned_via="chatbot"),  # that switch is off
            line("due", FRIDAY_1750),
        ]
    )
    chat_import.import_chats(shop, text)
    instants = {c.external_id: c.deadline_at for c in Chat.select()}
    assert instants == {"answered": None, "bot": None, "by-bot": None, "due": MONDAY_0850}
    # The customer writes: the deadline goes at once (the trigger), whatever the count.
    chat_import.import_chats(shop, line("due", FRIDAY_1750, MONDAY_0850))
    assert stored("due") == (None, None)


def test_calendar_deadlines_follow_any_writer_through_the_triggers(make_instance, clock):
    shop = make_instance("Padaria")
    now = clock.now()
    chat = Chat.create(
        instance=shop,
        external_id="a",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=now,
    )
    assert stored("a") == (None, None)  # no settings row: auto-close off
    AutoCloseSettings.create(instance=shop, enabled=True, timeout_minutes=30)
    assert stored("a") == (now + timedelta(minutes=30), None)
    Chat.update(last_agent_message_at=now + timedelta(hours=1)).where(Chat.id == chat.id).execute()
    assert stored("a") == (now + timedelta(minutes=90), None)
    AutoCloseSettings.update(warning_minutes_before=5, warning_message="Oi").execute()
    assert stored("a") == (now + timedelta(minutes=90), now + timedelta(minutes=85))
    Chat.update(status="closed", closed_by="agent", closed_at=now).execute()
    assert stored("a") == (None, None)


def test_a_time_limit_beyond_the_horizon_never_closes_and_check_says_why(shop, clock):
    schedule.save(shop, agenda(("monday",)), clock)
    auto_close.save(shop, settings(timeout_minutes=90 * 24 * 60), clock)
    chat_import.import_chats(shop, line("sexta", FRIDAY_1750))
    assert stored("sexta") == (None, None)
    [problem] = [p for p in check_instance(shop) if p.path.endswith("auto_close.count")]
    assert problem.warning
    assert "90 dias" in problem.message and "400" in problem.message


def test_one_query_and_one_write_per_batch_not_per_chat(shop, db):
    text = "\n".join(line(f"c{n}", FRIDAY_1750 - timedelta(minutes=n % 600)) for n in range(3000))
    chat_import.import_chats(shop, text)
    statements = []
    db.execute_sql = _recording(db.execute_sql, statements)
    try:
        assert deadlines.recompute(shop, schedule.load_agenda(shop)) == 3000
    finally:
        del db.execute_sql
    updates = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 1
    assert Chat.select().where(Chat.deadline_at.is_null()).count() == 0


def _recording(execute, statements):
    def record(sql, *args, **kwargs):
        statements.append(sql)
        return execute(sql, *args, **kwargs)

    return record


@pytest.mark.sqlite_only("raw SQLite statements build the version-6 database")
def test_migrating_to_v7_stores_the_deadlines_of_open_chats(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    try:
        migrations.migrate(db, None, target=6)
        db.execute_sql(
            "INSERT INTO instance (name, phone, plan, timezone, created_at, updated_at)"
            " VALUES ('Padaria', '+5511987654321', 'basico', 'America/Sao_Paulo', 0, 0)"
        )
        db.execute_sql(
            "INSERT INTO auto_close_settings (instance_id, enabled, timeout_minutes)"
            " VALUES (1, 1, 30)"
        )
        db.execute_sql(
            "INSERT INTO chat (instance_id, external_id, status, handler, assigned_via,"
            " last_agent_message_at) VALUES (1, 'a', 'open', 'human', 'operator', 60000),"
            " (1, 'b', 'open', 'human', 'operator', NULL)"
        )
        migrations.migrate(db, None, target=7)
        rows = db.execute_sql("SELECT external_id, deadline_at FROM chat ORDER BY 1").fetchall()
        assert rows == [("a", 60000 + 30 * 60000), ("b", None)]
    finally:
        close_database()
