"""The due rule of SPEC §6, closing in one transaction, and the next deadline.

The eligibility matrix compares the SQL rule with `expected_deadline`, a plain transcription
of the SPEC sentence, over every combination of: the instance's settings (no row, disabled,
each switch on/off), handler, assigned_via, who wrote last, the time elapsed (exactly the
timeout, 1 ms before it, the other instance's timeout) and status — with a second instance
whose settings and timeout differ, so each chat must follow its own instance's settings.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import peewee
import pytest

from app.core.storage.models import AutoCloseSettings, Chat, HistoryEvent
from app.core.watcher import closing, due
from tests.failing_trigger import add_failing_trigger, drop_failing_trigger

MS = timedelta(milliseconds=1)
HANDLERS = ("bot", "human")
VIAS = ("operator", "chatbot", "workflow", None)
STATUSES = ("open", "closed")
# Who wrote last, as (customer offset, agent offset) from the reference instant.
WRITERS = {
    "agent-only": (None, 0),
    "agent-after-customer": (-timedelta(minutes=1), 0),
    "customer-after-agent": (timedelta(minutes=1), 0),
    "same-instant": (timedelta(0), 0),
    "customer-only": (timedelta(0), None),
    "nobody": (None, None),
}
SETTINGS = [
    None,  # no settings row at all
    *(
        {"enabled": enabled, "op": op, "bot": bot}
        for enabled, op, bot in itertools.product((False, True), repeat=3)
    ),
]


def expected_deadline(settings, chat):
    """SPEC §6, word by word: when the chat becomes due, or None if it never does."""
    if settings is None or not settings["enabled"]:
        return None
    if chat["status"] != "open" or chat["handler"] != "human":
        return None
    via = chat["assigned_via"]
    if not (
        (via == "operator" and settings["op"])
        or (via in ("chatbot", "workflow") and settings["bot"])
    ):
        return None
    agent, customer = chat["last_agent_message_at"], chat["last_customer_message_at"]
    if agent is None or (customer is not None and not agent > customer):
        return None
    return agent + timedelta(minutes=settings["timeout"])


def chat_rows(instance, own_timeout, other_timeout, now):
    """Every combination of the chat-side dimensions, as rows for `insert_many`."""
    elapsed = {
        "exact": timedelta(minutes=own_timeout),
        "1ms-before": timedelta(minutes=own_timeout) - MS,
        "other-timeout": timedelta(minutes=other_timeout),
    }
    rows = []
    for handler, via, (writer, (customer, agent)), (age, delta), status in itertools.product(
        HANDLERS, VIAS, WRITERS.items(), elapsed.items(), STATUSES
    ):
        reference = now - delta
        rows.append(
            {
                "instance": instance.id,
                "external_id": f"{handler}/{via}/{writer}/{age}/{status}",
                "status": status,
                "handler": handler,
                "assigned_via": via,
                "last_agent_message_at": None if agent is None else reference,
                "last_customer_message_at": None if customer is None else reference + customer,
            }
        )
    return rows


def add_settings(instance, settings, timeout, message=None):
    if settings is not None:
        AutoCloseSettings.create(
            instance=instance,
            enabled=settings["enabled"],
            timeout_minutes=timeout,
            close_assigned_by_operator=settings["op"],
            close_started_by_bot_or_workflow=settings["bot"],
            closing_message=message,
        )


def snapshot():
    return {(c.instance_id, c.external_id): c.__data__.copy() for c in Chat.select()}


@pytest.mark.parametrize(
    "settings",
    SETTINGS,
    ids=lambda s: "no-row" if s is None else "-".join(f"{k}={int(v)}" for k, v in s.items()),
)
def test_eligibility_matrix(make_instance, clock, settings):
    now = clock.now()
    a, b = make_instance("Loja A"), make_instance("Loja B")
    add_settings(a, settings, 60, "Obrigado pelo contato, {{primeiro_nome}}!")
    # The other instance: enabled, switches the other way round, a longer timeout.
    other = {
        "enabled": True,
        "op": not (settings or {}).get("op", False),
        "bot": not (settings or {}).get("bot", False),
    }
    add_settings(b, other, 300)
    rows = chat_rows(a, 60, 300, now) + chat_rows(b, 300, 60, now)
    Chat.insert_many(rows).execute()
    config = {a.id: settings and {**settings, "timeout": 60}, b.id: {**other, "timeout": 300}}
    deadlines = {
        (r["instance"], r["external_id"]): expected_deadline(config[r["instance"]], r) for r in rows
    }
    expected_due = {k for k, d in deadlines.items() if d is not None and d <= now}
    a_closes = bool(settings and settings["enabled"] and (settings["op"] or settings["bot"]))
    # The matrix exercises both outcomes whenever some switch is effective.
    assert bool(expected_due) == (a_closes or other["op"] or other["bot"])
    assert len(expected_due) < len(rows)

    found = {(c.instance_id, c.external_id) for c in due.due_chats(now)}
    assert sorted(found - expected_due) == [] and sorted(expected_due - found) == []

    per_chat = {
        (c.instance_id, c.external_id): c.closes_at_ms for c in due.with_deadline(Chat.select())
    }
    wrong = [
        k
        for k, d in deadlines.items()
        if per_chat[k] != (None if d is None else int(d.timestamp() * 1000))
    ]
    assert wrong == []
    future = [d for d in deadlines.values() if d is not None]
    assert closing.next_due_at() == (min(future) if future else None)

    before = snapshot()
    result = closing.close_due(now)
    after = snapshot()
    assert result.total == len(expected_due)
    assert result.count_for(a) == sum(1 for k in expected_due if k[0] == a.id)
    changed = {k for k in before if before[k] != after[k]}
    assert changed == expected_due
    for key in expected_due:
        chat = after[key]
        reason = (
            "Cliente sem resposta há 1 hora"
            if key[0] == a.id
            else ("Cliente sem resposta há 5 horas")
        )
        assert (chat["status"], chat["closed_by"], chat["close_reason"]) == (
            "closed",
            "auto",
            reason,
        )
        assert chat["closed_at"] == now
    events = HistoryEvent.select().where(HistoryEvent.kind == "auto_close")
    assert sorted((e.instance_id, e.chat_external_id) for e in events) == sorted(expected_due)
    # A second pass at the same instant finds nothing left to close.
    assert closing.close_due(now).total == 0
    assert HistoryEvent.select().where(HistoryEvent.kind == "auto_close").count() == len(
        expected_due
    )


# --- the SPEC's sentences, one by one ------------------------------------------------------


@pytest.fixture
def shop(make_instance):
    instance = make_instance("Padaria")
    add_settings(instance, {"enabled": True, "op": True, "bot": True}, 300, "Até logo!")
    return instance


def add_chat(instance, external_id="c1", **fields):
    data = {"status": "open", "handler": "human", "assigned_via": "operator"}
    data.update(fields)
    return Chat.create(instance=instance, external_id=external_id, **data)


def test_due_exactly_at_the_timeout_and_not_one_millisecond_before(shop, clock):
    now = clock.now()
    add_chat(shop, "at", last_agent_message_at=now - timedelta(hours=5))
    add_chat(shop, "before", last_agent_message_at=now - timedelta(hours=5) + MS)
    assert [c.external_id for c in due.due_chats(now)] == ["at"]
    assert closing.next_due_at() == now - timedelta(hours=5) + timedelta(hours=5)
    assert closing.close_due(now + MS).total == 2


def test_a_chat_waiting_on_the_operator_is_never_closed(shop, clock):
    now = clock.now()
    add_chat(
        shop,
        last_agent_message_at=now - timedelta(days=30),
        last_customer_message_at=now - timedelta(days=29),
    )
    assert closing.close_due(now).total == 0
    assert closing.next_due_at() is None


def test_bot_chats_are_never_closed(shop, clock):
    now = clock.now()
    add_chat(shop, handler="bot", assigned_via=None, last_agent_message_at=now - timedelta(days=9))
    add_chat(
        shop,
        "c2",
        handler="bot",
        assigned_via="chatbot",
        last_agent_message_at=now - timedelta(days=9),
    )
    assert closing.close_due(now).total == 0


def test_closing_records_reason_message_and_chat_in_the_history(shop, clock):
    now = clock.now()
    add_chat(
        shop,
        customer_name="Maria Souza",
        protocol="2025-0042",
        operator_name="Ana",
        last_agent_message_at=now - timedelta(hours=6),
    )
    result = closing.close_due(now)
    assert result.groups == (
        closing.ClosedGroup(shop.id, "Padaria", 1, "Cliente sem resposta há 5 horas", "Até logo!"),
    )
    event = HistoryEvent.get(HistoryEvent.kind == "auto_close")
    assert (event.instance_id, event.instance_name, event.at, event.section) == (
        shop.id,
        "Padaria",
        now,
        "auto_close",
    )
    assert event.summary == "Cliente sem resposta há 5 horas"
    assert event.chat_external_id == "c1"
    assert event.details == {
        "assigned_via": "operator",
        "closing_message": "Até logo!",
        "customer_name": "Maria Souza",
        "operator_name": "Ana",
        "phone": None,
        "protocol": "2025-0042",
        "timeout_minutes": 300,
    }


@pytest.mark.parametrize("failing", ["history insert", "chat update"])
def test_a_failure_midway_closes_nothing(shop, make_instance, clock, db, failing):
    now = clock.now()
    second = make_instance("Sorveteria")  # closed after "Padaria" (groups go by name)
    add_settings(second, {"enabled": True, "op": True, "bot": True}, 60)
    for instance in (shop, second):
        for n in range(3):
            add_chat(instance, f"c{n}", last_agent_message_at=now - timedelta(days=1))
    table, new = (
        ("history_event", "NEW.chat_external_id")
        if failing == "history insert"
        else ("chat", "NEW.external_id")
    )
    verb = "INSERT" if failing == "history insert" else "UPDATE"
    add_failing_trigger(
        db, verb, table, f"NEW.instance_id = {second.id} AND {new} = 'c2'", "simulated failure"
    )
    before = snapshot()
    events = HistoryEvent.select().count()
    with pytest.raises(peewee.IntegrityError):
        closing.close_due(now)
    assert snapshot() == before
    assert HistoryEvent.select().count() == events
    drop_failing_trigger(db, table)
    assert closing.close_due(now).total == 6


# --- next deadline ------------------------------------------------------------------------


def test_next_due_at_takes_each_instances_timeout(make_instance, clock):
    now = clock.now()
    slow, fast = make_instance("Lenta"), make_instance("Rápida")
    add_settings(slow, {"enabled": True, "op": True, "bot": False}, 24 * 60)
    add_settings(fast, {"enabled": True, "op": False, "bot": True}, 30)
    assert closing.next_due_at() is None
    add_chat(slow, "old", last_agent_message_at=now - timedelta(hours=20))  # due in 4 h
    add_chat(fast, "op", last_agent_message_at=now)  # operator switch off in "Rápida"
    assert closing.next_due_at() == now + timedelta(hours=4)
    add_chat(fast, "wf", assigned_via="workflow", last_agent_message_at=now)  # due in 30 min
    assert closing.next_due_at() == now + timedelta(minutes=30)
    assert closing.next_due_at(slow) == now + timedelta(hours=4)
    add_chat(fast, "late", assigned_via="chatbot", last_agent_message_at=now - timedelta(hours=2))
    assert closing.next_due_at() == now - timedelta(minutes=90)  # already past: close now
    closing.close_due(now)
    assert closing.next_due_at() == now + timedelta(minutes=30)
    AutoCloseSettings.update(enabled=False).where(AutoCloseSettings.instance == fast).execute()
    assert closing.next_due_at() == now + timedelta(hours=4)


def test_deadline_of_a_chat(shop, clock):
    now = clock.now()
    waiting = add_chat(shop, "w", last_agent_message_at=now - timedelta(hours=1))
    answered = add_chat(
        shop, "a", last_agent_message_at=now - timedelta(hours=1), last_customer_message_at=now
    )
    assert due.deadline_of(waiting) == now + timedelta(hours=4)
    assert due.deadline_of(answered.id) is None


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (None, 60.0),
        (timedelta(seconds=-5), 0.0),
        (timedelta(seconds=30), 30.0),
        (timedelta(hours=2), 60.0),
        (timedelta(milliseconds=1500), 1.5),
    ],
)
def test_next_wake_delay_is_capped_at_a_minute(clock, offset, expected):
    now = clock.now()
    assert due.next_wake_delay(None if offset is None else now + offset, now) == expected


def test_watcher_pass_closes_then_reports_the_next_deadline(shop, clock):
    now = clock.now()
    add_chat(shop, "due", last_agent_message_at=now - timedelta(hours=5))
    add_chat(shop, "later", last_agent_message_at=now - timedelta(hours=4))
    result = closing.watcher_pass(now)
    assert result.closed_count == 1
    assert result.next_due_at == now + timedelta(hours=1)


@pytest.mark.sqlite_only("SQLite's EXPLAIN QUERY PLAN; test_team.py has the PostgreSQL twin")
def test_the_idle_queries_use_the_partial_index(shop, clock, db):
    """The next wake is one seek in each partial index; the due chats a range."""

    def plan(query) -> str:
        sql, params = query.sql()
        return " ".join(row[3] for row in db.execute_sql("EXPLAIN QUERY PLAN " + sql, params))

    idle = plan(due.next_due_query())
    assert "COVERING INDEX chat_deadline (deadline_at>?)" in idle, idle
    assert "COVERING INDEX chat_warning (warning_at>?)" in idle, idle
    assert "INDEX chat_deadline (deadline_at<?)" in plan(due.due_chats(clock.now()))
