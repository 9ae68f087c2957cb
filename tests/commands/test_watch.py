"""`atende watch`: one pass, the loop (driven by a fake clock and wait), the watcher lock."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from app.commands import watch
from app.core.storage.lock import FileLock, watcher_lock_path
from app.core.storage.models import AutoCloseSettings, Chat
from tests.commands import cli_fixture

atende = cli_fixture.atende  # the fixture, shared by the CLI tests

ROOT = Path(__file__).resolve().parents[2]
NOW = "2025-03-12T10:00:00-03:00"  # the `clock` fixture's instant


@pytest.fixture
def shop(make_instance):
    instance = make_instance("Padaria Pão Quente")
    AutoCloseSettings.create(
        instance=instance,
        enabled=True,
        timeout_minutes=60,
        close_assigned_by_operator=True,
        close_started_by_bot_or_workflow=True,
        closing_message="Até logo!",
    )
    return instance


def add_chats(instance, ages: dict[str, timedelta], now):
    for external_id, age in ages.items():
        Chat.create(
            instance=instance,
            external_id=external_id,
            status="open",
            handler="human",
            assigned_via="operator",
            last_agent_message_at=now - age,
        )


def open_chats():
    return sorted(c.external_id for c in Chat.select().where(Chat.status == "open"))


@pytest.mark.parametrize(
    ("ages", "output"),
    [
        (
            {"a": timedelta(hours=2), "b": timedelta(hours=1), "c": timedelta(days=3)},
            "3 atendimentos encerrados\n",
        ),
        ({"a": timedelta(hours=1), "b": timedelta(minutes=59)}, "1 atendimento encerrado\n"),
        ({"a": timedelta(minutes=59)}, "Nenhum atendimento encerrado\n"),
    ],
)
def test_once_closes_what_is_due_at_now(atende, shop, clock, ages, output):
    add_chats(shop, ages, clock.now())
    assert atende("watch", "--once", "--now", NOW) == (0, output, "")
    assert open_chats() == sorted(k for k, v in ages.items() if v < timedelta(hours=1))


@pytest.mark.parametrize("now", ["2025-03-12T10:00:00", "amanhã", ""])
def test_a_bad_now_is_invalid_input(atende, shop, clock, now):
    add_chats(shop, {"a": timedelta(days=1)}, clock.now())
    code, out, err = atende("watch", "--once", "--now", now)
    assert (code, out) == (2, "")
    assert err.startswith("--now: ")
    assert open_chats() == ["a"]


@pytest.mark.sqlite_only("the watcher lock file and PRAGMA data_version")
def test_refused_while_another_watcher_holds_the_lock(atende, shop, clock, db_path):
    add_chats(shop, {"a": timedelta(days=1)}, clock.now())
    lock = FileLock(watcher_lock_path(db_path))
    assert lock.acquire()
    try:
        code, out, err = atende("watch", "--once", "--now", NOW)
    finally:
        lock.release()
    assert (code, out) == (1, "")
    assert err.startswith("outro vigia já está em execução para este banco de dados")
    assert open_chats() == ["a"]
    assert atende("watch", "--once", "--now", NOW)[0] == 0  # released: runs now
    assert open_chats() == []


@pytest.mark.sqlite_only("the watcher lock file and PRAGMA data_version")
def test_a_real_second_process_is_refused(shop, clock, db_path):
    add_chats(shop, {"a": timedelta(days=1)}, clock.now())
    lock = FileLock(watcher_lock_path(db_path))
    assert lock.acquire()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db_path), "watch", "--once"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        lock.release()
    assert done.returncode == 1
    assert "outro vigia já está em execução" in done.stderr
    assert f"processo {lock.holder_pid()}" in done.stderr
    assert open_chats() == ["a"]


def test_the_loop_wakes_at_each_deadline_capped_at_a_minute(shop, clock, capsys):
    now = clock.now()
    add_chats(
        shop,
        {
            "now": timedelta(hours=1),
            "in-30s": timedelta(minutes=59, seconds=30),
            "in-5min": timedelta(minutes=55),
        },
        now,
    )
    waits = []

    def fake_wait(seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) == 7:
            raise KeyboardInterrupt
        clock.advance(timedelta(seconds=seconds))
        return False

    with pytest.raises(KeyboardInterrupt):
        watch.watch_forever(clock, fake_wait)
    # 13:00:00 closes one, 13:00:30 the next, then minute naps until 13:05:00, then idle.
    assert waits == [30.0, 60.0, 60.0, 60.0, 60.0, 30.0, 60.0]
    assert open_chats() == []
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "2025-03-12T13:00:00+00:00 Padaria Pão Quente: 1 atendimento encerrado "
        "(Cliente sem resposta há 1 hora)",
        "2025-03-12T13:00:30+00:00 Padaria Pão Quente: 1 atendimento encerrado "
        "(Cliente sem resposta há 1 hora)",
        "2025-03-12T13:05:00+00:00 Padaria Pão Quente: 1 atendimento encerrado "
        "(Cliente sem resposta há 1 hora)",
    ]


def test_watch_without_once_stops_cleanly_on_ctrl_c(
    atende,
    shop,
    clock,
    db_path,
    monkeypatch,
):
    add_chats(shop, {"a": timedelta(days=1)}, clock.now())

    class Interrupted:
        def __init__(self, db):
            pass

        def __call__(self, seconds):
            raise KeyboardInterrupt

    monkeypatch.setattr(watch, "ChangeWaiter", Interrupted)
    code, out, _err = atende("watch", "--now", NOW)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Vigia em execução; tecle Ctrl+C para parar."
    assert lines[1].endswith(
        "Padaria Pão Quente: 1 atendimento encerrado (Cliente sem resposta há 1 hora)"
    )
    assert lines[-1] == "Vigia parado."
    if isinstance(db_path, Path):  # a SQLite file has a watcher lock
        lock = FileLock(watcher_lock_path(db_path))
        assert lock.acquire()  # released on the way out
        lock.release()


@pytest.mark.sqlite_only("the watcher lock file and PRAGMA data_version")
def test_the_wait_returns_early_when_another_process_writes(shop, clock, db, db_path):
    add_chats(shop, {"a": timedelta(minutes=1)}, clock.now())
    elapsed = [0.0]
    other = sqlite3.connect(db_path)

    def fake_sleep(seconds: float) -> None:
        assert seconds <= 1.0
        elapsed[0] += seconds
        if elapsed[0] == 3.0:  # a `chats import` in another process commits
            other.execute("UPDATE chat SET customer_name = 'Maria'")
            other.commit()

    waiter = watch.ChangeWaiter(db, sleep=fake_sleep, monotonic=lambda: elapsed[0])
    assert waiter(10.0) is True
    assert elapsed[0] == 3.0
    assert waiter(2.5) is False  # nothing else changed: the whole wait, in slices
    assert elapsed[0] == 5.5
    other.close()


def test_started_clock_runs_from_the_given_instant(clock):
    ticks = iter([100.0, 107.5])
    started = watch.StartedClock(clock.now(), monotonic=lambda: next(ticks))
    assert started.now() == clock.now() + timedelta(seconds=7.5)


def test_the_loop_wakes_for_the_warning_then_for_the_deadline(shop, clock, capsys):
    AutoCloseSettings.update(warning_minutes_before=10, warning_message="Ainda aí?").execute()
    add_chats(shop, {"a": timedelta(minutes=45)}, clock.now())  # warned in 5, closed in 15
    waits = []

    def fake_wait(seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) == 20:
            raise KeyboardInterrupt
        clock.advance(timedelta(seconds=seconds))
        return False

    with pytest.raises(KeyboardInterrupt):
        watch.watch_forever(clock, fake_wait)
    assert waits[:5] == [60.0] * 5  # capped naps until the warning at 13:05
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"2025-03-12T13:05:00+00:00 Padaria Pão Quente: {watch.warned_message(1)}",
        "2025-03-12T13:15:00+00:00 Padaria Pão Quente: 1 atendimento encerrado "
        "(Cliente sem resposta há 1 hora)",
    ]
