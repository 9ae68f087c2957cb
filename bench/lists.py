"""Scrolling to the end of the long lists (Atendimentos, Histórico), with memory.

For N open chats of one instance (auto-close on: about half have a deadline) and M history
events, each page is opened offscreen and then:
- floor: the page's query in one pass, through raw sqlite3 (the same SQL the listing
         compiles, unpaged) and through Peewee (the same query and rows, iterated once);
- app:   every row read through the page's model in order (what scrolling to the end asks
         of it: pages read by key), then the view scrolled to the bottom and painted;
- Ctrl+End from the top: the key press, the last page read, layout and paint.
RSS (VmRSS) is printed after building, after opening the page and after the scroll; the
model's rows held at the end show that memory does not grow with the rows.

    python bench/lists.py                 # 75k chats, 1M events
    python bench/lists.py --chats 10000 --events 100000
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app import i18n  # noqa: E402
from app.core.audit import history_filters  # noqa: E402
from app.core.common.clock import FixedClock  # noqa: E402
from app.core.instances.store import create_instance  # noqa: E402
from app.core.storage.db import close_database, open_database  # noqa: E402
from app.core.storage.models import AutoCloseSettings, Instance, to_millis  # noqa: E402
from app.core.watcher import chat_listing  # noqa: E402

NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
DAY_MS = 86_400_000


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build(path: Path, chats: int, events: int) -> None:
    """One instance with `chats` open chats and `events` history events (raw executemany)."""
    open_database(path)
    instance = create_instance(
        {"name": "Loja", "phone": "+5511912345678", "plan": "avancado"}, FixedClock(NOW)
    )
    AutoCloseSettings.create(instance=instance, enabled=True, timeout_minutes=1440)
    close_database()
    rng, now_ms = random.Random(7), to_millis(NOW)
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO chat (instance_id, external_id, customer_name, phone, status, handler,"
            " assigned_via, operator_name, last_customer_message_at, last_agent_message_at)"
            " VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)",
            (
                (
                    instance.id,
                    f"wa-{k}",
                    f"Cliente {k}",
                    f"+55119{k % 10**8:08d}",
                    "human" if k % 4 else "bot",
                    "operator" if k % 4 else None,
                    f"Operador {k % 7}",
                    now_ms - rng.randrange(DAY_MS) - (0 if k % 2 else DAY_MS),
                    now_ms - rng.randrange(DAY_MS),
                )
                for k in range(chats)
            ),
        )
        db.executemany(
            "INSERT INTO history_event (instance_id, instance_name, at, kind, section, summary,"
            " details, chat_external_id) VALUES (?, 'Loja', ?, ?, ?, ?, '{}', ?)",
            (
                (
                    instance.id,
                    now_ms - (events - k) * 60_000,
                    "auto_close" if k % 10 else "config",
                    "auto_close" if k % 10 else "schedule",
                    f"Atendimento wa-{k} encerrado automaticamente" if k % 10 else "Agenda salva",
                    f"wa-{k}" if k % 10 else None,
                )
                for k in range(events)
            ),
        )
    db.execute("ANALYZE")
    db.close()


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def floors(path: Path, listing) -> tuple[float, float]:
    """One pass of the page's query: raw sqlite3 on its compiled SQL, and through Peewee."""
    query = listing.ordered()
    sql, params = query.sql()
    raw = sqlite3.connect(path)
    raw.create_function("atende_fold", 1, history_filters.fold, deterministic=True)
    raw_s = timed(lambda: sum(1 for _ in raw.execute(sql, params)))
    raw.close()
    peewee_s = timed(lambda: sum(1 for _ in query.iterator()))
    return raw_s, peewee_s


def scroll_to_end(app: QApplication, page, model) -> tuple[float, float, int]:
    """Every row read in order, then the view at the bottom; and Ctrl+End from the top."""
    table = page.table

    def read_all():
        for position in range(model.rowCount()):
            model.row(position)
        table.scrollToBottom()
        app.processEvents()
        table.viewport().repaint()

    scrolled = timed(read_all)
    held = model.held()
    model.reload()
    table.scrollToTop()
    table.setCurrentIndex(model.index(0, 0))
    app.processEvents()

    def ctrl_end():
        QTest.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        app.processEvents()
        table.viewport().repaint()

    jumped = timed(ctrl_end)
    assert table.currentIndex().row() == model.rowCount() - 1
    return scrolled, jumped, held


def run(app: QApplication, path: Path, name: str, page_class, listing) -> None:
    from app.ui.context import AppContext

    open_database(path)
    instance = Instance.select().get()
    before = rss_mib()
    opened_at = time.perf_counter()
    page = page_class(instance.id, AppContext(clock=FixedClock(NOW)))
    page.resize(1100, 760)
    page.show()
    app.processEvents()
    opened = time.perf_counter() - opened_at
    after_open = rss_mib()
    scrolled, jumped, held = scroll_to_end(app, page, page.model)
    after_scroll = rss_mib()
    raw_s, peewee_s = floors(path, listing(instance))
    rows = page.model.rowCount()
    print(
        f"{name}: {rows} rows; page opened in {opened * 1000:.0f} ms\n"
        f"  floor, one pass of the query: raw {raw_s:.2f} s, Peewee {peewee_s:.2f} s\n"
        f"  app, scroll to the end: {scrolled:.2f} s ({scrolled / raw_s:.1f}x raw, "
        f"{scrolled / peewee_s:.1f}x Peewee); rows held at the end: {held}\n"
        f"  Ctrl+End from the top: {jumped * 1000:.0f} ms\n"
        f"  RSS: {before:.0f} MiB before the page, {after_open:.0f} MiB opened, "
        f"{after_scroll:.0f} MiB after the scroll"
    )
    page.close()
    page.deleteLater()
    app.processEvents()
    close_database()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=75_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    i18n.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.ui.app import apply_style
    from app.ui.pages.chats import ChatsPage
    from app.ui.pages.history import HistoryPage

    apply_style(app)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lists.sqlite3"
        built = timed(lambda: build(path, args.chats, args.events))
        print(f"built {args.chats} chats and {args.events} events in {built:.1f} s")
        run(app, path, "Atendimentos", ChatsPage, lambda i: chat_listing.keyset(i, "open"))
        run(
            app,
            path,
            "Histórico",
            HistoryPage,
            lambda i: history_filters.listing(i, "all", light=True),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
