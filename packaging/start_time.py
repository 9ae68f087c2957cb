"""Start-up of the built app next to a bare PySide6 window, measured in the same run.

    python packaging/start_time.py BINARY DB [--rounds N] [--cold-rounds N]

Each run is timed from spawn to a milestone the process reports itself (`milestone_at=`,
its `time.monotonic()`, a clock all processes share), so quitting is not counted:
- first window: the first painted frame of the main window (`ATENDE_SMOKE_MILESTONE=
  first-frame`, app/ui/smoke.py) against the first painted frame of `bare_window.py`, run
  by this Python (the interpreter the bundle was frozen from). The target is ≤ 1.5×.
- ready: the database open and the instances painted in the window (for information: the
  window shows first and fills right after its first frame, see app/ui/app.py).
Rounds alternate so machine noise hits all alike. Cold rounds drop the kernel's page cache
first (`/proc/sys/vm/drop_caches`, root only; skipped with ATENDE_SMOKE_COLD=0 or when not
writable). Prints medians and ratios.
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
    """Seconds from spawn to the `milestone_at=` the process prints."""
    start = time.monotonic()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("milestone_at="):
            return float(line.removeprefix("milestone_at=")) - start
    raise SystemExit(f"{command[0]} reported no milestone:\n{done.stdout}{done.stderr}")


def measure(binary: str, db: str, rounds: int, cold: bool) -> dict[str, list[float]]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        ATENDE_SMOKE_EXIT_AFTER_MS="0",
        ATENDE_SMOKE_QUIET="1",
    )
    runs = {
        "bare": ([sys.executable, str(HERE / "bare_window.py")], env),
        "first": ([binary, "--db", db], dict(env, ATENDE_SMOKE_MILESTONE="first-frame")),
        "ready": ([binary, "--db", db], env),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for index in range(rounds):
        order = list(runs) if index % 2 == 0 else list(reversed(runs))
        for name in order:
            if cold and not drop_caches():
                return {}
            command, run_env = runs[name]
            times[name].append(timed(command, run_env))
    return times


def report(label: str, times: dict[str, list[float]]) -> float:
    bare, first, ready = (statistics.median(times[k]) * 1000 for k in ("bare", "first", "ready"))
    ratio = first / bare
    verdict = "ok" if ratio <= TARGET_RATIO else f"OVER the {TARGET_RATIO}× target"
    print(
        f"start-up {label} (median of {len(times['bare'])}): first window {first:.0f} ms, "
        f"bare PySide6 window {bare:.0f} ms, ratio {ratio:.2f}× ({verdict}); "
        f"ready with the data {ready:.0f} ms ({ready / bare:.2f}×)"
    )
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("db")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold-rounds", type=int, default=3)
    args = parser.parse_args(argv)
    measure(args.binary, args.db, 1, cold=False)  # warm everything up once, untimed
    if args.cold_rounds:
        cold = measure(args.binary, args.db, args.cold_rounds, cold=True)
        if cold:
            report("cold cache", cold)
        else:
            print("start-up cold cache: skipped (page cache cannot be dropped here)")
    report("warm cache", measure(args.binary, args.db, args.rounds, cold=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
