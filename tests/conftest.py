"""Shared fixtures: offscreen Qt, pt_BR, a fresh temporary database per test, a fixed clock."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The database chosen in the window (Arquivo → Banco de dados…) lives in the data folder:
# tests never read the developer's own choice.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="atende-test-data-")

import pytest  # noqa: E402

from app import i18n  # noqa: E402
from app.core.common.clock import FixedClock  # noqa: E402
from tests.pg import TEST_DATABASE_URL, fresh_schema  # noqa: E402

i18n.install("pt_BR")


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): about the SQLite file itself; skipped on PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "postgres_only: needs a PostgreSQL server (ATENDE_TEST_DATABASE_URL)"
    )


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        sqlite_only = item.get_closest_marker("sqlite_only")
        if TEST_DATABASE_URL and sqlite_only is not None:
            reason = sqlite_only.args[0] if sqlite_only.args else "SQLite only"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
        if not TEST_DATABASE_URL and item.get_closest_marker("postgres_only") is not None:
            item.add_marker(pytest.mark.skip(reason="no PostgreSQL: set ATENDE_TEST_DATABASE_URL"))


@pytest.fixture
def db_path(tmp_path: Path):
    """Where the test's database is: a temporary SQLite file, or with
    ATENDE_TEST_DATABASE_URL the URL of a fresh PostgreSQL schema (a str)."""
    if TEST_DATABASE_URL is None:
        yield tmp_path / "atende.sqlite3"
        return
    from app.core.storage.db import close_database

    with fresh_schema() as url:
        yield url
        close_database()


@pytest.fixture
def db(db_path: Path):
    from app.core.storage.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture
def clock() -> FixedClock:
    # A Wednesday, 10:00 in São Paulo.
    return FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))


@pytest.fixture
def make_instance(db, clock):
    from app.core.instances.store import create_instance

    made: list[str] = []

    def make(name: str = "Loja Centro", **fields):
        # One number per instance, as in real use (a number on two instances is a warning of
        # `check`): +5511912345678 first, then the next numbers.
        made.append(name)
        data = {
            "name": name,
            "phone": f"+5511912{345677 + len(made):06d}",
            "plan": "intermediario",
            "timezone": "America/Sao_Paulo",
        }
        data.update(fields)
        return create_instance(data, clock)

    return make
