"""The few SQL differences between SQLite and PostgreSQL, each checked on the test database
(SQLite by default, PostgreSQL with ATENDE_TEST_DATABASE_URL) against the Python meaning."""

from __future__ import annotations

import json

import pytest
from peewee import SqliteDatabase, Value

from app.core.audit import history_filters
from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.migrations import MIGRATIONS


def scalar(node):
    query = database.obj.get_sql_context().sql(node)
    sql, params = query.query()
    return database.execute_sql("SELECT " + sql, params).fetchone()[0]


def test_sqlite_ddl_is_the_text_migrations_had_before_postgresql():
    sqlite = SqliteDatabase(":memory:")
    assert dialect.ddl("id $id, b $bool DEFAULT $false, n $bigint", sqlite) == (
        "id INTEGER PRIMARY KEY, b INTEGER DEFAULT 0, n INTEGER"
    )
    assert dialect.ddl("name TEXT NOT NULL $unique_nocase", sqlite) == (
        "name TEXT NOT NULL UNIQUE COLLATE NOCASE"
    )


@pytest.mark.parametrize("kind", [dialect.SQLITE, dialect.POSTGRES])
def test_every_migration_statement_renders_in_both_dialects(kind, monkeypatch):
    monkeypatch.setattr(dialect, "name", lambda db=None: kind)
    for module in MIGRATIONS:
        for statement in module.STATEMENTS:
            if isinstance(statement, dialect.Only):
                assert statement.dialect in (dialect.SQLITE, dialect.POSTGRES)
                continue
            text = dialect.ddl(statement, None)
            assert "$" not in text, text
            if kind == dialect.POSTGRES:
                assert "NOCASE" not in text and "INTEGER PRIMARY KEY" not in text.replace(
                    "INTEGER PRIMARY KEY REFERENCES", ""
                ), text


def test_postgres_ddl_words():
    words = dialect.DDL_WORDS[dialect.POSTGRES]
    assert words["bigint"] == "BIGINT"  # epoch milliseconds do not fit in 32 bits
    assert words["bool"] == "BOOLEAN" and words["false"] == "FALSE"
    assert "IDENTITY" in words["id"]


def test_json_object_is_text_with_the_values(db):
    text = scalar(dialect.json_object("a", 1, "b", None, "c", "São"))
    assert isinstance(text, str)
    assert json.loads(text) == {"a": 1, "b": None, "c": "São"}


def test_greatest_is_the_largest_value_of_the_row(db):
    assert scalar(dialect.greatest(Value(3), Value(17), Value(5))) == 17


@pytest.mark.parametrize(
    "text", ["São Paulo", "AÇAÍ DO NORTE", "Cliente sem resposta há 5 horas", "Ñandú ÿ"]
)
def test_accent_fold_in_sql_matches_the_python_fold(db, text):
    assert scalar(dialect.accent_fold(Value(text), history_filters.fold)) == (
        history_filters.fold(text)
    )


def test_like_ignoring_case(db):
    like, param = dialect.like_ignoring_case().sql, dialect.param(database.obj)
    sql = f"SELECT 'Padaria' {like} {param}, 'Padaria' {like} {param}"
    assert tuple(database.execute_sql(sql, ("pad%", "x%")).fetchone()) in ((1, 0), (True, False))


def test_write_transaction_is_immediate_on_sqlite_only(db):
    transaction = dialect.write_transaction()
    expected = () if dialect.is_postgres() else ("IMMEDIATE",)
    assert transaction._transaction_args == (expected, {})
