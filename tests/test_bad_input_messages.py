"""The catalogue of hostile input, round two (issue 18): no English inside Portuguese errors,
and PostgreSQL URLs read the same whatever their scheme is spelled.

The command line's last resort never prints an exception's own text: it goes to the log
(private, passwords masked), and stderr says where.
"""

from __future__ import annotations

import socket

import pytest

from app.cli import main
from app.commands import config as config_command
from app.core.common.log_file import default_log_file
from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import Instance
from app.core.storage.postgres import normalized_url, url_parts
from tests.test_bad_input import VALID

pytestmark = pytest.mark.sqlite_only("the command line on a local file")


@pytest.fixture
def shop(db_path, clock):
    open_database(db_path)
    create_instance({**VALID, "name": "Loja Centro"}, clock)
    close_database()


def run(db_path, *argv) -> int:
    try:
        return main(["--db", str(db_path), *argv])
    finally:
        close_database()


def test_an_unforeseen_failure_goes_to_the_log_not_to_stderr(shop, db_path, capsys, monkeypatch):
    def boom(_args):
        raise RuntimeError("cannot rollback - no transaction is active, in English")

    monkeypatch.setattr(config_command, "cmd_check", boom)  # read when the parser is built
    assert run(db_path, "check") == 1
    err = capsys.readouterr().err
    assert "English" not in err and "rollback" not in err
    assert "Falha inesperada; os detalhes foram gravados em" in err
    log = default_log_file().read_text("utf-8")
    assert "RuntimeError: cannot rollback - no transaction is active, in English" in log


def test_a_time_zone_unknown_to_this_computer_has_its_own_message(shop, db_path, capsys):
    open_database(db_path)
    Instance.update(timezone="Marte/Olympus_Mons").execute()  # valid on another desk's tzdata
    close_database()
    code = run(db_path, "simulate", "--instance", "Loja Centro", "--at", "2025-03-12T13:00:00Z")
    err = capsys.readouterr().err
    assert code == 1
    assert "O fuso horário Marte/Olympus_Mons de uma instância não é conhecido" in err
    assert "No time zone found" not in err


def test_a_file_that_cannot_be_written_is_told_in_portuguese(shop, db_path, tmp_path, capsys):
    code = run(db_path, "export", "-o", str(tmp_path / "nao-existe" / "config.json"))
    err = capsys.readouterr().err
    assert code == 1
    assert "não foi possível gravar: o arquivo não existe" in err
    assert "No such file" not in err


# -- item 14: postgres:// is postgresql:// -------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["postgres://ana@db.example:6543/atende", "POSTGRESQL://ana@db.example:6543/atende"],
)
def test_every_spelling_of_the_scheme_reads_the_same(url):
    assert normalized_url(url) == "postgresql://ana@db.example:6543/atende"
    assert url_parts(url) == {
        "host": "db.example",
        "port": "6543",
        "dbname": "atende",
        "user": "ana",
        "password": "",
    }


def test_a_url_that_cannot_be_read_gives_an_empty_form():
    assert url_parts("postgresql://ana:x@[::1/atende")["host"] == ""


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "PostgreSQL"])
def test_the_host_and_port_of_a_postgres_url_are_used(scheme, capsys):
    pytest.importorskip("psycopg2")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["--db", f"{scheme}://ana@127.0.0.1:{port}/atende", "check"]) == 1
    err = capsys.readouterr().err
    assert f"port {port}" in err and "socket" not in err


def test_an_unclosed_ipv6_bracket_is_told_in_portuguese(capsys):
    pytest.importorskip("psycopg2")
    assert main(["--db", "postgresql://ana:segredo@[::1/atende", "check"]) == 1
    err = capsys.readouterr().err
    assert "não é uma URL válida" in err
    assert "segredo" not in err and "invalid dsn" not in err
