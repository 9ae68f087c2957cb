"""Noticing what other connections commit: SQLite's data_version, PostgreSQL's NOTIFY."""

from __future__ import annotations

import select

import pytest

from app.core.storage import changes, dialect
from app.core.storage.changes import CHATS, EVERYTHING, INSTANCES, SETTINGS, ChangeMonitor
from app.core.storage.db import database
from tests.pg import other_connection, placeholder


@pytest.fixture
def other(db, db_path):
    conn = other_connection(db_path)
    yield conn
    conn.close()


def run(conn, db_path, sql, *params):
    cursor = conn.cursor()
    cursor.execute(sql.replace("?", placeholder(db_path)), params)
    cursor.close()


def poll_soon(monitor):
    """Poll once what another connection committed; on PostgreSQL the notification may
    still be on its way, so first wait (at most 5 s) until the socket has something."""
    if dialect.is_postgres():
        select.select([database.obj.connection()], [], [], 5)
    return monitor.poll()


def test_nothing_changed(make_instance):
    make_instance("Padaria")
    monitor = ChangeMonitor()
    assert monitor.poll() == frozenset()
    assert monitor.poll() == frozenset()


def test_own_writes_do_not_count(make_instance):
    monitor = ChangeMonitor()
    make_instance("Padaria")  # this connection, e.g. the window's own save
    assert monitor.poll() == frozenset()


def test_another_connections_commit_is_noticed_once(make_instance, other, db_path):
    shop = make_instance("Padaria")
    monitor = ChangeMonitor()
    run(other, db_path, "UPDATE instance SET plan = 'avancado' WHERE id = ?", shop.id)
    areas = poll_soon(monitor)
    assert INSTANCES in areas and SETTINGS in areas
    assert monitor.poll() == frozenset()


def test_postgresql_says_what_changed(make_instance, other, db_path):
    if not dialect.is_postgres():
        pytest.skip("SQLite's data_version cannot tell which table changed")
    shop = make_instance("Padaria")
    monitor = ChangeMonitor()
    run(
        other,
        db_path,
        "INSERT INTO chat (instance_id, external_id, status, handler) "
        "VALUES (?, 'c1', 'open', 'bot')",
        shop.id,
    )
    assert poll_soon(monitor) == {CHATS}
    run(other, db_path, "INSERT INTO auto_close_settings (instance_id) VALUES (?)", shop.id)
    assert poll_soon(monitor) == {SETTINGS}


@pytest.mark.postgres_only
def test_postgresql_reconnection_counts_as_everything_changed(make_instance, db):
    monitor = ChangeMonitor()
    database.obj.close()  # the server dropped us; the next query reconnects
    make_instance("Padaria")
    assert monitor.poll() == EVERYTHING


def test_areas_of_tables():
    assert changes.areas_of_table("template") == {SETTINGS}
    assert changes.areas_of_table("history_event") == {CHATS}
