"""Choosing a PostgreSQL server: URLs, precedence, the optional driver, clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import paths
from app.core.storage import postgres
from app.core.storage.db import DatabaseOpenError, open_database
from tests.pg import TEST_DATABASE_URL

ROOT = Path(__file__).resolve().parents[2]
URL = "postgresql://ana:s3cr3t@db.loja.local:5432/atende"


def test_urls_are_recognized_and_passwords_masked():
    assert postgres.is_database_url(URL) and postgres.is_database_url("postgres://x/y")
    assert not postgres.is_database_url("/home/ana/atende.sqlite3")
    assert not postgres.is_database_url(Path("postgresql:"))
    assert postgres.masked(URL) == "postgresql://ana:***@db.loja.local:5432/atende"
    assert postgres.masked("postgresql://ana@db/atende") == "postgresql://ana@db/atende"
    assert postgres.masked(Path("/tmp/a.sqlite3")) == "/tmp/a.sqlite3"


def test_precedence_of_the_database_location(monkeypatch, tmp_path):
    monkeypatch.delenv("ATENDE_DB", raising=False)
    monkeypatch.delenv(paths.DATABASE_URL_ENV, raising=False)
    assert paths.resolve_db_path(None) == paths.default_db_path()
    paths.save_database_choice(URL)  # Arquivo → Banco de dados…
    assert paths.database_choice_path().stat().st_mode & 0o077 == 0  # holds a password
    assert paths.resolve_db_path(None) == URL
    monkeypatch.setenv("ATENDE_DB", str(tmp_path / "env.sqlite3"))
    assert paths.resolve_db_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.setenv(paths.DATABASE_URL_ENV, URL)
    assert paths.resolve_db_path(None) == URL
    assert paths.resolve_db_path(str(tmp_path / "cli.sqlite3")) == tmp_path / "cli.sqlite3"
    paths.save_database_choice(None)
    assert paths.saved_database_choice() is None


def test_without_the_driver_a_url_gets_a_portuguese_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # as if not installed
    with pytest.raises(postgres.DriverMissingError, match=r'pip install "atende\[postgres\]"'):
        open_database(URL)


def test_the_app_imports_and_runs_on_sqlite_without_the_driver(tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "atende-config", "version": 2, "instances": []}')
    code = (
        "import sys; sys.modules['psycopg2'] = None; sys.modules['psycopg'] = None\n"
        "from app.cli import main\n"
        f"db = {str(tmp_path / 'a.sqlite3')!r}\n"
        f"assert main(['--db', db, 'import', {str(empty)!r}]) == 0\n"
        "sys.exit(main(['--db', db, 'check']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_an_unreachable_server_is_a_clear_cli_error(capsys):
    from app.cli import main

    # Port 1 on this machine: nothing listens, the refusal is immediate.
    code = main(["--db", "postgresql://ana:s3cr3t@127.0.0.1:1/atende", "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(
        "Não foi possível conectar ao servidor PostgreSQL postgresql://ana:***@127.0.0.1:1/atende"
    )
    assert "s3cr3t" not in err


@pytest.mark.postgres_only
def test_a_wrong_password_is_named(db_path):
    from urllib.parse import urlsplit

    parts = urlsplit(TEST_DATABASE_URL)
    wrong = TEST_DATABASE_URL.replace(f":{parts.password}@", ":errada@", 1)
    with pytest.raises(DatabaseOpenError, match="recusou o usuário ou a senha"):
        open_database(wrong)


@pytest.mark.postgres_only
def test_a_missing_database_is_named():
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(TEST_DATABASE_URL)
    missing = urlunsplit(parts._replace(path="/atende_nao_existe"))
    with pytest.raises(DatabaseOpenError, match="não existe no servidor"):
        open_database(missing)


@pytest.mark.postgres_only
def test_a_database_with_other_tables_is_refused(db_path):
    from tests.pg import other_connection

    conn = other_connection(db_path)
    conn.cursor().execute("CREATE TABLE clientes (id INTEGER)")
    conn.close()
    with pytest.raises(DatabaseOpenError, match="já tem outras tabelas"):
        open_database(db_path)


@pytest.mark.postgres_only
def test_instants_and_long_timeouts_fit(make_instance, clock):
    """Epoch milliseconds and 90 days × 60 000 ms pass 2^31: BIGINT on PostgreSQL."""
    from datetime import timedelta

    from app.core.storage.models import AutoCloseSettings, Chat
    from app.core.watcher import closing

    shop = make_instance("Padaria")
    AutoCloseSettings.create(instance=shop, enabled=True, timeout_minutes=129600)
    Chat.create(
        instance=shop,
        external_id="c1",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=clock.now(),
    )
    assert closing.next_due_at() == clock.now() + timedelta(days=90)


@pytest.mark.postgres_only
def test_a_migration_the_server_refuses_is_told_and_closes(db_path, monkeypatch):
    from app.core.storage import db as core_db
    from app.core.storage.db import close_database

    close_database()
    opened = []

    def refused(database, path):
        opened.append(database)
        raise RuntimeError("permission denied for schema public")

    monkeypatch.setattr(core_db, "run_migrations", refused)
    with pytest.raises(DatabaseOpenError, match="permissão para criar ou alterar as tabelas"):
        open_database(db_path)
    assert opened and opened[0].is_closed()
