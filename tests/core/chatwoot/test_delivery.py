"""Delivering closings to the fake Chatwoot: once each, across faults, re-reads and kill -9."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from datetime import timedelta

from app.core.chatwoot import connection
from app.core.chatwoot.client import ChatwootClient
from app.core.chatwoot.delivery import DELETED, NO_WINDOW, deliver
from app.core.chatwoot.outbox_store import BACKOFF_FIRST, LEASE, claim, going_out
from app.core.chatwoot.sync import sync_instance
from app.core.common.clock import format_instant
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, HistoryEvent, OutboxRow
from app.core.watcher.chats import get_chat
from app.core.watcher.closing import close_due
from app.core.watcher.outbox import enqueue_closings, enqueue_warnings
from app.i18n import _
from tests.core.chatwoot.conftest import CONVERSATIONS
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN


def run(shop, at=None, **options):
    return deliver(at or shop.now, "desk-a", lambda conn: shop.client, **options)


def outcomes():
    return [
        (r.chat_external_id, r.kind, r.outcome) for r in OutboxRow.select().order_by(OutboxRow.id)
    ]


def test_closing_message_then_resolve_once_each_with_three_requests(shop):
    report = run(shop)
    assert (report.sent, report.resolved) == (3, 3)
    for cid in CONVERSATIONS:
        assert shop.fake.sent(cid)[-1] == f"Obrigado, Cliente{cid}!"
        assert shop.fake.state.conversations[cid]["status"] == "resolved"
    assert sum(shop.fake.requests.values()) == 3 * len(CONVERSATIONS)
    assert {o for _c, _k, o in outcomes()} == {"done"}
    shop.fake.requests.clear()
    assert run(shop, ignore_backoff=True).sent == 0 and not shop.fake.requests
    assert sync_instance(shop.instance, shop.client, shop.now).updated == 0
    assert shop.fake.count("GET", r"/conversations/\d+$") == 0  # it knows they were resolved


def test_enqueue_twice_writes_nothing_more(shop):
    assert enqueue_closings(shop.now) == 0
    assert OutboxRow.select().count() == 2 * len(CONVERSATIONS)


def test_a_customer_reply_before_the_action_keeps_the_chat_open(shop):
    shop.fake.before("/conversations/2$", lambda: shop.fake.add_message(2, "Espera!", 0))
    report = run(shop)
    assert (report.sent, report.resolved, report.kept_open) == (2, 2, 1)
    assert shop.fake.sent(2) == ["Posso ajudar em algo mais?"]
    assert shop.fake.state.conversations[2]["status"] == "open"
    chat = get_chat(shop.instance, "2")
    assert chat.status == "open" and chat.closed_at is None
    assert chat.last_customer_message_at > chat.last_agent_message_at
    assert HistoryEvent.select().where(HistoryEvent.chat_external_id == "2").count() >= 2


def test_outside_the_24_hour_window_resolves_without_the_message(shop):
    shop.fake.state.conversations[1]["can_reply"] = False
    report = run(shop)
    assert (report.not_sent, report.sent, report.resolved) == (1, 2, 3)
    assert shop.fake.sent(1) == ["Posso ajudar em algo mais?"]
    assert shop.fake.state.conversations[1]["status"] == "resolved"
    event = HistoryEvent.get(HistoryEvent.summary == _(NO_WINDOW))
    assert event.chat_external_id == "1"


def test_a_server_error_is_retried_with_backoff_and_sent_once(shop):
    shop.fake.fail(500, path="/conversations/1/messages$")
    report = run(shop)
    assert report.retrying == 1 and shop.fake.state.conversations[1]["status"] == "open"
    row = OutboxRow.get((OutboxRow.chat_external_id == "1") & (OutboxRow.kind == "message"))
    assert row.next_try_at == shop.now + BACKOFF_FIRST
    assert row.in_flight  # a 5xx may have acted: the next attempt looks first
    assert run(shop).sent == 0  # the backoff paces the running watcher
    assert run(shop, at=shop.now + BACKOFF_FIRST).sent == 1
    assert shop.fake.sent(1).count("Obrigado, Cliente1!") == 1
    assert shop.fake.state.conversations[1]["status"] == "resolved"


def test_after_an_uncertain_failure_it_looks_before_sending_again(shop):
    shop.fake.apply_then_fail("/conversations/1/messages$")  # sent, but answered 500
    run(shop)
    row = OutboxRow.get((OutboxRow.chat_external_id == "1") & (OutboxRow.kind == "message"))
    assert row.in_flight and row.outcome is None
    shop.fake.requests.clear()
    assert run(shop, ignore_backoff=True).sent == 1
    assert shop.fake.sent(1).count("Obrigado, Cliente1!") == 1
    assert shop.fake.count("GET", "/conversations/1/messages$") == 1  # the one look
    assert shop.fake.count("POST", "/conversations/1/messages$") == 0
    assert shop.fake.state.conversations[1]["status"] == "resolved"


def test_a_timeout_is_uncertain_too(shop):
    shop.fake.hang("/conversations/1/toggle_status$")
    with ChatwootClient(shop.fake.url, ACCOUNT_ID, TOKEN, timeout=0.3) as quick:
        deliver(shop.now, "desk-a", lambda conn: quick)
    row = OutboxRow.get((OutboxRow.chat_external_id == "1") & (OutboxRow.kind == "resolve"))
    assert row.in_flight and row.outcome is None
    assert run(shop, ignore_backoff=True).resolved == 1
    assert shop.fake.sent(1).count("Obrigado, Cliente1!") == 1


def test_429_waits_its_retry_after(shop):
    shop.fake.fail(429, path="/conversations/1$", retry_after="7")
    report = run(shop)
    assert report.wait == 7
    rows = OutboxRow.select().where(OutboxRow.chat_external_id == "1")
    assert {r.next_try_at for r in rows} == {shop.now + timedelta(seconds=7)}
    assert all(r.attempts == 0 for r in rows)  # nothing went out


def test_401_pauses_the_connection_until_a_new_token(shop, clock):
    shop.fake.fail(401, path=r"/conversations/\d+$")  # the first chat it reads
    with ChatwootClient(shop.fake.url, ACCOUNT_ID, TOKEN) as client:
        report = deliver(shop.now, "desk-a", lambda conn: client, workers=1)
    assert report.paused == {shop.instance.name}
    assert connection.get(shop.instance).paused_reason
    assert report.sent == 0 and OutboxRow.select().where(OutboxRow.outcome.is_null()).count() == 6
    assert run(shop, ignore_backoff=True).sent == 0  # paused: nothing is claimed
    settings, _problems = connection.validate(shop.fake.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(shop.instance, settings, clock.now())
    assert run(shop, ignore_backoff=True).sent == 3


def test_a_deleted_conversation_is_closed_here_with_the_reason(shop):
    del shop.fake.state.conversations[3]
    report = run(shop)
    assert report.gone == 1
    assert {o for c, _k, o in outcomes() if c == "3"} == {"gone"}
    assert HistoryEvent.get(HistoryEvent.summary == _(DELETED)).chat_external_id == "3"
    assert get_chat(shop.instance, "3").status == "closed"


def test_two_desks_at_once_send_each_message_once(shop):
    shop.fake.latency = 0.02
    reports = []

    def desk(name):
        with ChatwootClient(shop.fake.url, ACCOUNT_ID, TOKEN) as client:
            reports.append(deliver(shop.now, name, lambda conn: client, workers=2))
        database.close()

    threads = [threading.Thread(target=desk, args=(f"desk-{n}",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.sent for r in reports) == 3 and sum(r.resolved for r in reports) == 3
    for cid in CONVERSATIONS:
        assert shop.fake.sent(cid).count(f"Obrigado, Cliente{cid}!") == 1


def test_killed_mid_delivery_then_a_new_pass_sends_nothing_twice(shop, db_path):
    database.close()  # the worker process holds the database meanwhile
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.chatwoot.delivery_worker",
            str(db_path),
            format_instant(shop.now),
        ],
        stdout=subprocess.PIPE,
        cwd=os.getcwd(),
    )
    # Kill it the moment Chatwoot has stored the second message, before the worker hears back.
    shop.fake.after("/conversations/2/messages$", lambda: os.kill(worker.pid, signal.SIGKILL))
    assert worker.wait(timeout=30) == -signal.SIGKILL
    assert shop.fake.sent(2)[-1] == "Obrigado, Cliente2!"
    later = shop.now + LEASE + timedelta(seconds=1)  # the dead desk's lease is over
    run(shop, at=later, ignore_backoff=True)
    for cid in CONVERSATIONS:
        assert shop.fake.sent(cid).count(f"Obrigado, Cliente{cid}!") == 1
        assert shop.fake.state.conversations[cid]["status"] == "resolved"
    assert {o for _c, _k, o in outcomes()} == {"done"}


def test_a_warning_is_sent_once_and_the_chat_stays_open(fake_chatwoot, make_instance, clock):
    instance = make_instance("Loja Sul")
    AutoCloseSettings.insert(
        instance=instance.id,
        enabled=True,
        timeout_minutes=24 * 60,
        close_assigned_by_operator=True,
        warning_minutes_before=60,
        warning_message="{{primeiro_nome}}, ainda precisa de ajuda?",
    ).execute()
    settings, _problems = connection.validate(fake_chatwoot.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(instance, settings, clock.now())
    fake_chatwoot.add_waiting_conversation(9, "Rita Lima")
    with ChatwootClient(fake_chatwoot.url, ACCOUNT_ID, TOKEN) as client:
        sync_instance(instance, client, clock.now())
        warn_at = get_chat(instance, "9").warning_at
        # The pass of that moment warns (nothing is due yet) and writes the outbox row;
        # the same moment again writes nothing.
        assert close_due(warn_at).warned_total == 1
        assert enqueue_warnings(warn_at) == 0
        report = deliver(warn_at, "desk-a", lambda conn: client)
    assert report.sent == 1 and fake_chatwoot.sent(9)[-1] == "Rita, ainda precisa de ajuda?"
    assert fake_chatwoot.state.conversations[9]["status"] == "open"
    assert get_chat(instance, "9").status == "open"


def test_batches_of_claims_deliver_everything_and_retry_nothing_twice(shop, monkeypatch):
    monkeypatch.setattr("app.core.chatwoot.outbox_store.CLAIM_LIMIT", 2)
    shop.fake.fail(503, path="/conversations/2/messages$", times=5)
    report = run(shop, ignore_backoff=True)
    assert (report.sent, report.resolved, report.retrying) == (2, 2, 1)
    assert shop.fake.count("POST", "/conversations/2/messages$") == 1  # not again this pass
    assert shop.fake.count("GET", r"/conversations/\d+$") == 3  # a chat's rows claimed together


def test_a_desk_whose_lease_ended_does_not_send(shop):
    mine = claim(shop.now, "desk-a")
    theirs = claim(shop.now + LEASE + timedelta(seconds=1), "desk-b")
    assert [r.id for r in theirs] == [r.id for r in mine]
    assert not going_out(mine[0], "desk-a", shop.now)
    assert going_out(theirs[0], "desk-b", shop.now)


def test_offline_the_actions_wait_and_run_when_the_server_is_back(shop):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"  # nobody listens there afterwards
    with ChatwootClient(dead, ACCOUNT_ID, TOKEN) as offline:
        report = deliver(shop.now, "desk-a", lambda conn: offline)
    assert report.retrying == 3 and report.sent == 0
    assert not any(r.in_flight for r in OutboxRow.select())  # nothing can have gone out
    assert connection.get(shop.instance).last_error
    assert run(shop, at=shop.now + BACKOFF_FIRST).sent == 3
    for cid in CONVERSATIONS:
        assert shop.fake.sent(cid).count(f"Obrigado, Cliente{cid}!") == 1
