"""Helpers that break things on purpose: read-only folders, full disks, DB dumps."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """Make the folder or file `path` refuse writes, even for root (CI runs as root).

    chmod does not stop root, so as root `path` is made immutable (`chattr +i`); where
    that is not possible the test is skipped with the reason.
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: cannot make a path read-only")
    done = subprocess.run([chattr, "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"running as root and chattr +i failed: {done.stderr.decode().strip()}")
    try:
        if os.access(path, os.W_OK):
            pytest.skip("the file system ignores the immutable flag")
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def dump(db_path: Path | str) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), read through a separate connection."""
    if isinstance(db_path, str):  # a PostgreSQL test schema (tests/pg.py)
        return _dump_postgres(db_path)
    con = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def _dump_postgres(url: str) -> dict[str, list[tuple]]:
    from tests.pg import other_connection

    con = other_connection(url)
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
        tables = [r[0] for r in cur.fetchall()]
        rows = {}
        for table in tables:
            cur.execute(f'SELECT * FROM "{table}"')
            rows[table] = sorted(cur.fetchall(), key=repr)
        return rows
    finally:
        con.close()


def fill_disk(db, spare_pages: int = 2) -> None:
    """Let the connection grow the file by only `spare_pages` more pages (a full disk)."""
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages + spare_pages}")
