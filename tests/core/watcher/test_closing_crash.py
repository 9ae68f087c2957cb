"""kill -9 in the middle of a watcher pass: the database is as before the pass."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest

from app.core.storage.db import close_database
from app.core.storage.models import AutoCloseSettings, to_millis

CHILD = textwrap.dedent(
    """
    import sys
    from app.core.storage import db as core_db
    real_open = core_db.open_database

    def pause_here():
        print("closing", flush=True)
        sys.stdin.read()  # stay inside the transaction until killed
        return 0

    def open_database(*args, **kwargs):
        database = real_open(*args, **kwargs)
        con = database.connection()
        con.create_function("pause_here", 0, pause_here)
        # Fires on the first chat the pass closes: its history events are written already.
        con.execute("CREATE TEMP TRIGGER stop AFTER UPDATE OF status ON chat "
                    "BEGIN SELECT pause_here(); END")
        return database

    core_db.open_database = open_database
    import app.commands.base
    app.commands.base.open_database = open_database
    from app.cli import main
    sys.exit(main(["--db", {db!r}, "watch", "--once", "--now", {now!r}]))
    """
)


@pytest.mark.sqlite_only("pauses the pass with a SQLite function and temporary trigger")
def test_kill_9_during_a_pass_closes_nothing_and_records_nothing(db, db_path, make_instance, clock):
    shop = make_instance("Padaria")
    AutoCloseSettings.create(
        instance=shop, enabled=True, timeout_minutes=30, close_assigned_by_operator=True
    )
    agent_at = to_millis(clock.now() - timedelta(hours=2))
    db.execute_sql(
        "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 500) "
        "INSERT INTO chat (instance_id, external_id, status, handler, assigned_via, "
        "last_agent_message_at) SELECT ?, 'c' || v, 'open', 'human', 'operator', ? FROM n",
        (shop.id, agent_at),
    )
    close_database()

    code = CHILD.format(db=str(db_path), now=clock.now().isoformat())
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline().strip()
        assert line == "closing", child.stderr.read()
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -9

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM chat WHERE status = 'open'").fetchone()[0] == 500
        assert (
            con.execute("SELECT count(*) FROM history_event WHERE kind = 'auto_close'").fetchone()[
                0
            ]
            == 0
        )
    finally:
        con.close()

    # And the next pass, undisturbed, closes them all with one event each.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(db_path),
            "watch",
            "--once",
            "--now",
            clock.now().isoformat(),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.strip() == "500 atendimentos encerrados"
