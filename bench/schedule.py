"""How fast the agenda answers: is_open, next_opening (typical and the 400-day worst case),
and decide() with a stored agenda, next to the floor of the same number of bare zone
conversions (`datetime.astimezone`, which every step needs) measured in the same run.

Usage: python bench/schedule.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import i18n  # noqa: E402
from app.core.schedule.agenda import Agenda  # noqa: E402
from app.core.schedule.opening import SEARCH_DAYS, is_open, next_opening  # noqa: E402

ZONE = ZoneInfo("America/Sao_Paulo")
OFFICE = Agenda(True, "America/Sao_Paulo", week=(((480, 720), (780, 1080)),) * 5 + ((), ()))
T = datetime(2025, 4, 18, 19, 0, tzinfo=ZONE)  # Good Friday evening: opens Tuesday 22/04


def best_of(fn, repeat: int = 7, number: int = 200) -> float:
    """Median seconds per call over `repeat` runs of `number` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return statistics.median(runs)


def floor(conversions: int) -> float:
    moments = [T + timedelta(hours=i) for i in range(conversions)]
    return best_of(lambda: [m.astimezone(ZONE) for m in moments], number=50)


def main() -> int:
    i18n.install()
    never = Agenda(
        True,
        "America/Sao_Paulo",
        week=OFFICE.week,
        special_dates={T.date() + timedelta(days=n): () for n in range(SEARCH_DAYS + 5)},
    )
    next_opening(OFFICE, T)  # warm the holiday calendar cache
    rows = [
        ("is_open", best_of(lambda: is_open(OFFICE, T), number=5000), 1),
        (
            "next_opening over a long weekend (5 local days)",
            best_of(lambda: next_opening(OFFICE, T)),
            5,
        ),
        (
            f"next_opening never open ({SEARCH_DAYS} days)",
            best_of(lambda: next_opening(never, T), number=5),
            SEARCH_DAYS,
        ),
    ]
    print(f"{'':52} {'app':>10} {'floor':>10} {'ratio':>6}")
    for label, seconds, steps in rows:
        base = floor(steps)
        print(f"{label:52} {seconds * 1e6:8.1f}µs {base * 1e6:8.1f}µs {seconds / base:6.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        from app.core.common.clock import FixedClock
        from app.core.instances.store import create_instance
        from app.core.schedule import store as schedule
        from app.core.schedule.decision import decide
        from app.core.storage.db import open_database

        open_database(Path(tmp) / "bench.sqlite3")
        clock = FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))
        shop = create_instance(
            {
                "name": "Loja",
                "phone": "+5511912345678",
                "plan": "avancado",
                "timezone": "America/Sao_Paulo",
            },
            clock,
        )
        values = schedule.export_schedule(shop)
        values.update(enabled=True, special_dates=[{"date": "2025-12-24", "intervals": []}])
        for key in ("monday", "tuesday", "wednesday", "thursday", "friday"):
            values["week"][key] = [["08:00", "12:00"], ["13:00", "18:00"]]
        schedule.save(shop, values, clock)
        stored = best_of(lambda: decide(shop, T, False), number=100)
        loaded = schedule.load_agenda(shop)
        pure = best_of(lambda: decide(shop, T, False, loaded), number=100)
        print(f"{'decide() loading the agenda (3 queries)':52} {stored * 1e6:8.1f}µs")
        print(f"{'decide() with the agenda already loaded':52} {pure * 1e6:8.1f}µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
