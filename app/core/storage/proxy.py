"""The one database proxy every model and query goes through, and the SQLite settings.

`database` is the one piece of global state the core keeps (STYLE: the DB proxy); opening a
file or a server binds it (`app.core.storage.db.open_database`). This module imports nothing
of Atende, so models, dialects and migrations can sit below the code that opens.
"""

from __future__ import annotations

from peewee import DatabaseProxy

database = DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
    # 1 MiB of pages per connection instead of SQLite's 2 (the window holds two: its own and
    # the watcher's); the operating system's file cache keeps the rest of a warm database.
    "cache_size": -1024,
}


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
