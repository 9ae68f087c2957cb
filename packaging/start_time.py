"""Start-up of the built app next to a bare PySide6 window, measured in the same run.

    python packaging/start_time.py BINARY DB [--rounds N] [--cold-rounds N]

Both are timed as whole processes, from spawn to exit, quitting as soon as the first
window is shown: the app through `ATENDE_SMOKE_EXIT_AFTER_MS=0` (app/ui/smoke.py), the
floor through `bare_window.py` run by this Python (the interpreter the bundle was frozen
from). Rounds alternate so machine noise hits both alike. Cold rounds drop the kernel's
page cache first (`/proc/sys/vm/drop_caches`, root only; skipped with ATENDE_SMOKE_COLD=0
or when not writable). Prints medians and the ratio; the target is ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 1.5


def drop_caches() -> bool:
    if os.environ.get("ATENDE_SMOKE_COLD", "1") == "0":
        return False
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(binary: str, db: str, rounds: int, cold: bool) -> tuple[list[float], list[float]]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        ATENDE_SMOKE_EXIT_AFTER_MS="0",
        ATENDE_SMOKE_QUIET="1",
    )
    app_cmd = [binary, "--db", db]
    bare_cmd = [sys.executable, str(HERE / "bare_window.py")]
    app_times, bare_times = [], []
    for index in range(rounds):
        pair = [(app_cmd, app_times), (bare_cmd, bare_times)]
        for command, times in pair if index % 2 == 0 else reversed(pair):
            if cold and not drop_caches():
                return [], []
            times.append(timed(command, env))
    return app_times, bare_times


def report(label: str, app_times: list[float], bare_times: list[float]) -> float:
    app_ms = statistics.median(app_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    ratio = app_ms / bare_ms
    verdict = "ok" if ratio <= TARGET_RATIO else f"OVER the {TARGET_RATIO}× target"
    print(
        f"start-up {label} (median of {len(app_times)}): built app {app_ms:.0f} ms, "
        f"bare PySide6 window {bare_ms:.0f} ms, ratio {ratio:.2f}× ({verdict})"
    )
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("db")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold-rounds", type=int, default=3)
    args = parser.parse_args(argv)
    measure(args.binary, args.db, 1, cold=False)  # warm both up once, untimed
    if args.cold_rounds:
        cold_app, cold_bare = measure(args.binary, args.db, args.cold_rounds, cold=True)
        if cold_app:
            report("cold cache", cold_app, cold_bare)
        else:
            print("start-up cold cache: skipped (page cache cannot be dropped here)")
    report("warm cache", *measure(args.binary, args.db, args.rounds, cold=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
