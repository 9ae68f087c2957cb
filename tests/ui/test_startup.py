"""Start-up: one Atende per database, and bad databases explained with a way out."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.core.instances.store import create_instance
from app.core.storage import migrations
from app.core.storage.backup import backup_database, list_backups
from app.core.storage.db import NewerSchemaError, close_database, open_database
from app.core.storage.lock import FileLock, app_lock_path
from app.core.storage.models import Instance
from app.ui.dialogs.damaged_database import QUIT, Recovery
from app.ui.startup import Session, SingleInstance
from tests.faults import read_only

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
DATA = {
    "name": "Loja Centro",
    "phone": "+5511912345678",
    "plan": "avancado",
    "timezone": "America/Sao_Paulo",
}


class Recorder:
    """Answers the recovery dialog: `choose(backups)` → a Recovery the first time, then QUIT."""

    def __init__(self, session: Session, choose=lambda backups: Recovery(QUIT)):
        self.errors: list[tuple[str, str]] = []
        self.recoveries: list[tuple] = []
        session.show_error = lambda title, text: self.errors.append((title, text))

        def ask(error, backups):
            self.recoveries.append((error, backups))
            return choose(backups) if len(self.recoveries) == 1 else Recovery(QUIT)

        session.ask_recovery = ask


def restore_newest(backups):
    return Recovery("restore", backup=backups[0][0])


@pytest.fixture
def session_factory(qapp):
    made: list[Session] = []

    def make(path: Path) -> Session:
        session = Session(path)
        made.append(session)
        return session

    yield make
    for session in made:
        session.single.release()
    close_database()


@pytest.fixture
def with_backup(db_path, clock):
    """A database with one instance and a daily backup of it, closed."""
    open_database(db_path)
    create_instance(DATA, clock)
    backup = backup_database(db_path, "daily", T0)
    close_database()
    return backup


def test_a_good_database_opens_and_holds_the_lock(db_path, session_factory):
    session = session_factory(db_path)
    Recorder(session)
    assert session.start()
    assert session.single.lock.held
    assert not FileLock(app_lock_path(db_path)).acquire()


@pytest.mark.sqlite_only("lock files, damaged files and backups of a SQLite database")
def test_a_second_session_on_the_same_database_says_atende_is_open(db_path, session_factory):
    first = session_factory(db_path)
    assert first.start()
    second = session_factory(db_path)
    recorder = Recorder(second)
    second.single.ask_running_to_show = lambda: False  # nobody answers the knock
    assert not second.start()
    assert second.exit_code == 1
    title, text = recorder.errors[0]
    assert title == "O Atende já está aberto"
    assert f"O Atende já está aberto com o banco de dados {db_path}" in text
    assert f"processo {os.getpid()}" in text


def second_launch(db_path: Path) -> subprocess.Popen:
    """`atende --db db_path` in another process, offscreen."""
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(db_path)],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_second_launch_brings_the_first_window_forward(db_path, qtbot, session_factory):
    first = session_factory(db_path)
    assert first.start()
    with qtbot.waitSignal(first.single.activation_requested, timeout=15000):
        child = second_launch(db_path)
    assert child.wait(timeout=15) == 0, child.stderr.read().decode()


def test_a_launch_knocking_before_the_first_listens_is_answered_once_it_does(db_path, qtbot):
    """The first Atende listens only after its first frame; a second launch in that gap
    knocks again instead of saying that Atende is already open."""
    owner = SingleInstance(db_path)
    assert owner.claim()
    try:
        with qtbot.waitSignal(owner.activation_requested, timeout=15000):
            child = second_launch(db_path)
            qtbot.wait(1000)  # the child starts and knocks on a door nobody listens at yet
            assert child.poll() is None, child.stderr.read().decode()
            owner.listen()
        assert child.wait(timeout=15) == 0, child.stderr.read().decode()
    finally:
        owner.release()


def test_the_single_instance_server_answers_a_knock(db_path, qtbot):
    owner = SingleInstance(db_path)
    assert owner.claim()
    owner.listen()
    try:
        knocker = SingleInstance(db_path)  # a second launch: the lock is taken, so it knocks
        assert not knocker.claim()
        answers: list[bool] = []
        with qtbot.waitSignal(owner.activation_requested, timeout=5000):
            threading.Thread(
                target=lambda: answers.append(knocker.ask_running_to_show()), daemon=True
            ).start()
        qtbot.waitUntil(lambda: answers == [True], timeout=5000)
    finally:
        owner.release()


@pytest.mark.sqlite_only("lock files, damaged files and backups of a SQLite database")
def test_a_garbage_database_offers_the_latest_backup_and_restores_it(
    db_path, with_backup, session_factory
):
    garbage = b"not a database" * 500
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    db_path.write_bytes(garbage)
    session = session_factory(db_path)
    recorder = Recorder(session, restore_newest)
    assert session.start()
    error, backups = recorder.recoveries[0]
    assert "danificado" in str(error)
    assert backups == [(list_backups(db_path)[-1], None)]
    assert backups[0][0].path == with_backup
    assert [i.name for i in Instance.select()] == ["Loja Centro"]
    kept = [b for b in list_backups(db_path) if b.reason == "before-restore"]
    assert kept[0].path.read_bytes() == garbage, "the bad file is kept, byte for byte"


@pytest.mark.sqlite_only("lock files, damaged files and backups of a SQLite database")
def test_closing_leaves_the_bad_file_untouched_and_the_lock_free(db_path, session_factory):
    garbage = b"\x00" * 10_000
    db_path.write_bytes(garbage)
    session = session_factory(db_path)
    recorder = Recorder(session)
    assert not session.start()
    assert session.exit_code == 1
    assert recorder.recoveries[0][1] == []
    assert db_path.read_bytes() == garbage
    assert sorted(p.name for p in db_path.parent.iterdir()) == [
        "atende.sqlite3",
        "atende.sqlite3.app.lock",
    ]
    assert FileLock(app_lock_path(db_path)).acquire(), "the lock was released"


@pytest.mark.sqlite_only("lock files, damaged files and backups of a SQLite database")
def test_a_newer_database_is_explained_and_can_be_left_alone(db_path, with_backup, session_factory):
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO schema_version VALUES (?)", (migrations.LATEST_VERSION + 5,))
    con.commit()
    con.close()
    before = db_path.read_bytes()
    session = session_factory(db_path)
    recorder = Recorder(session)
    assert not session.start()
    assert isinstance(recorder.recoveries[0][0], NewerSchemaError)
    assert db_path.read_bytes() == before


def test_a_read_only_folder_is_explained_without_creating_anything(tmp_path, session_factory):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        session = session_factory(folder / "atende.sqlite3")
        recorder = Recorder(session)
        assert not session.start()
        assert recorder.recoveries == [], "no backup to offer when nothing can be written"
        assert "não permite gravação" in recorder.errors[0][1]
        assert list(folder.iterdir()) == []
