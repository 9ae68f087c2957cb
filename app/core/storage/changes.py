"""Did someone else commit to the database? Cheap enough to ask every second.

The window (`app.ui.services.change_poller`) and `atende watch` ask this so that what another
desk or a CLI command saved shows up without restarting, and the watcher re-arms at once.

- SQLite: `PRAGMA data_version` changes when another connection commits; it reads no table.
  It cannot say what changed, so every area counts as changed.
- PostgreSQL: statement triggers (migration m006) `NOTIFY atende_changes, '<table>'`, which
  the server delivers at commit to every connection that LISTENs (each one does, see
  `app.core.storage.postgres`). Polling reads what arrived on the socket: no query at all. Our own
  notifications (same backend pid) are ignored; after a reconnection everything counts as
  changed, since notifications sent meanwhile were lost.
"""

from __future__ import annotations

from peewee import Database

from app.core.storage import dialect
from app.core.storage.db import database

INSTANCES = "instances"  # the list of instances (names, plans) changed
SETTINGS = "settings"  # some page's configuration changed
CHATS = "chats"  # chats or the history changed (imports, closings)
EVERYTHING = frozenset({INSTANCES, SETTINGS, CHATS})

_AREAS_OF_TABLE = {
    "instance": frozenset({INSTANCES, SETTINGS}),
    "chat": frozenset({CHATS}),
    "history_event": frozenset({CHATS}),
    # Chatwoot: a sync's bookkeeping and the delivery's outcomes show with the chats.
    "synced_conversation": frozenset({CHATS}),
    "outbox": frozenset({CHATS}),
}


def areas_of_table(table: str) -> frozenset[str]:
    """What a change to `table` may affect (any other table holds a page's settings)."""
    return _AREAS_OF_TABLE.get(table, frozenset({SETTINGS}))


class ChangeMonitor:
    """`poll()` → the areas others changed since the previous poll (empty: nothing)."""

    def __init__(self, db: Database | None = None) -> None:
        self.db = db if db is not None else database.obj
        self._connection: object | None = None
        self._version: int | None = None
        self.poll()  # the starting point: what happened before does not count

    def poll(self) -> frozenset[str]:
        if dialect.is_postgres(self.db):
            return self._poll_notifications()
        return self._poll_data_version()

    def _poll_data_version(self) -> frozenset[str]:
        version = int(self.db.execute_sql("PRAGMA data_version").fetchone()[0])
        connection = self.db.connection()
        changed = self._version is not None and (
            version != self._version or connection is not self._connection
        )
        self._version, self._connection = version, connection
        return EVERYTHING if changed else frozenset()

    def _poll_notifications(self) -> frozenset[str]:
        if self.db.is_closed():
            self.db.connect()
        connection = self.db.connection()
        reconnected = self._connection is not None and connection is not self._connection
        self._connection = connection
        connection.poll()
        own = connection.get_backend_pid()
        areas: set[str] = set()
        while connection.notifies:
            notice = connection.notifies.popleft()
            if notice.pid != own:
                areas |= areas_of_table(notice.payload)
        return EVERYTHING if reconnected else frozenset(areas)
