"""One process opening a database, for the concurrent-open tests (issue 18, item 5).

`python -m tests.open_worker LOCATION`: prints `ready`, waits for a line on stdin (so all
workers start together), opens LOCATION and prints `ok` or the Portuguese error.
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app import i18n
    from app.core.storage.db import DatabaseOpenError, close_database, open_database

    i18n.install("pt_BR")
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        open_database(argv[0])
    except DatabaseOpenError as exc:
        print(f"error: {exc}", flush=True)
        return 1
    close_database()
    print("ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
