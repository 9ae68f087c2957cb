"""Resident memory (RSS) of the app per page, next to a bare PySide6 window.

Each figure comes from a fresh process (offscreen), so nothing one page loaded counts for
the next:
- floor: a bare `QMainWindow` of the app's size, shown and painted (CPython + QtWidgets);
- app:   `python -m app --db FILE` as a person starts it (the watcher included), then the
         first instance entered and one page shown, painted, and left to settle.
Pages: Início (the instances), Visão geral, each settings page, Mensagens predefinidas,
Atendimentos and Histórico over an instance without chats or events, and Atendimentos and
Histórico again over N chats and N events. The figure is VmRSS after a settle time and a
garbage collection; the median of `--runs` processes.

`--breakdown PAGE` prints where the memory above the floor goes in one process showing that
page: Python's allocations by top-level package (tracemalloc, started before anything is
imported, so the figures include what tracing itself costs) and the resident part of each
shared library mapped (/proc/self/smaps).

    python bench/memory.py                      # 100k chats and events, 3 runs each
    python bench/memory.py --chats 10000 --runs 1
    python bench/memory.py --breakdown chats
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# The children measure themselves: what only the parent uses is imported in the parent's
# functions (argparse, statistics, subprocess, tempfile), so it never counts as the app's.

ROOT = Path(__file__).resolve().parent.parent
SETTLE_MS = 1500  # after the page is shown: the watcher's first pass, deferred loads
PAGES = ("overview", "priority", "auto_close", "schedule", "templates", "connection")
BIG_PAGES = ("chats", "history")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- children -------------------------------------------------------------------------------
def child_bare(trace) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1100, 720)
    window.show()
    result: dict = {}

    def measure() -> None:
        window.repaint()
        result.update(settled(trace))
        app.exit(0)

    QTimer.singleShot(SETTLE_MS, measure)
    app.exec()
    return result


def settled(trace) -> dict:
    import gc

    gc.collect()
    result = {"rss": rss_mib(), "maps": mappings(), "code": code_by_package()}
    result["modules"] = sorted(name for name in HEAVY if name in sys.modules)
    result["threads"] = len(os.listdir("/proc/self/task"))
    if "_sqlite3" in sys.modules:  # SQLite's own allocations: page caches, statements
        import ctypes

        library = ctypes.CDLL(sys.modules["_sqlite3"].__file__)
        library.sqlite3_memory_used.restype = ctypes.c_int64
        result["sqlite"] = library.sqlite3_memory_used()
    if trace is not None:
        result.update(allocations(trace))
    return result


def child_app(db: Path, page: str, trace) -> dict:
    """The real start (`app.__main__.main`); `app.ui.smoke.arm` hands over the window."""
    from app.ui import smoke

    result: dict = {}

    def arm(window) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def show() -> None:
            if page != "home":
                window.enter_instance(window.home.model.rows[0].id)
                window.instance_view.show_page(page)
            window.repaint()
            QTimer.singleShot(SETTLE_MS, measure)

        def measure() -> None:
            window.repaint()
            result.update(settled(trace))
            QApplication.exit(0)

        if window.is_loaded:
            QTimer.singleShot(0, show)
        else:
            window.loaded.connect(show)

    smoke.arm = arm
    os.environ[smoke.ENV] = "0"
    sys.argv = ["atende", "--db", str(db)]
    from app.__main__ import main

    main()
    return result


HEAVY = ("babel", "holidays", "phonenumbers", "httpx", "peewee", "openpyxl", "psycopg2")


def code_by_package() -> dict[str, list[int]]:
    """Modules loaded and the size of their compiled code (.pyc), by top-level package."""
    found: dict[str, list[int]] = {}
    for name, module in list(sys.modules.items()):
        cached = getattr(module, "__cached__", None)
        top = name.split(".")[0] if not name.startswith("app.") else ".".join(name.split(".")[:3])
        entry = found.setdefault(top, [0, 0])
        entry[0] += 1
        if cached and os.path.exists(cached):
            entry[1] += os.path.getsize(cached)
    return found


def allocations(trace) -> dict:
    snapshot = trace.take_snapshot()
    by_package: dict[str, int] = {}
    for stat in snapshot.statistics("filename"):
        name = package_of(stat.traceback[0].filename)
        by_package[name] = by_package.get(name, 0) + stat.size
    lines = [
        (f"{stat.traceback[0].filename.split('/')[-1]}:{stat.traceback[0].lineno}", stat.size)
        for stat in snapshot.statistics("lineno")[:15]
    ]
    return {"python": by_package, "lines": lines, "traced": trace.get_traced_memory()[0]}


def mappings() -> dict[str, int]:
    """Resident bytes per mapped file ([heap], [anonymous] for the rest)."""
    libraries: dict[str, int] = {}
    current = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            current = head[5] if len(head) > 5 else "[anonymous]"
            if current.startswith("/"):
                current = Path(current).name
        elif head and head[0] == "Rss:":
            libraries[current] = libraries.get(current, 0) + int(head[1]) * 1024
    return libraries


def package_of(filename: str) -> str:
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "lib-dynload"):
        if marker in parts:
            rest = parts[parts.index(marker) + 1 :]
            return rest[0].split(".")[0] if rest else marker
    if "app" in parts and str(ROOT) in filename:
        rest = parts[parts.index("app") + 1 :]
        return "app." + rest[0].removesuffix(".py") if len(rest) > 1 else "app"
    if filename.startswith("<"):
        return filename
    return "stdlib" if "python3" in filename else path.name


def child(argv: list[str]) -> int:
    """`--child PAGE [--db FILE] [--trace]`"""
    trace = None
    if "--trace" in argv:
        import tracemalloc

        tracemalloc.start()
        trace = tracemalloc
    sys.path.insert(0, str(ROOT))
    if argv[0] == "bare":
        result = child_bare(trace)
    else:
        result = child_app(Path(argv[argv.index("--db") + 1]), argv[0], trace)
    print("RESULT " + json.dumps(result), flush=True)
    return 0


# -- parent ---------------------------------------------------------------------------------
def spawn(page: str, db: Path | None, home: Path, trace: bool = False) -> dict:
    import subprocess

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    command = [sys.executable, __file__, "--child", page]
    if db is not None:  # a fresh copy each time: the app's watcher writes to its database
        import shutil

        run = home / "run.sqlite3"
        for stale in home.glob("run.sqlite3*"):
            stale.unlink()
        shutil.copyfile(db, run)
        command += ["--db", str(run)]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{page}: no result\n{done.stdout}\n{done.stderr}")


def build(folder: Path, chats: int, events: int) -> Path:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import sqlite3
    import time

    from lists import NOW
    from lists import build as build_lists

    path = folder / f"memory-{chats}.sqlite3"
    build_lists(path, chats, events)
    # Its chats wrote within the last day of NOW: moved to today, so that the app (on the
    # real clock) shows them open instead of closing them all in its first watcher pass.
    shift = int(time.time() * 1000) - int(NOW.timestamp() * 1000)
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "UPDATE chat SET last_customer_message_at = last_customer_message_at + ?,"
            " last_agent_message_at = last_agent_message_at + ?",
            (shift, shift),
        )
        db.execute("UPDATE history_event SET at = at + ?", (shift,))
    db.close()
    return path


def print_breakdown(page: str, db: Path, folder: Path) -> None:
    mib = 1024 * 1024
    floor, app = spawn("bare", None, folder), spawn(page, db, folder)
    print(f"{page}: RSS {app['rss']:.1f} MiB, bare window {floor['rss']:.1f} MiB")
    print("  resident per mapping (/proc/self/smaps), app and (app - bare window):")
    maps, bare_maps = app["maps"], floor["maps"]
    rows = sorted(maps, key=lambda name: -(maps[name] - bare_maps.get(name, 0)))
    for name in rows[:25]:
        extra = maps[name] - bare_maps.get(name, 0)
        print(f"    {name:<44} {maps[name] / mib:6.2f} MiB  ({extra / mib:+6.2f})")
    print(f"  optional packages loaded: {', '.join(app['modules']) or 'none'}")
    print(
        f"  threads: {app['threads']} (bare window {floor['threads']}); SQLite's own memory "
        f"(page caches, statements): {app.get('sqlite', 0) / mib:.2f} MiB"
    )
    code, bare_code = app["code"], floor["code"]
    print(
        f"  modules: {sum(n for n, _ in code.values())} (bare window "
        f"{sum(n for n, _ in bare_code.values())}); compiled code (.pyc bytes) by package:"
    )
    for name, (count, size) in sorted(code.items(), key=lambda item: -item[1][1])[:25]:
        print(f"    {name:<44} {size / mib:6.2f} MiB in {count} modules")
    floor, app = spawn("bare", None, folder, True), spawn(page, db, folder, True)
    print(
        f"  traced again (tracemalloc on): RSS {app['rss']:.1f} MiB; Python allocations alive "
        f"{app['traced'] / mib:.1f} MiB (bare window {floor['traced'] / mib:.1f}), by the "
        "package of the allocating line:"
    )
    python = app["python"]
    for name, size in sorted(python.items(), key=lambda item: -item[1])[:20]:
        bare = floor["python"].get(name, 0)
        print(f"    {name:<44} {size / mib:6.2f} MiB  (bare window {bare / mib:5.2f})")
    print("  the lines that allocated most:")
    for where, size in app["lines"]:
        print(f"    {where:<44} {size / mib:6.2f} MiB")


def main() -> int:
    import argparse
    import statistics
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=100_000, help="and as many events")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--breakdown", metavar="PAGE")
    parser.add_argument("--pages", help="comma-separated page keys (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        small = build(folder, 0, 0)
        if args.breakdown:
            big_page = args.breakdown in BIG_PAGES and args.chats
            db = build(folder, args.chats, 0) if big_page else small
            print_breakdown(args.breakdown, db, folder)
            return 0
        big = build(folder, args.chats, args.chats)
        chosen = args.pages.split(",") if args.pages else None
        cases = [("home", small, "Início")]
        cases += [(key, small, key) for key in (*PAGES, *BIG_PAGES)]
        cases += [(key, big, f"{key}, {args.chats} rows") for key in BIG_PAGES]
        cases = [case for case in cases if chosen is None or case[0] in chosen]
        floors = [spawn("bare", None, folder)["rss"] for _run in range(args.runs)]
        floor = statistics.median(floors)
        print(f"floor: bare PySide6 window {floor:.1f} MiB (runs: {fmt(floors)})")
        for key, db, label in cases:
            runs = [spawn(key, db, folder) for _run in range(args.runs)]
            rss = [run["rss"] for run in runs]
            now = statistics.median(rss)
            loaded = ", ".join(runs[-1]["modules"])
            print(
                f"{label:<28} {now:6.1f} MiB  {now / floor:4.2f}x the floor, "
                f"+{now - floor:5.1f} MiB  (runs: {fmt(rss)}; loaded: {loaded})"
            )
    return 0


def fmt(values: list[float]) -> str:
    return " ".join(f"{value:.1f}" for value in values)


if __name__ == "__main__":
    sys.exit(child(sys.argv[2:]) if sys.argv[1:2] == ["--child"] else main())
