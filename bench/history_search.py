"""Histórico text search over N events: the app's query next to its floor, in the same run.

Floor: a plain SQLite LIKE (C-fast, but blind to accents). Naive: the accent-folding Python
function on every row. App: `history_filters.search` (LIKE pre-filter, then the fold on what
it kept). Prints the time to the first page (201 rows) of each, median of 5.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from peewee import chunked  # noqa: E402

from app import i18n  # noqa: E402

NEEDLES = ("sao paulo", "resposta ha 10 horas 9999")


def median_ms(run) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    i18n.install()
    from app.core.audit import history_filters
    from app.core.common.clock import FixedClock
    from app.core.instances.store import create_instance
    from app.core.storage import dialect
    from app.core.storage.db import open_database
    from app.core.storage.models import HistoryEvent

    clock = FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))
    for n in (10_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(Path(tmp) / "bench.sqlite3")
            shop = create_instance(
                {
                    "name": "Loja",
                    "phone": "+5511912345678",
                    "plan": "avancado",
                    "timezone": "America/Sao_Paulo",
                },
                clock,
            )
            now = clock.now()
            rows = (
                {
                    "instance": shop.id,
                    "instance_name": "Loja",
                    "at": now - timedelta(seconds=i),
                    "kind": "auto_close",
                    "section": "auto_close",
                    "summary": f"Cliente sem resposta há 10 horas {i}",
                    "details": {},
                    "chat_external_id": f"c{i}",
                }
                for i in range(n)
            )
            with db.atomic():
                for batch in chunked(rows, 5000):
                    HistoryEvent.insert_many(batch).execute()

            def fold(expression):
                return dialect.accent_fold(expression, history_filters.fold)

            for needle in NEEDLES:
                floor = median_ms(
                    lambda needle=needle: list(
                        HistoryEvent.select()
                        .where(HistoryEvent.summary.contains(needle))
                        .order_by(HistoryEvent.at.desc())
                        .limit(201)
                    )
                )
                naive = median_ms(
                    lambda needle=needle, fold=fold: list(
                        HistoryEvent.select()
                        .where(fold(HistoryEvent.summary).contains(needle))
                        .order_by(HistoryEvent.at.desc())
                        .limit(201)
                    )
                )
                app = median_ms(
                    lambda needle=needle, shop=shop: list(
                        history_filters.search(shop, "all", needle).limit(201)
                    )
                )
                print(
                    f"{n:>7} events, {needle!r:28}: plain LIKE {floor:7.1f} ms (floor) | "
                    f"fold every row {naive:7.1f} ms | app {app:7.1f} ms "
                    f"({app / floor:.1f}× floor)"
                )
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
