"""The GUI watcher: armed at the next deadline (capped at 60 s), re-armed on changes, closing
when due, idle with one query per wake, paused safely, one per database (lock)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from app.core.storage.db import database
from app.core.storage.lock import FileLock, watcher_lock_path
from app.core.storage.models import Chat
from app.core.watcher import auto_close, closing
from app.ui.context import AppContext
from app.ui.services.watcher import MAX_WAIT_MS, RETRY_MS, Watcher, start_watcher


class CountingCore:
    """The real core functions, counted (the injectable hook of `Watcher`)."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    def next_due_at(self):
        self.calls["next_due_at"] += 1
        return closing.next_due_at()

    def watcher_pass(self, now):
        self.calls["watcher_pass"] += 1
        return closing.watcher_pass(now)


SETTINGS = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
}


@pytest.fixture
def shop(make_instance, clock):
    instance = make_instance()
    auto_close.save(instance, SETTINGS, clock)
    return instance


def add_chat(instance, external_id, agent_at, **fields):
    return Chat.create(
        instance=instance,
        external_id=external_id,
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=agent_at,
        **fields,
    )


@pytest.fixture
def core():
    return CountingCore()


@pytest.fixture
def watcher(qtbot, context, core, db):
    w = Watcher(context, core)
    yield w
    w.stop()


def test_armed_for_the_next_deadline(shop, clock, watcher):
    # Due in 30 s: the agent wrote 59 min 30 s ago, timeout 60 min.
    add_chat(shop, "c1", clock.now() - timedelta(minutes=59, seconds=30))
    watcher.start()
    assert watcher.next_due == clock.now() + timedelta(seconds=30)
    assert watcher.timer.isActive() and watcher.timer.isSingleShot()
    assert watcher.timer.interval() == 30_000
    assert 29_000 < watcher.timer.remainingTime() <= 30_000


def test_capped_at_sixty_seconds(shop, clock, watcher):
    add_chat(shop, "c1", clock.now() - timedelta(minutes=1))  # due in 59 min
    watcher.start()
    assert watcher.next_due == clock.now() + timedelta(minutes=59)
    assert watcher.timer.interval() == MAX_WAIT_MS == 60_000


def test_nothing_to_close_waits_the_cap(shop, watcher):
    watcher.start()
    assert watcher.next_due is None
    assert watcher.timer.interval() == MAX_WAIT_MS


def test_overdue_fires_at_once(shop, clock, watcher):
    add_chat(shop, "late", clock.now() - timedelta(hours=3))
    watcher.start()
    assert watcher.timer.interval() == 0


def test_closes_when_due_and_tells_the_pages(qtbot, shop, clock, context, core, watcher):
    chat = add_chat(shop, "c1", clock.now() - timedelta(minutes=59, seconds=30))
    add_chat(shop, "c2", clock.now() - timedelta(minutes=30))
    watcher.start()
    clock.advance(timedelta(seconds=30))
    changed = []
    context.chats_changed.connect(changed.append)
    with qtbot.waitSignal(watcher.closed, timeout=1000) as signal:
        watcher.on_timeout()
    assert signal.args == [1]
    assert changed == [0]
    assert Chat.get_by_id(chat.id).status == "closed"
    assert core.calls["watcher_pass"] == 1
    # Re-armed from the pass's answer for c2 (due in 29 min 30 s → capped), no extra query
    # from its own chats_changed.
    assert core.calls["next_due_at"] == 1
    assert watcher.next_due == clock.now() + timedelta(minutes=29, seconds=30)
    assert watcher.timer.interval() == MAX_WAIT_MS


def test_real_timer_closes_within_a_second(qtbot, shop, clock, watcher):
    chat = add_chat(shop, "c1", clock.now() - timedelta(minutes=60) + timedelta(milliseconds=200))
    watcher.start()
    assert watcher.timer.interval() == 200
    clock.advance(timedelta(milliseconds=200))  # the injected clock reaches the deadline
    with qtbot.waitSignal(watcher.closed, timeout=1000):
        pass
    assert Chat.get_by_id(chat.id).status == "closed"


