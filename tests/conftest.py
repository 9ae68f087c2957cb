"""Shared fixtures: offscreen Qt, pt_BR, a fresh temporary database per test, a fixed clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app import i18n  # noqa: E402
from app.core.clock import FixedClock  # noqa: E402

i18n.install("pt_BR")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "atende.sqlite3"


@pytest.fixture
def db(db_path: Path):
    from app.core.db import close_database, open_database

    database = open_database(db_path)
    yield database
    close_database()


@pytest.fixture
def clock() -> FixedClock:
    # A Wednesday, 10:00 in São Paulo.
    return FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))


@pytest.fixture
def make_instance(db, clock):
    from app.core.instances import create_instance

    def make(name: str = "Loja Centro", **fields):
        data = {
            "name": name,
            "phone": "+5511912345678",
            "plan": "intermediario",
            "timezone": "America/Sao_Paulo",
        }
        data.update(fields)
        return create_instance(data, clock)

    return make
