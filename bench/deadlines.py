"""Stored deadlines counting business hours (SPEC §12), at 100k open chats.

1. Recompute: saving a new agenda (`schedule.save`: the section's write, the deadlines and
   warning moments of every open chat recomputed from the agenda, the history event, one
   transaction). Goal ≤ 1 s. Also shown: the Python part alone (one `OpenTimeline`, every
   distinct last agent message) and the SQL part alone (the set-based UPDATEs).
2. Closing pass: `closing.close_due(now)` with business-hours deadlines stored, 10 % due,
   next to its floor measured in the same run on fresh copies of the same file: the same
   writes by hand in raw sqlite3 — one INSERT…SELECT of the history events and one UPDATE
   of the chats over `deadline_at <= now`, in one transaction. Goal ≤ 1.3× the floor.

    python bench/deadlines.py [--chats 100000]
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import i18n  # noqa: E402
from app.core.common.clock import FixedClock  # noqa: E402
from app.core.instances.store import create_instance  # noqa: E402
from app.core.schedule import store as schedule  # noqa: E402
from app.core.storage.db import close_database, open_database  # noqa: E402
from app.core.storage.models import Chat, to_millis  # noqa: E402
from app.core.watcher import auto_close, closing, deadlines  # noqa: E402

NOW = datetime(2025, 3, 17, 15, 0, tzinfo=UTC)  # Monday 12:00 in São Paulo
TIMEOUT = 5 * 60  # five business hours
DUE_SHARE = 10  # percent


def agenda(days: tuple[str, ...], hours: list[list[str]]) -> dict:
    values = schedule.default_values()
    values["enabled"] = True
    for day in days:
        values["week"][day] = [list(pair) for pair in hours]
    return values


WORKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
BEFORE = agenda(WORKDAYS, [["08:00", "12:00"], ["13:00", "18:00"]])
AFTER = agenda((*WORKDAYS, "saturday"), [["08:00", "12:00"], ["13:00", "18:00"]])


def build(path: Path, n: int) -> int:
    """One instance counting business hours, `n` open chats waiting on the customer, their
    last agent messages spread over 30 days (each millisecond its own, like real traffic);
    returns how many are due at NOW."""
    open_database(path)
    clock = FixedClock(NOW - timedelta(days=60))
    instance = create_instance(
        {
            "name": "Loja",
            "phone": "+5511912345678",
            "plan": "avancado",
            "timezone": "America/Sao_Paulo",
        },
        clock,
    )
    schedule.save(instance, BEFORE, clock)
    settings = {
        **auto_close.defaults(),
        "enabled": True,
        "timeout_minutes": TIMEOUT,
        "count": "business_hours",
        "close_started_by_bot_or_workflow": True,
        "closing_message": "Obrigado pelo contato, {{primeiro_nome}}!",
        "warning": {"minutes_before": 30, "message": "{{primeiro_nome}}, ainda está aí?"},
    }
    auto_close.save(instance, settings, clock)
    instance_id = instance.id
    close_database()
    rng = random.Random(7)
    now_ms, span = to_millis(NOW), 30 * 86_400_000
    due_before = now_ms - 4 * 86_400_000  # > 5 business hours ago whatever the weekday
    rows = []
    for k in range(n):
        if k % 100 < DUE_SHARE:
            agent = due_before - rng.randrange(0, span)
        else:
            agent = now_ms - rng.randrange(0, 3_600_000)  # the last hour: not due
        via = ("operator", "chatbot", "workflow")[k % 3]
        rows.append((instance_id, f"wa-{k}", f"Cliente {k}", "open", "human", via, agent))
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO chat (instance_id, external_id, customer_name, status, handler,"
            " assigned_via, last_agent_message_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.close()
    open_database(path)
    instance = auto_close.Instance.get_by_id(instance_id)
    with Chat._meta.database.atomic():
        deadlines.recompute(instance, schedule.load_agenda(instance))
    due = Chat.select().where(Chat.deadline_at <= NOW).count()
    Chat._meta.database.execute_sql("ANALYZE")
    Chat._meta.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return due


def fresh_copy(template: Path, workdir: Path) -> Path:
    copy = workdir / f"run-{time.perf_counter_ns()}.sqlite3"
    shutil.copyfile(template, copy)
    return copy


def drop(copy: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)


def run_save(path: Path) -> tuple[float, int]:
    open_database(path)
    instance = auto_close.Instance.get()
    start = time.perf_counter()
    schedule.save(instance, AFTER, FixedClock(NOW))
    elapsed = time.perf_counter() - start
    changed = Chat.select().where(Chat.deadline_at.is_null(False)).count()
    close_database()
    return elapsed, changed


def run_parts(path: Path) -> tuple[float, float]:
    """The Python computation alone, then the whole recompute (so SQL = the difference)."""
    open_database(path)
    instance = auto_close.Instance.get()
    agenda_after = schedule.agenda_from_values(AFTER, instance.timezone)
    starts = deadlines._starts(instance, only_missing=False)
    start = time.perf_counter()
    list(deadlines._instants(agenda_after, starts, TIMEOUT, 30))
    python = time.perf_counter() - start
    start = time.perf_counter()
    with Chat._meta.database.atomic():
        deadlines.recompute(instance, agenda_after)
    whole = time.perf_counter() - start
    close_database()
    return python, whole


def run_app(path: Path) -> tuple[float, int]:
    open_database(path)
    start = time.perf_counter()
    result = closing.close_due(NOW)
    elapsed = time.perf_counter() - start
    close_database()
    return elapsed, result.total


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
        " c.external_id FROM chat c JOIN auto_close_settings s ON s.instance_id = c.instance_id"
        " JOIN instance i ON i.id = c.instance_id WHERE c.deadline_at <= :now",
        params,
    )
    closed = db.execute(
        "UPDATE chat SET status = 'closed', closed_at = :now, closed_by = 'auto',"
        " close_reason = :reason, deadline_at = NULL, warning_at = NULL"
        " WHERE deadline_at <= :now",
        params,
    ).rowcount
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, closed


def medians(runners, template: Path, workdir: Path, runs: int) -> list[list[float]]:
    """Round-robin over the runners (each sees the same noisy machine): per runner, the
    median of each value it returns."""
    results: list[list[tuple]] = [[] for _ in runners]
    for _ in range(runs):
        for i, runner in enumerate(runners):
            copy = fresh_copy(template, workdir)
            results[i].append(runner(copy))
            drop(copy)
    return [[statistics.median(values) for values in zip(*r, strict=True)] for r in results]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    i18n.install()
    n = args.chats
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        template = workdir / "template.sqlite3"
        due = build(template, n)
        (save, changed), (python, whole) = medians([run_save, run_parts], template, workdir, 3)
        app, floor = (m[0] for m in medians([run_app, run_floor], template, workdir, args.runs))
    print(f"{n} open chats counting business hours, {due} due ({DUE_SHARE} %), WAL, median runs.")
    print(f"Recompute after an agenda change: schedule.save {ms(save)}   (goal ≤ 1000 ms)")
    print(f"    {int(changed)} chats with a deadline: Python {ms(python)}, recompute {ms(whole)}")
    print(
        f"Closing pass: close_due {ms(app)}   raw-SQL floor {ms(floor)}"
        f"   ratio {app / floor:.2f}×   (goal ≤ 1.3×)"
    )
    ok = save <= 1.0 and app <= 1.3 * floor
    print("goals met" if ok else "GOALS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
