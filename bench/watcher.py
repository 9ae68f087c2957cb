"""One watcher pass (`closing.close_due`) next to its floor and to a naive Python loop.

For N open chats (10 % due) spread over 5 instances, each measurement runs on a fresh copy
of the same database file:
- app:   `closing.close_due(now)` (set-based: per instance one INSERT…SELECT + one UPDATE);
- floor: the same writes by hand with raw sqlite3 — one INSERT…SELECT of the history events
         and one UPDATE of the chats, in one transaction;
- loop:  what we avoid — select the open chats, decide in Python, `save()` each chat and
         create each event, in one transaction.
Prints the medians and the ratios (targets: app within 2× of the floor, ≥ 20× faster than
the loop), and the idle query `next_due_at()`.

    python bench/watcher.py            # 10k and 100k; the loop at 100k extrapolated ×10
    python bench/watcher.py --full     # also run the loop at 100k
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app import i18n
from app.core.common.clock import FixedClock
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import AutoCloseSettings, Chat, HistoryEvent, to_millis
from app.core.watcher import closing

NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
TIMEOUTS = (30, 60, 300, 720, 1440)  # minutes, one instance each
VIAS = ("operator", "chatbot", "workflow")


def build(path: Path, n: int) -> int:
    """A database with `n` open chats, 10 % of them due at NOW; returns how many are due."""
    open_database(path)
    clock = FixedClock(NOW - timedelta(days=30))
    ids = []
    for i, timeout in enumerate(TIMEOUTS):
        instance = create_instance(
            {
                "name": f"Loja {i + 1}",
                "phone": "+5511912345678",
                "plan": "avancado",
                "timezone": "America/Sao_Paulo",
            },
            clock,
        )
        AutoCloseSettings.create(
            instance=instance,
            enabled=True,
            timeout_minutes=timeout,
            close_assigned_by_operator=True,
            close_started_by_bot_or_workflow=True,
            closing_message="Obrigado pelo contato, {{primeiro_nome}}!",
        )
        ids.append((instance.id, timeout))
    close_database()
    rng = random.Random(42)
    now_ms = to_millis(NOW)
    rows, due = [], 0
    for k in range(n):
        instance_id, timeout = ids[k % len(ids)]
        timeout_ms = timeout * 60_000
        kind = k % 20  # 2/20 due, 6/20 agent wrote recently, 7/20 customer last, 5/20 bot
        handler, via, agent, customer = "human", VIAS[k % 3], None, None
        if kind < 2:
            agent = now_ms - timeout_ms - rng.randrange(1, 86_400_000)
            customer = agent - rng.randrange(1, 3_600_000)
            due += 1
        elif kind < 8:
            agent = now_ms - rng.randrange(0, timeout_ms)
            customer = rng.choice([None, agent - 60_000])
        elif kind < 15:
            agent = now_ms - rng.randrange(timeout_ms, timeout_ms * 3)
            customer = agent + rng.randrange(1, 600_000)
        else:
            handler, via = "bot", None
            agent = now_ms - rng.randrange(0, 86_400_000 * 3)
        rows.append(
            (
                instance_id,
                f"wa-{k}",
                f"Cliente {k}",
                f"+55119{k % 10**8:08d}",
                "open",
                handler,
                via,
                f"Operador {k % 7}" if handler == "human" else None,
                customer,
                agent,
            )
        )
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO chat (instance_id, external_id, customer_name, phone, status, handler,"
            " assigned_via, operator_name, last_customer_message_at, last_agent_message_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return due


def fresh_copy(template: Path, workdir: Path) -> Path:
    copy = workdir / f"run-{time.perf_counter_ns()}.sqlite3"
    shutil.copyfile(template, copy)
    return copy


def run_app(path: Path) -> tuple[float, int]:
    open_database(path)
    start = time.perf_counter()
    result = closing.close_due(NOW)
    elapsed = time.perf_counter() - start
    close_database()
    return elapsed, result.total


FLOOR_DUE = """
    FROM chat c JOIN auto_close_settings s ON s.instance_id = c.instance_id
    WHERE s.enabled AND c.status = 'open' AND c.handler = 'human'
      AND ((c.assigned_via = 'operator' AND s.close_assigned_by_operator)
           OR (c.assigned_via IN ('chatbot', 'workflow') AND s.close_started_by_bot_or_workflow))
      AND c.last_agent_message_at IS NOT NULL
      AND (c.last_customer_message_at IS NULL
           OR c.last_agent_message_at > c.last_customer_message_at)
      AND c.last_agent_message_at <= :now - s.timeout_minutes * 60000
