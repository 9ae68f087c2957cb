"""Conexão com o Chatwoot against the local fake server (tests/fake_chatwoot.py).

- sync: an inbox of N open conversations (3 messages each) pulled from scratch, then an
  idle re-sync of the unchanged inbox: wall time and requests (goal for the idle one: the
  list pages only — 400 for 10k open, plus one empty page each for pending and snoozed).
- closing: M due conversations with a closing message, the fake answering each request
  after a fixed latency: requests per conversation (goal ≤ 4) and wall time with bounded
  concurrency (goal ≤ 60 s for 1,000 at 50 ms).

    python bench/chatwoot.py                      # 10k conversations, 1,000 closings at 50 ms
    python bench/chatwoot.py --sync 2000 --close 200 --latency 0.05
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app import i18n
from app.core.chatwoot import connection
from app.core.chatwoot.delivery import WORKERS, deliver
from app.core.chatwoot.sync import sync_instance
from app.core.common.clock import FixedClock
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.watcher.closing import close_due
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN, FakeChatwoot, enable_auto_close

NOW = datetime(2025, 3, 14, 13, 0, tzinfo=UTC)  # days after the fake's messages: all due


def fill(fake: FakeChatwoot, n: int) -> None:
    for cid in range(1, n + 1):
        fake.add_waiting_conversation(cid, f"Cliente {cid}")


def shop(folder: Path, fake: FakeChatwoot, name: str):
    open_database(folder / f"{name}.sqlite3")
    instance = create_instance(
        {
            "name": name,
            "phone": "+5511912345678",
            "plan": "avancado",
            "timezone": "America/Sao_Paulo",
        },
        FixedClock(NOW),
    )
    settings, _problems = connection.validate(fake.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(instance, settings, NOW)
    return instance, settings


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def bench_sync(folder: Path, n: int) -> None:
    fake = FakeChatwoot().start()
    try:
        fill(fake, n)
        instance, settings = shop(folder, fake, "sync")
        fake.requests.clear()
        with settings.client() as client:
            first, seconds = timed(lambda: sync_instance(instance, client, NOW))
            print(
                f"sync from scratch, {n} open: {first.updated} chats, "
                f"{sum(fake.requests.values())} requests, {seconds:.2f} s"
            )
            fake.requests.clear()
            idle, seconds = timed(lambda: sync_instance(instance, client, NOW))
            lists = fake.count("GET", "/conversations$")
            print(
                f"idle re-sync: {idle.updated} chats, {sum(fake.requests.values())} requests "
                f"({lists} list pages), {seconds:.2f} s"
            )
    finally:
        fake.stop()
        close_database()


def bench_closing(folder: Path, m: int, latency: float) -> None:
    fake = FakeChatwoot().start()
    try:
        fill(fake, m)
        instance, settings = shop(folder, fake, "closing")
        enable_auto_close(instance.id, "Obrigado pelo contato, {{primeiro_nome}}!")
        with settings.client(max_connections=WORKERS) as client:
            sync_instance(instance, client, NOW)
            closed = close_due(NOW).total  # writes the outbox rows in its transaction
            fake.latency = latency
            fake.requests.clear()
            report, seconds = timed(lambda: deliver(NOW, "bench", lambda conn: client))
        total = sum(fake.requests.values())
        print(
            f"closing {closed} due at {latency * 1000:.0f} ms per request, {WORKERS} at once: "
            f"{report.sent} messages, {report.resolved} resolves, "
            f"{total / max(closed, 1):.2f} requests per conversation, {seconds:.2f} s "
            f"(in series it would be ≥ {total * latency:.0f} s)"
        )
        once = all(
            fake.sent(cid).count("Obrigado pelo contato, Cliente!") <= 1 for cid in range(1, m + 1)
        )
        print(f"each message sent at most once: {once}")
    finally:
        fake.stop()
        close_database()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sync", type=int, default=10_000, help="open conversations to sync")
    parser.add_argument("--close", type=int, default=1_000, help="due conversations to close")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    args = parser.parse_args(argv)
    i18n.install("pt_BR")
    with tempfile.TemporaryDirectory(prefix="atende-bench-") as folder:
        bench_sync(Path(folder), args.sync)
        bench_closing(Path(folder), args.close, args.latency)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
