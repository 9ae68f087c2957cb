"""Opening a database that is damaged, cut, foreign, read-only, or on a full disk."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.instances.store import create_instance
from app.core.storage.backup import list_backups
from app.core.storage.db import (
    CorruptDatabaseError,
    UnwritableDatabaseError,
    close_database,
    open_database,
    storage_failure_message,
)
from tests.faults import dump, fill_disk, read_only

pytestmark = pytest.mark.sqlite_only("damaged, read-only or full SQLite files")

DATA = {
    "name": "Loja Centro",
    "phone": "+5511912345678",
    "plan": "avancado",
    "timezone": "America/Sao_Paulo",
}


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def filled_db(db_path, clock):
    """A real database with data, closed (WAL checkpointed into the file)."""
    open_database(db_path)
    for n in range(40):
        create_instance({**DATA, "name": f"Loja {n:02d}"}, clock)
    close_database()
    return db_path


def test_garbage_file_is_refused_untouched_and_no_side_files(db_path):
    garbage = bytes(range(256)) * 64
    db_path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError, match="danificado"):
        open_database(db_path)
    assert db_path.read_bytes() == garbage
    assert files_in(db_path.parent) == ["atende.sqlite3"]


def test_truncated_database_is_refused_untouched(filled_db):
    whole = filled_db.read_bytes()
    half = whole[: len(whole) // 2]
    filled_db.write_bytes(half)
    with pytest.raises(CorruptDatabaseError, match="danificado") as exc:
        open_database(filled_db)
    assert "restaure um backup" in str(exc.value)
    assert filled_db.read_bytes() == half


def test_a_database_cut_mid_page_is_refused(filled_db):
    whole = filled_db.read_bytes()
    filled_db.write_bytes(whole[:-100])
    with pytest.raises(CorruptDatabaseError):
        open_database(filled_db)


def test_an_empty_header_only_file_is_refused(db_path):
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)


def test_read_only_folder_without_database(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        with pytest.raises(UnwritableDatabaseError) as exc:
            open_database(folder / "atende.sqlite3")
        assert "não permite gravação" in str(exc.value)
        assert files_in(folder) == [], "no silent empty database"


def test_read_only_folder_with_a_good_database(filled_db):
    before = dump(filled_db)
    raw = filled_db.read_bytes()
    with read_only(filled_db.parent):
        with pytest.raises(UnwritableDatabaseError, match="não permite gravação"):
            open_database(filled_db)
    assert filled_db.read_bytes() == raw
    assert dump(filled_db) == before


def test_read_only_file_is_explained(filled_db):
    with read_only(filled_db):
        with pytest.raises(UnwritableDatabaseError, match="somente leitura"):
            open_database(filled_db)


def test_full_disk_rolls_back_the_write_with_a_clear_message(db, db_path, clock):
    create_instance(DATA, clock)
    before = dump(db_path)
    fill_disk(db, spare_pages=0)
    big = {**DATA, "name": "Loja Grande"}
    with pytest.raises(Exception) as exc:
        from app.core.storage.models import HistoryEvent, Instance

        with db.atomic():
            Instance.create(**big, created_at=clock.now(), updated_at=clock.now())
            for _ in range(200):
                HistoryEvent.create(
                    instance_name="x" * 2000,
                    at=clock.now(),
                    kind="config",
                    section="s",
                    summary="y" * 2000,
                )
    assert storage_failure_message(exc.value) == (
        "O disco está cheio: nada foi salvo. Libere espaço e tente de novo."
    )
    close_database()
    assert dump(db_path) == before


def test_a_backup_that_cannot_be_made_stops_the_migration(filled_db, monkeypatch):
    from types import SimpleNamespace

    from app.core.storage import migrations

    latest = migrations.LATEST_VERSION
    extra = SimpleNamespace(
        VERSION=latest + 1, apply=lambda db: db.execute_sql("CREATE TABLE extra (x)")
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, extra])
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 1)
    (filled_db.parent / "backups").write_text("a file where the folder should be")
    with pytest.raises(UnwritableDatabaseError, match="nada foi alterado"):
        open_database(filled_db)
    con = sqlite3.connect(filled_db)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == latest
    con.close()
    assert list_backups(filled_db) == []


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ("database or disk is full", "disco está cheio"),
        ("attempt to write a readonly database", "somente leitura"),
        ("database is locked", "ocupado"),
        ("database disk image is malformed", "danificado"),
        ("no such column: x", None),
    ],
)
def test_storage_failures_are_told_apart(error, expected):
    message = storage_failure_message(sqlite3.OperationalError(error))
    if expected is None:
        assert message is None
    else:
        assert expected in message