@pytest.mark.sqlite_only("counts statements with sqlite3's trace callback")
def test_idle_wake_asks_only_next_due_at(shop, clock, core, watcher):
    add_chat(shop, "c1", clock.now() - timedelta(minutes=10))  # due in 50 min
    watcher.start()
    assert core.calls == Counter(next_due_at=1)
    statements = []
    database.connection().set_trace_callback(statements.append)
    try:
        clock.advance(timedelta(seconds=60))
        watcher.on_timeout()  # the capped wake
    finally:
        database.connection().set_trace_callback(None)
    assert core.calls == Counter(next_due_at=2)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("SELECT")
    assert watcher.timer.interval() == MAX_WAIT_MS


def test_a_wake_just_before_the_deadline_does_not_close(shop, clock, core, watcher):
    chat = add_chat(shop, "c1", clock.now() - timedelta(minutes=59, seconds=30))
    watcher.start()
    clock.advance(timedelta(seconds=29, milliseconds=990))
    watcher.on_timeout()
    assert core.calls["watcher_pass"] == 0
    assert Chat.get_by_id(chat.id).status == "open"
    assert watcher.timer.interval() == 10


@pytest.mark.parametrize("signal", ["settings_changed", "chats_changed"])
def test_rearmed_at_once_on_changes(shop, clock, context, watcher, signal):
    watcher.start()
    assert watcher.next_due is None
    add_chat(shop, "c1", clock.now() - timedelta(minutes=59, seconds=50))
    getattr(context, signal).emit(shop.id)
    assert watcher.next_due == clock.now() + timedelta(seconds=10)
    assert watcher.timer.interval() == 10_000


def test_new_timeout_rearms(shop, clock, context, watcher):
    add_chat(shop, "c1", clock.now() - timedelta(minutes=5))
    watcher.start()
    assert watcher.next_due == clock.now() + timedelta(minutes=55)
    auto_close.save(shop, {**SETTINGS, "timeout_minutes": 6}, clock)
    context.settings_changed.emit(shop.id)
    assert watcher.next_due == clock.now() + timedelta(minutes=1)
    assert watcher.timer.interval() == 60_000


def test_pause_and_resume(shop, clock, context, core, watcher):
    chat = add_chat(shop, "c1", clock.now() - timedelta(hours=2))
    watcher.start()
    watcher.pause()
    assert not watcher.timer.isActive()
    context.chats_changed.emit(shop.id)
    watcher.on_timeout()
    assert core.calls == Counter(next_due_at=1)
    assert Chat.get_by_id(chat.id).status == "open"
    watcher.resume()
    assert watcher.running and watcher.timer.interval() == 0


def test_a_failing_pass_is_retried_not_raised(qtbot, shop, clock, context):
    class Broken(CountingCore):
        def watcher_pass(self, now):
            raise RuntimeError("database is locked")

    add_chat(shop, "c1", clock.now() - timedelta(hours=2))
    w = Watcher(context, Broken())
    w.start()
    with qtbot.waitSignal(w.failed, timeout=1000) as signal:
        w.on_timeout()
    assert signal.args == ["database is locked"]
    assert w.timer.isActive() and w.timer.interval() == RETRY_MS
    w.stop()


@pytest.mark.sqlite_only("the watcher lock file of a SQLite database")
def test_one_watcher_per_database(qtbot, db, db_path, clock):
    other_process = FileLock(watcher_lock_path(db_path))
    assert other_process.acquire()
    try:
        context = AppContext(clock=clock, db_path=db_path)
        assert start_watcher(context, CountingCore()) is None
        assert context.watcher is None and context.watcher_elsewhere
        assert context.watcher_elsewhere_pid is not None
    finally:
        other_process.release()
    context = AppContext(clock=clock, db_path=db_path)
    watcher = start_watcher(context, CountingCore())
    assert watcher is not None and context.watcher is watcher and watcher.running
    assert not FileLock(watcher_lock_path(db_path)).acquire()
    watcher.stop()
    after = FileLock(watcher_lock_path(db_path))
    assert after.acquire()
    after.release()
