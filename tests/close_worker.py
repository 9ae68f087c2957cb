"""One desk's watcher, for the two-process test in tests/core/storage/test_team.py.

`python -m tests.close_worker LOCATION NOW_ISO PASSES`: opens the database, prints `ready`,
waits for a line on stdin (so both desks start together), runs PASSES watcher passes at NOW
and prints how many chats it closed.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app import i18n
    from app.core.common.clock import parse_instant
    from app.core.storage.db import close_database, open_database
    from app.core.watcher.closing import close_due

    i18n.install("pt_BR")
    location, now, passes = argv[0], parse_instant(argv[1]), int(argv[2])
    open_database(location)
    print("ready", flush=True)
    sys.stdin.readline()
    closed = sum(close_due(now).total for _ in range(passes))
    print(closed, flush=True)
    close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
