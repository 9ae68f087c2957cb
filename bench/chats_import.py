"""`chats import` of 10k / 100k (/ 1M) lines: time and peak RSS against a raw insert.

A JSON Lines file of N chats (a fifth closed, phones drawn from 5 000 customers, typed the
Brazilian way) is imported into a fresh copy of a database with one instance, auto-close on
(calendar time: the m007 triggers store each deadline). Each run is a child process, so its
peak RSS (`wait4`'s ru_maxrss) is its own:
- floor: the same rows already parsed (SQL-ready tuples, streamed from a marshal file made
         beforehand) inserted with raw sqlite3 `executemany`, one transaction;
- app:   what `atende chats import` does after argparse (`chat_import.import_lines` over
         `chat_lines.file_lines`): read, parse, validate, stage, upsert, deadlines.
Runs interleave (neither side profits from going second). Prints medians, p95 where there
are repeats, the ratio (target: app <= 4x the floor in time) and peak RSS (target <= 200 MiB).

1M lines (~320 MB) are within the CLI's own limit (`chat_lines.MAX_CHATS_BYTES`, 4 GB).

    python bench/chats_import.py                  # 10k and 100k lines, 3 runs each
    python bench/chats_import.py --million        # and 1M lines, one run
    python bench/chats_import.py --sizes 20000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import i18n  # noqa: E402
from app.core.common.clock import FixedClock  # noqa: E402
from app.core.instances.store import create_instance  # noqa: E402
from app.core.storage.db import close_database, open_database  # noqa: E402
from app.core.storage.models import AutoCloseSettings, Instance, to_millis  # noqa: E402
from app.core.watcher.chat_import import import_lines  # noqa: E402
from app.core.watcher.chat_lines import file_lines  # noqa: E402
from app.core.watcher.chats import FIELDS, INSTANT_FIELDS  # noqa: E402

NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
ZONE = "-03:00"
CUSTOMERS = 5000
CHUNK = 10_000  # tuples per marshal record of the floor's input


def chat_line(k: int) -> dict:
    closed = k % 5 == 0
    human = k % 4 != 0
    agent = NOW - timedelta(minutes=k % 5000)
    customer = agent - timedelta(minutes=3)
    line = {
        "external_id": f"wa-{k}",
        "customer_name": f"Cliente {k % CUSTOMERS}",
        "phone": f"(11) 9{k % CUSTOMERS:04d}-{(k * 7) % CUSTOMERS:04d}",
        "protocol": f"P{k:08d}",
        "status": "closed" if closed else "open",
        "handler": "human" if human else "bot",
        "assigned_via": "operator" if human else None,
        "operator_name": f"Operador {k % 7}" if human else None,
        "last_customer_message_at": customer.astimezone().isoformat(timespec="seconds"),
        "last_agent_message_at": agent.isoformat(timespec="seconds").replace("+00:00", "Z"),
    }
    if closed:
        line["closed_at"] = (agent + timedelta(hours=1)).isoformat(timespec="seconds")
        line["closed_by"] = "agent"
        line["close_reason"] = "Resolvido"
    return line


def sql_row(line: dict) -> tuple:
    """The line as the floor inserts it: the values `chat` stores (instants in epoch ms)."""
    values = []
    for field in FIELDS:
        value = line.get(field)
        if field in INSTANT_FIELDS and value is not None:
            value = to_millis(datetime.fromisoformat(value))
        elif field == "phone":
            digits = "".join(c for c in value if c.isdigit())
            value = f"+55{digits}"
        values.append(value)
    return tuple(values)


def build(folder: Path, lines: int) -> tuple[Path, Path, Path]:
    """The template database, the JSON Lines file and the floor's marshal file."""
    db = folder / f"template-{lines}.sqlite3"
    open_database(db)
    instance = create_instance(
        {"name": "Loja", "phone": "+5511912345678", "plan": "avancado"}, FixedClock(NOW)
    )
    AutoCloseSettings.create(instance=instance, enabled=True, timeout_minutes=120)
    close_database()
    jsonl, rows = folder / f"chats-{lines}.jsonl", folder / f"rows-{lines}.marshal"
    with jsonl.open("w", encoding="utf-8") as text, rows.open("wb") as binary:
        chunk = []
        for k in range(lines):
            line = chat_line(k)
            text.write(json.dumps(line, ensure_ascii=False) + "\n")
            chunk.append(sql_row(line))
            if len(chunk) == CHUNK:
                marshal.dump(chunk, binary)
                chunk = []
        if chunk:
            marshal.dump(chunk, binary)
    return db, jsonl, rows


def marshalled(path: Path):
    with path.open("rb") as fh:
        while True:
            try:
                yield from marshal.load(fh)
            except EOFError:
                return


def child_floor(db: Path, rows: Path) -> float:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = wal")
    conn.execute("PRAGMA synchronous = normal")
    instance_id = conn.execute("SELECT id FROM instance").fetchone()[0]
    marks = ", ".join("?" * (len(FIELDS) + 1))
    sql = f"INSERT INTO chat (instance_id, {', '.join(FIELDS)}) VALUES ({marks})"
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(sql, ((instance_id, *row) for row in marshalled(rows)))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def child_app(db: Path, jsonl: Path) -> float:
    i18n.install()
    open_database(db)
    start = time.perf_counter()
    lines, problems = file_lines(str(jsonl))
    assert lines is not None, problems
    result = import_lines(lines, lambda: Instance.get(Instance.name == "Loja"))
    elapsed = time.perf_counter() - start
    close_database()
    assert result.created > 0, result
    return elapsed


def run_child(kind: str, db: Path, data: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one child process."""
    command = [sys.executable, __file__, "--child", kind, str(db), str(data)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} child failed ({proc.returncode})")
    return float(out), usage.ru_maxrss / 1024  # Linux: KiB


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def measure(folder: Path, lines: int, runs: int) -> None:
    template, jsonl, rows = build(folder, lines)
    floors, apps = [], []
    for run in range(runs):
        for kind, data, into in (("floor", rows, floors), ("app", jsonl, apps)):
            db = folder / f"{kind}-{run}.sqlite3"
            shutil.copyfile(template, db)
            into.append(run_child(kind, db, data))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    size_mib = jsonl.stat().st_size / 2**20
    print(f"{lines:,} lines ({size_mib:.0f} MiB of JSON Lines), {runs} run(s)")
    sides = (("floor: raw sqlite3 executemany", floors), ("app:   import_lines", apps))
    for name, results in sides:
        seconds, rss = [r[0] for r in results], [r[1] for r in results]
        spread = f", p95 {p95(seconds):6.2f} s" if runs > 1 else ""
        print(
            f"  {name:32} median {statistics.median(seconds):6.2f} s{spread};"
            f" peak RSS {statistics.median(rss):6.1f} MiB (max {max(rss):.1f})"
        )
    ratio = statistics.median(r[0] for r in apps) / statistics.median(r[0] for r in floors)
    print(f"  ratio: {ratio:.2f}x the floor (target <= 4x; peak RSS target <= 200 MiB)")
    for path in (template, jsonl, rows):
        path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--million", action="store_true", help="also 1M lines, one run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "DB", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, data = args.child
        run = child_floor if kind == "floor" else child_app
        print(run(Path(db), Path(data)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        for lines in args.sizes:
            measure(Path(folder), lines, args.runs)
        if args.million:
            measure(Path(folder), 1_000_000, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
