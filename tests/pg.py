"""PostgreSQL for the tests: `ATENDE_TEST_DATABASE_URL` names a server the suite may use.

With it set, the `db_path` fixture is the URL of a fresh schema (dropped after the test),
so the whole suite runs against PostgreSQL; without it, PostgreSQL-only tests are skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

TEST_DATABASE_URL = os.environ.get("ATENDE_TEST_DATABASE_URL") or None


def schema_url(base: str, schema: str) -> str:
    """`base` whose connections all work in `schema` (libpq `options=-csearch_path=…`)."""
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote('-csearch_path=' + schema)}"


def admin_connection(url: str | None = None):
    import psycopg2

    conn = psycopg2.connect(url or TEST_DATABASE_URL)
    conn.autocommit = True
    return conn


@contextmanager
def fresh_schema(base: str | None = None) -> Iterator[str]:
    """A new empty schema; yields a URL working in it; drops it (and what is in it) after."""
    base = base or TEST_DATABASE_URL
    assert base, "no PostgreSQL server configured"
    schema = "t_" + uuid.uuid4().hex[:16]
    conn = admin_connection(base)
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE SCHEMA {schema}")
        yield schema_url(base, schema)
    finally:
        with conn.cursor() as cur:
            # A connection a test left inside a transaction must not hang the suite.
            cur.execute("SET lock_timeout = '20s'")
            cur.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def other_connection(location):
    """A plain DB-API connection to the test's database, as another program would open it
    (autocommit; `?` placeholders on SQLite, `%s` on PostgreSQL)."""
    if isinstance(location, str):
        return admin_connection(location)
    import sqlite3

    return sqlite3.connect(location, isolation_level=None)


def placeholder(location) -> str:
    return "%s" if isinstance(location, str) else "?"
