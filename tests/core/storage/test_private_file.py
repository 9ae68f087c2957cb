"""The database may hold a Chatwoot access token: its file and backups are the owner's only."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest

from app.core.storage.backup import backup_database

pytestmark = pytest.mark.sqlite_only("file permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_database_file_is_readable_by_its_owner_only(db_path, db):
    assert mode(db_path) == 0o600
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{db_path}{suffix}"):
            assert mode(f"{db_path}{suffix}") == 0o600


def test_an_existing_file_keeps_its_mode(tmp_path):
    from app.core.storage.db import close_database, open_database

    path = tmp_path / "a.sqlite3"
    open_database(path)
    close_database()
    os.chmod(path, 0o640)
    open_database(path)
    close_database()
    assert mode(path) == 0o640


def test_backups_are_the_owners_only(db_path, db):
    copy = backup_database(db_path, "test", datetime(2025, 3, 12, tzinfo=UTC))
    assert mode(copy) == 0o600
