"""What a SQLite desk never uses stays out of memory (app.core): the PostgreSQL driver comes
with a server only, hashes are computed without OpenSSL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_sqlite_database_loads_no_driver(tmp_path):
    code = (
        "import sys\n"
        "from app.core.storage.db import open_database\n"
        f"open_database({str(tmp_path / 'a.sqlite3')!r})\n"
        "import peewee\n"
        "print('psycopg2' in sys.modules, peewee.psycopg2)\n"
    )
    assert run(code) == "False None"


def test_a_server_hands_the_driver_to_peewee():
    pytest.importorskip("psycopg2")
    code = (
        "import peewee, psycopg2.extensions as e\n"  # loaded first: what Peewee saw before
        "before = (peewee.Psycopg2Adapter.txn_idle, peewee.Psycopg2Adapter.txn_inerror,"
        " peewee.Psycopg2Adapter.txn_unknown, peewee.Json_pg2)\n"
    )
    seen = run(code + "print(before)")
    code = (
        "import app.core, peewee\n"
        "assert peewee.psycopg2 is None\n"
        "from app.core.storage import postgres\n"
        "postgres._driver()\n"
        "import psycopg2\n"
        "assert peewee.psycopg2 is psycopg2\n"
        "peewee.PostgresqlDatabase('x')._adapter.check_driver()\n"
        "print((peewee.Psycopg2Adapter.txn_idle, peewee.Psycopg2Adapter.txn_inerror,"
        " peewee.Psycopg2Adapter.txn_unknown, peewee.Json_pg2))\n"
    )
    assert run(code) == seen


def test_hashes_load_no_openssl():
    code = (
        "import sys, app.core, hashlib\n"
        "from app.core.storage import lock\n"
        "maps = open('/proc/self/maps').read()\n"
        "print('_hashlib' in sys.modules, 'libcrypto' in maps, hashlib.sha256(b'a').hexdigest())\n"
    )
    assert run(code) == (
        "False False ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    )
