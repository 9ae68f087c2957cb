"""A temporary table filled with rows computed in Python, for one set-based statement.

The chats import stages its lines (`chat_import`) and the deadlines their instants
(`deadlines`) this way: multi-row INSERTs within the bound variables allowed, then the
caller's INSERT … SELECT or UPDATE reads the table. It lives in the connection's temporary
database (no lock on the database file) and is dropped after; after a failure the rollback
of the caller's transaction drops it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from app.core.storage import dialect
from app.core.storage.db import database

BIGINT, TEXT = "bigint", "text"


def rows_per_statement(columns: int) -> int:
    """Rows per multi-row INSERT within the bound variables allowed (SQLite: 999 before 3.32)."""
    limit = 32766 if dialect.is_postgres() or sqlite3.sqlite_version_info >= (3, 32) else 999
    return max(1, limit // columns)


@contextmanager
def temporary_rows(
    name: str, columns: Sequence[tuple[str, str]]
) -> Iterator[Callable[[Sequence[Sequence[Any]]], None]]:
    """The temporary table `name` with `columns` ((name, BIGINT or TEXT); the first is the
    primary key); yields the function that adds rows (tuples in the columns' order)."""
    words = dialect.DDL_WORDS[dialect.name()]
    types = {BIGINT: words["bigint"], TEXT: "TEXT"}
    names = [column for column, _type in columns]
    definitions = [f"{column} {types[kind]}" for column, kind in columns]
    definitions[0] += " PRIMARY KEY"
    database.execute_sql(f"DROP TABLE IF EXISTS {name}")
    database.execute_sql(f"CREATE TEMPORARY TABLE {name} ({', '.join(definitions)})")
    insert = f"INSERT INTO {name} ({', '.join(names)}) VALUES "  # noqa: S608 (names)
    row_sql = "(" + ", ".join([database.param] * len(names)) + ")"
    per_statement = rows_per_statement(len(names))

    def add(rows: Sequence[Sequence[Any]]) -> None:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            database.execute_sql(
                insert + ", ".join([row_sql] * len(batch)),
                [value for row in batch for value in row],
            )

    yield add
    database.execute_sql(f"DROP TABLE {name}")
