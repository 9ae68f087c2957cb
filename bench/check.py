"""`atende check` over many instances, next to reading the same rows.

N instances (default 100), each with T predefined messages (default 500), a weekly agenda
with two intervals a day, two special dates and auto-close on. Measured, medians of 5:
- app:   `checks.check_all()` (what `atende check` runs);
- floor: the same rows read — every instance, its auto-close settings, agenda intervals,
         special dates and their intervals, and its templates — one SELECT per table, with
         raw sqlite3 and as Peewee model objects.
Prints them and the ratios (target: app ≤ 1.5× the Peewee floor; against raw sqlite3 the
app's Python validation of every template dominates), the app's p95 and the number of
queries it ran (its round trips). The app also validates every template (Python), which no floor
does.

    python bench/check.py [--instances 100] [--templates 500]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import i18n  # noqa: E402
from app.core.common.clock import FixedClock  # noqa: E402
from app.core.config import checks  # noqa: E402
from app.core.instances.store import create_instance  # noqa: E402
from app.core.storage.db import close_database, database, open_database  # noqa: E402
from app.core.storage.models import (  # noqa: E402
    AutoCloseSettings,
    Instance,
    ScheduleInterval,
    ScheduleSettings,
    SpecialDate,
    SpecialInterval,
    Template,
    to_millis,
)

NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
TABLES = (
    "instance",
    "auto_close_settings",
    "schedule_settings",
    "schedule_interval",
    "special_date",
    "special_interval",
    "template",
)

MODELS = (
    Instance,
    AutoCloseSettings,
    ScheduleSettings,
    ScheduleInterval,
    SpecialDate,
    SpecialInterval,
    Template,
)


def build(path: Path, instances: int, templates: int) -> None:
    open_database(path)
    clock = FixedClock(NOW)
    ids = [
        create_instance(
            {"name": f"Loja {i:03d}", "phone": "+5511912345678", "plan": "avancado"}, clock
        ).id
        for i in range(instances)
    ]
    close_database()
    now = to_millis(NOW)
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO auto_close_settings (instance_id, enabled, timeout_minutes,"
            " close_assigned_by_operator, close_started_by_bot_or_workflow, closing_message)"
            " VALUES (?, 1, 120, 1, 0, 'Obrigado, {{primeiro_nome}}!')",
            [(i,) for i in ids],
        )
        db.executemany(
            "INSERT INTO schedule_settings (instance_id, enabled, holidays_country)"
            " VALUES (?, 1, 'BR')",
            [(i,) for i in ids],
        )
        db.executemany(
            "INSERT INTO schedule_interval (instance_id, weekday, start_minute, end_minute)"
            " VALUES (?, ?, ?, ?)",
            [(i, d, s, e) for i in ids for d in range(6) for s, e in ((480, 720), (780, 1080))],
        )
        for i in ids:
            for day in ("2025-12-24", "2025-12-31"):
                special = db.execute(
                    "INSERT INTO special_date (instance_id, date) VALUES (?, ?)", (i, day)
                ).lastrowid
                db.execute(
                    "INSERT INTO special_interval (special_date_id, start_minute, end_minute)"
                    " VALUES (?, 480, 720)",
                    (special,),
                )
        db.executemany(
            "INSERT INTO template (instance_id, title, shortcut, category, content, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    i,
                    f"Mensagem {t}",
                    f"/m{t:04d}",
                    ("Vendas", "Pagamento", None)[t % 3],
                    f"{{{{saudacao}}}}, {{{{primeiro_nome}}}}! Pedido {t} a caminho, {{{{data}}}}.",
                    now,
                    now,
                )
                for i in ids
                for t in range(templates)
            ],
        )
    db.execute("ANALYZE")
    db.close()


def floor(path: Path) -> float:
    db = sqlite3.connect(path)
    start = time.perf_counter()
    for table in TABLES:
        db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 (fixed names)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def floor_peewee(path: Path) -> float:
    open_database(path)
    start = time.perf_counter()
    for model in MODELS:
        list(model.select())
    elapsed = time.perf_counter() - start
    close_database()
    return elapsed


def app(path: Path) -> tuple[float, int, int]:
    open_database(path)
    queries = 0
    execute = database.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        nonlocal queries
        queries += 1
        return execute(sql, params, *args, **kwargs)

    database.obj.execute_sql = counting
    start = time.perf_counter()
    problems = checks.check_all()
    elapsed = time.perf_counter() - start
    close_database()
    return elapsed, queries, len(problems)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--templates", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    i18n.install()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.sqlite3"
        build(path, args.instances, args.templates)
        floors, peewees, apps = [], [], []
        for _run in range(args.runs):  # interleaved: neither side profits from going second
            floors.append(floor(path))
            peewees.append(floor_peewee(path))
            elapsed, queries, problems = app(path)
            apps.append(elapsed)
    floor_s, app_s = statistics.median(floors), statistics.median(apps)
    peewee_s = statistics.median(peewees)
    print(f"{args.instances} instances x {args.templates} templates; {problems} problems found")
    print(f"floor: the same rows read with raw sqlite3  {floor_s * 1000:7.0f} ms")
    print(f"floor: the same rows as Peewee models       {peewee_s * 1000:7.0f} ms")
    print(
        f"app:   checks.check_all()                   {app_s * 1000:7.0f} ms"
        f" (p95 {p95(apps) * 1000:.0f} ms; {queries} queries)"
    )
    print(
        f"ratio: {app_s / floor_s:.2f}x raw, {app_s / peewee_s:.2f}x Peewee"
        " (target <= 1.5x the Peewee floor; per run, Peewee:"
        f" {', '.join(f'{a / p:.2f}' for a, p in zip(apps, peewees, strict=True))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
