"""Opening, migrating and refusing databases."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from app.core.storage import migrations
from app.core.storage.backup import list_backups
from app.core.storage.db import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NewerSchemaError,
    close_database,
    open_database,
)

pytestmark = pytest.mark.sqlite_only("the SQLite file: header, pragmas, backups, foreign files")


def test_new_file_gets_the_latest_schema_and_pragmas(db_path):
    db = open_database(db_path)
    try:
        assert migrations.current_version(db) == migrations.LATEST_VERSION
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert {"instance", "history_event", "schema_version"} <= set(db.get_tables())
    finally:
        close_database()


def test_reopening_does_not_migrate_again(db_path):
    open_database(db_path)
    close_database()
    db = open_database(db_path)
    try:
        rows = db.execute_sql("SELECT count(*) FROM schema_version").fetchone()[0]
        assert rows == migrations.LATEST_VERSION
    finally:
        close_database()
    assert list_backups(db_path) == []  # nothing to migrate, nothing backed up


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    open_database(db_path)
    close_database()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO schema_version VALUES (?)", (migrations.LATEST_VERSION + 1,))
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as exc:
        open_database(db_path)
    assert "versão mais nova do Atende" in str(exc.value)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(db_path):
    db_path.write_bytes(b"this is not a database at all" * 50)
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError) as exc:
        open_database(db_path)
    assert "não é um banco de dados do Atende" in str(exc.value)
    assert db_path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE something_else (x)")
    con.commit()
    con.close()
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)
    con = sqlite3.connect(db_path)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["something_else"]
    con.close()


def test_an_older_database_is_backed_up_then_migrated(db_path, monkeypatch):
    open_database(db_path)
    close_database()
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO instance (name, phone, plan, timezone, created_at, updated_at) "
        "VALUES ('Loja', '+5511912345678', 'basico', 'America/Sao_Paulo', 0, 0)"
    )
    con.commit()
    con.close()
    latest = migrations.LATEST_VERSION
    extra = SimpleNamespace(
        VERSION=latest + 1, apply=lambda db: db.execute_sql("CREATE TABLE extra (x)")
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 1)

    db = open_database(db_path)
    try:
        assert migrations.current_version(db) == latest + 1
        assert "extra" in db.get_tables()
    finally:
        close_database()
    backups = list_backups(db_path)
    assert len(backups) == 1, "migrating an older database must back it up first"
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == latest
    assert con.execute("SELECT name FROM instance").fetchall() == [("Loja",)]
    con.close()


def test_a_failing_migration_leaves_the_old_schema(db_path, monkeypatch):
    open_database(db_path)
    close_database()
    latest = migrations.LATEST_VERSION

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        [*migrations.MIGRATIONS, SimpleNamespace(VERSION=latest + 1, apply=broken)],
    )
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 1)
    with pytest.raises(DatabaseOpenError) as failed:
        open_database(db_path)
    assert not isinstance(failed.value, CorruptDatabaseError)  # a bug, not a damaged file
    assert "boom" not in str(failed.value)  # English stays out (issue 18, item 12)
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == latest
    assert "half_done" not in [r[0] for r in con.execute("SELECT name FROM sqlite_master")]
    con.close()