"""


def run_floor(path: Path) -> tuple[float, int]:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "foreign_keys=1", "synchronous=normal"):
        db.execute(f"PRAGMA {pragma}")
    params = {"now": to_millis(NOW), "reason": "Cliente sem resposta"}
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO history_event (instance_id, instance_name, at, kind, section, summary,"
        " details, chat_external_id)"
        " SELECT c.instance_id, i.name, :now, 'auto_close', 'auto_close', :reason,"
        " json_object('assigned_via', c.assigned_via, 'closing_message', s.closing_message,"
        " 'customer_name', c.customer_name, 'operator_name', c.operator_name,"
        " 'phone', c.phone, 'protocol', c.protocol, 'timeout_minutes', s.timeout_minutes),"
        " c.external_id"
        + FLOOR_DUE.replace("WHERE", "JOIN instance i ON i.id = c.instance_id WHERE", 1),
        params,
    )
    closed = db.execute(
        "UPDATE chat SET status = 'closed', closed_at = :now, closed_by = 'auto',"
        " close_reason = :reason, deadline_at = NULL, warning_at = NULL"  # as close_due does
        " WHERE id IN (SELECT c.id" + FLOOR_DUE + ")",
        params,
    ).rowcount
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, closed


def run_loop(path: Path) -> tuple[float, int]:
    """The naive way: every open chat into Python, the rule in Python, one save() each."""
    open_database(path)
    start = time.perf_counter()
    settings = {s.instance_id: s for s in AutoCloseSettings.select()}
    closed = 0
    with Chat._meta.database.atomic():
        for chat in Chat.select().where(Chat.status == "open"):
            s = settings.get(chat.instance_id)
            if s is None or not s.enabled or chat.handler != "human":
                continue
            if not (
                (chat.assigned_via == "operator" and s.close_assigned_by_operator)
                or (
                    chat.assigned_via in ("chatbot", "workflow")
                    and s.close_started_by_bot_or_workflow
                )
            ):
                continue
            agent, customer = chat.last_agent_message_at, chat.last_customer_message_at
            if agent is None or (customer is not None and agent <= customer):
                continue
            if NOW - agent < timedelta(minutes=s.timeout_minutes):
                continue
            reason = closing.closing_reason(s.timeout_minutes)
            chat.status, chat.closed_at, chat.closed_by = "closed", NOW, "auto"
            chat.close_reason = reason
            chat.save()
            HistoryEvent.create(
                instance=chat.instance_id,
                instance_name="Loja",
                at=NOW,
                kind="auto_close",
                section="auto_close",
                summary=reason,
                chat_external_id=chat.external_id,
                details={
                    "closing_message": s.closing_message,
                    "timeout_minutes": s.timeout_minutes,
                },
            )
            closed += 1
    elapsed = time.perf_counter() - start
    close_database()
    return elapsed, closed


def time_next_due(path: Path, repeat: int = 200) -> float:
    open_database(path)
    closing.next_due_at()
    start = time.perf_counter()
    for _ in range(repeat):
        closing.next_due_at()
    elapsed = (time.perf_counter() - start) / repeat
    close_database()
    return elapsed


def measure(runner, template: Path, workdir: Path, expected: int) -> float:
    copy = fresh_copy(template, workdir)
    elapsed, closed = runner(copy)
    assert closed == expected, f"{runner.__name__} closed {closed}, expected {expected}"
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    return elapsed


def medians(runners, template: Path, workdir: Path, runs: int, expected: int) -> list[float]:
    """Round-robin over the runners, so each sees the same (noisy) machine; the medians."""
    times: list[list[float]] = [[] for _ in runners]
    for _ in range(runs):
        for i, runner in enumerate(runners):
            times[i].append(measure(runner, template, workdir, expected))
    return [statistics.median(t) for t in times]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="run the loop at 100k too")
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    i18n.install()
    print("Closing due chats: 10 % of N open chats due, 5 instances, median of runs on fresh")
    print("copies of one file (WAL, synchronous=NORMAL). Targets: app ≤ 2× floor, loop ≥ 20× app.")
    print(
        f"{'N':>8} {'close_due':>12} {'floor':>12} {'app/floor':>10} {'naive loop':>14}"
        f" {'loop/app':>9}  next_due_at()"
    )
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        loop_per_chat = None
        for n in (int(s) for s in args.sizes.split(",")):
            template = workdir / f"template-{n}.sqlite3"
            due = build(template, n)
            small = n <= 20_000
            app, floor = medians([run_app, run_floor], template, workdir, 9 if small else 5, due)
            if small or args.full:
                # The loop is long: few runs, interleaved with the app's for fairness.
                loop, _app = medians([run_loop, run_app], template, workdir, 3 if small else 1, due)
                loop_per_chat, note = loop / n, ""
            else:
                loop, note = loop_per_chat * n, " (extrapolated from 10k)"
            idle = time_next_due(template)
            ok &= app <= 2 * floor and loop >= 20 * app
            print(
                f"{n:>8} {ms(app)} {ms(floor)} {app / floor:>9.2f}× {ms(loop)}"
                f" {loop / app:>8.0f}×  {idle * 1e6:.0f} µs{note}"
            )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
