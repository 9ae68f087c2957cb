"""A desk delivering the outbox in its own process, for the kill -9 test.

`python -m tests.core.chatwoot.delivery_worker LOCATION NOW_ISO`: opens the database and
runs one delivery at NOW as desk "worker" (the test kills it midway).
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.core.chatwoot.connection import settings_of
    from app.core.chatwoot.delivery import deliver
    from app.core.common.clock import parse_instant
    from app.core.storage.db import close_database, open_database

    location, now = argv[0], parse_instant(argv[1])
    open_database(location)
    clients = {}

    def client_for(conn):
        return clients.setdefault(conn.instance_id, settings_of(conn).client())

    report = deliver(now, "worker", client_for, workers=1)
    print(report.sent, report.resolved, flush=True)
    close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
