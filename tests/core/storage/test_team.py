"""Two desks on one database, both running the watcher at the same moment: each due chat
is closed exactly once with exactly one history event (SQLite serializes the two passes;
PostgreSQL, run with ATENDE_TEST_DATABASE_URL, lets them overlap on row locks)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from peewee import JOIN, chunked, fn

from app.core.common.clock import format_instant
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, Chat, HistoryEvent

ROOT = Path(__file__).resolve().parents[2]
DUE = 10_000


def settings(instance, timeout):
    AutoCloseSettings.create(
        instance=instance,
        enabled=True,
        timeout_minutes=timeout,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=True,
    )


def chats(instance, now, count, prefix, agent_ago, **fields):
    rows = (
        {
            "instance": instance.id,
            "external_id": f"{prefix}{n}",
            "status": "open",
            "handler": "human",
            "assigned_via": ("operator", "chatbot", "workflow")[n % 3],
            "last_agent_message_at": now - agent_ago,
            **fields,
        }
        for n in range(count)
    )
    with database.atomic():
        for batch in chunked(rows, 500):
            Chat.insert_many(batch).execute()


def desk(db_path, now, passes):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.close_worker",
            str(db_path),
            format_instant(now),
            str(passes),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_desks_close_each_due_chat_exactly_once(make_instance, clock, db, db_path):
    now = clock.now()
    shop, other = make_instance("Padaria"), make_instance("Sorveteria")
    settings(shop, 60)
    settings(other, 300)
    chats(shop, now, DUE // 2, "p", timedelta(hours=2))
    chats(other, now, DUE // 2, "s", timedelta(hours=6))
    chats(shop, now, 50, "later", timedelta(minutes=10))  # not due yet
    chats(other, now, 50, "bot", timedelta(days=2), handler="bot", assigned_via=None)

    desks = [desk(db_path, now, passes=3) for _ in range(2)]
    for process in desks:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
    for process in desks:  # both start their passes together
        process.stdin.write("go\n")
        process.stdin.flush()
    closed = []
    for process in desks:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        closed.append(int(out.strip()))

    print("closed per desk:", closed)
    assert sum(closed) == DUE, closed
    events = HistoryEvent.select().where(HistoryEvent.kind == "auto_close")
    assert events.count() == DUE
    per_chat = (
        Chat.select(Chat.external_id, fn.COUNT(HistoryEvent.id).alias("n"))
        .join(
            HistoryEvent,
            JOIN.LEFT_OUTER,
            on=(HistoryEvent.instance == Chat.instance)
            & (HistoryEvent.chat_external_id == Chat.external_id),
        )
        .where(Chat.status == "closed")
        .group_by(Chat.external_id)
    )
    counts = {row.external_id: row.n for row in per_chat}
    assert len(counts) == DUE and set(counts.values()) == {1}
    assert Chat.select().where(Chat.status == "open").count() == 100
    reasons = {e.summary for e in events}
    assert reasons == {"Cliente sem resposta há 1 hora", "Cliente sem resposta há 5 horas"}


@pytest.mark.postgres_only
def test_postgresql_can_answer_the_idle_queries_from_the_partial_index(make_instance, clock, db):
    """The closing pass and the next wake read the partial indexes of the stored instants
    (sequential scans are disabled so tiny tables still show it)."""
    from app.core.watcher import due

    shop = make_instance("Padaria")
    settings(shop, 60)
    chats(shop, clock.now(), 10, "c", timedelta(minutes=5))
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        for query in (due.next_due_query(), due.due_chats(clock.now())):
            sql, params = query.sql()
            plan = " ".join(row[0] for row in db.execute_sql("EXPLAIN " + sql, params))
            assert "chat_deadline" in plan, plan
