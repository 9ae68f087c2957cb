"""Per-keystroke search over 10k predefined messages, next to Qt's own floor.

App: typing into the Mensagens predefinidas page's search box (fold the query, filter the
pre-folded haystacks in Python — only what the previous keystroke found when the query
extends it, or an answer remembered while typing when erasing —, reset the list model, keep
the selection, update the count), then layout and paint of the list. Each round starts with
nothing remembered. The median and the p95 are the figures (a stall shows in the p95).
Over more than one slice of keys the search goes on over the next turns of the event loop
(`template_list.SLICE` keys each): the keystroke's frame shows the first matches; each
later slice is a frame of its own, measured alike until the answer is complete, and the
time from the keystroke to the complete answer is printed too.
Floor, in the same run: a bare `QSortFilterProxyModel`
over a `QStringListModel` of the same folded strings (all in C++), `setFilterFixedString`
per keystroke, then the same layout and paint — once in a `QListView` with
`uniformItemSizes` (PERFORMANCE.md's floor) and once in a `QTableView` like the page's.

Run: `.venv/bin/python bench/templates.py [N]` (offscreen; N defaults to 10000).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QHeaderView,
    QListView,
    QTableView,
)

from app import i18n  # noqa: E402

WORDS = (
    "promoção pão queijo horário atendimento entrega pedido pix chave boleto cartão "
    "desconto frete retirada agendamento consulta confirmação cancelamento troca "
    "garantia nota fiscal orçamento cardápio açaí bolo encomenda aniversário"
).split()
QUERIES = ("promocao", "pao de queijo", "horario", "pix chave", "entrega")


def typed_prefixes() -> list[str]:
    """Every keystroke of typing each query and then erasing it."""
    steps: list[str] = []
    for query in QUERIES:
        steps += [query[:i] for i in range(1, len(query) + 1)]
        steps += [query[:i] for i in range(len(query) - 1, -1, -1)]
    return steps


def make_rows(count: int, rng: random.Random) -> list[dict]:
    rows = []
    for i in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(3)).capitalize()
        content = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 60)))
        rows.append(
            {
                "title": title[:60],
                "shortcut": f"/m{i:05d}",
                "category": rng.choice(("Vendas", "Atendimento", "Pagamento", None)),
                "content": "{{saudacao}}, {{primeiro_nome}}! " + content,
            }
        )
    return rows


def measure(app: QApplication, view: QListView, apply, frames=None, complete=None):
    """The keystroke's frame for each step; with `frames`/`complete` lists, also every later
    frame of a search done in slices, and the keystroke-to-complete-answer times."""
    timings = []
    searching = hasattr(type(view.model()), "searching")  # the app's model searches in slices
    for text in typed_prefixes():
        start = time.perf_counter()
        apply(text)
        app.processEvents()
        view.viewport().repaint()  # layout + paint of the visible rows, synchronously
        frame_end = time.perf_counter()
        timings.append((frame_end - start) * 1000)
        if frames is None:
            continue
        frames.append(timings[-1])
        while searching and view.model().searching:  # the next slices, a frame each
            frame_start = time.perf_counter()
            app.processEvents()
            view.viewport().repaint()
            frame_end = time.perf_counter()
            frames.append((frame_end - frame_start) * 1000)
        complete.append((frame_end - start) * 1000)
    return timings


def p95(timings: list[float]) -> float:
    return sorted(timings)[int(len(timings) * 0.95) - 1]


def summary(name: str, timings: list[float]) -> str:
    return (
        f"{name:<48} median {statistics.median(timings):6.2f} ms   "
        f"p95 {p95(timings):6.2f} ms   worst {max(timings):6.2f} ms"
    )


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    i18n.install()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.core.common.clock import FixedClock
    from app.core.common.text import fold
    from app.core.instances.store import create_instance
    from app.core.storage.db import open_database
    from app.core.storage.models import Template
    from app.core.templates.search import search_key
    from app.ui.app import apply_style
    from app.ui.context import AppContext
    from app.ui.pages.templates import TemplatesPage

    apply_style(app)
    clock = FixedClock(datetime(2025, 3, 14, 12, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.sqlite3")
        instance = create_instance(
            {"name": "Bench", "phone": "+5511912345678", "plan": "avancado"}, clock
        )
        now = clock.now()
        rows = [
            {**row, "instance": instance.id, "created_at": now, "updated_at": now}
            for row in make_rows(count, random.Random(7))
        ]
        for start in range(0, len(rows), 500):
            Template.insert_many(rows[start : start + 500]).execute()

        started = time.perf_counter()
        page = TemplatesPage(instance.id, AppContext(clock=clock))
        page.resize(1100, 760)
        page.show()
        app.processEvents()
        opened = (time.perf_counter() - started) * 1000
        app_view = page.views.list_panel.view
        keys = [search_key(row) for row in page.model.rows]
        floors = {}
        for name, view in (
            ("floor: proxy/QStringListModel in a QListView", QListView()),
            ("floor: proxy/QStringListModel in a QTableView", QTableView()),
        ):
            if isinstance(view, QListView):
                view.setUniformItemSizes(True)
            else:
                view.horizontalHeader().setStretchLastSection(True)
                view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            proxy = QSortFilterProxyModel(view)
            proxy.setSourceModel(QStringListModel(keys, view))
            proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            view.setModel(proxy)
            view.resize(app_view.size())
            view.show()
            app.processEvents()
            floors[name] = (view, proxy, [])

        def filter_floor(proxy):
            return lambda text: proxy.setFilterFixedString(fold(text))

        app_times: list[float] = []
        app_frames: list[float] = []
        app_complete: list[float] = []
        for _round in range(2):  # interleaved, so no side benefits from running second
            # Each round starts with nothing remembered (the list's earlier answers).
            app_view.model().set_rows(app_view.model().rows)
            app_times += measure(app, app_view, page.search_field.setText, app_frames, app_complete)
            for view, proxy, times in floors.values():
                times += measure(app, view, filter_floor(proxy))

    print(f"{count} templates, {len(app_times)} keystrokes each; page opened in {opened:.0f} ms")
    for name, (_view, _proxy, times) in floors.items():
        print(summary(name, times))
    print(summary("app: the page's search box", app_times))
    print(summary("app: every frame (keystroke or later slice)", app_frames))
    print(summary("app: keystroke to the complete answer", app_complete))
    for name, (_view, _proxy, times) in floors.items():
        ratio = statistics.median(app_times) / statistics.median(times)
        tail = p95(app_times) / p95(times)
        print(f"app / {name[7:]}: median {ratio:.2f}x (target <= 2x), p95 {tail:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
