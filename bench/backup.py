"""Backups next to their floor: the online backup API against a plain file copy.

For N chats (with their history events) in one database:
- app:     `backup.backup_database` (SQLite's online backup API, safe while the app writes);
- floor:   `shutil.copyfile` of the same (checkpointed) file — the cost of moving the bytes;
- restore: `restore.restore_backup` (verify with integrity_check, keep the current file,
           copy, swap, reopen, integrity_check again);
- idle:    `daily_backup_if_due` when today's backup exists (what the hourly timer costs).
Prints medians and ratios (target: the backup within 3× of the floor). The daily backup
runs in a worker thread, so its time costs no frame; a restore (rare, asked for) blocks.

    python bench/backup.py            # 10k and 100k chats
    python bench/backup.py --full     # also 1M
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app import i18n
from app.core.common.clock import FixedClock
from app.core.instances.store import create_instance
from app.core.storage import backup, restore
from app.core.storage.db import close_database, database, open_database

NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)


def build(path: Path, n: int) -> None:
    open_database(path)
    instance = create_instance(
        {
            "name": "Loja",
            "phone": "+5511912345678",
            "plan": "avancado",
            "timezone": "America/Sao_Paulo",
        },
        FixedClock(NOW),
    )
    base = int(NOW.timestamp() * 1000)
    with database.atomic():
        database.execute_sql(
            "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?) "
            "INSERT INTO chat (instance_id, external_id, customer_name, phone, protocol, status,"
            " handler, assigned_via, operator_name, last_customer_message_at,"
            " last_agent_message_at) SELECT ?, 'chat-' || i, 'Cliente ' || i, '+5511912345678',"
            " 'P' || i, 'open', 'human', 'operator', 'Ana', ? - i * 1000, ? - i * 500 FROM seq",
            (n, instance.id, base, base),
        )
        database.execute_sql(
            "INSERT INTO history_event (instance_id, instance_name, at, kind, section, summary,"
            " details, chat_external_id) SELECT instance_id, 'Loja', last_agent_message_at,"
            " 'auto_close', 'auto_close', 'Atendimento encerrado por inatividade', '{}',"
            " external_id FROM chat"
        )
    close_database()  # checkpoints the WAL into the file


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(n: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "atende.sqlite3"
        build(path, n)
        size_mb = path.stat().st_size / 1e6
        copy_target = Path(folder) / "copy.sqlite3"
        floor = median_ms(lambda: shutil.copyfile(path, copy_target), runs)
        made: list[Path] = []
        at = iter(NOW + timedelta(seconds=s) for s in range(1000))
        app = median_ms(lambda: made.append(backup.backup_database(path, "daily", next(at))), runs)
        open_database(path)
        backup.daily_backup_if_due(path, NOW, tz=UTC)
        idle = median_ms(lambda: backup.daily_backup_if_due(path, NOW, tz=UTC), runs)
        restored = median_ms(lambda: restore.restore_backup(made[0], path, next(at)), runs)
        close_database()
        print(
            f"{n:>9,} chats ({size_mb:6.1f} MB): backup {app:8.1f} ms | floor (copy) "
            f"{floor:7.1f} ms | ratio {app / floor:4.1f}x | restore {restored:8.1f} ms | "
            f"idle check {idle:5.2f} ms"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    i18n.install()
    sizes = [10_000, 100_000] + ([1_000_000] if args.full else [])
    for n in sizes:
        measure(n, runs=3 if n >= 1_000_000 else 5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
