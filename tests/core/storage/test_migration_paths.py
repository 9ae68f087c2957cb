"""Every earlier schema version, holding data, opens in this version: backed up first,
migrated, nothing lost, integrity intact."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.storage import migrations
from app.core.storage.backup import list_backups
from app.core.storage.db import close_database, open_database
from app.core.storage.models import HistoryEvent, Instance


def make_old_database(path, version: int) -> None:
    db = open_database(path, migrate=False)
    try:
        migrations.migrate(db, None, target=version)
        db.execute_sql(
            "INSERT INTO instance (name, phone, plan, timezone, prioritize_attendance, "
            "created_at, updated_at) VALUES ('Padaria Pão Quente', '+5511987654321', "
            "'intermediario', 'America/Sao_Paulo', 1, 1741784400000, 1741784400000)"
        )
        db.execute_sql(
            "INSERT INTO history_event (instance_id, instance_name, at, kind, section, "
            "summary, details) VALUES (1, 'Padaria Pão Quente', 1741784400000, 'config', "
            "'prioritize_attendance', 'Priorizar atendimento ativado', '{\"enabled\": true}')"
        )
    finally:
        close_database()


@pytest.mark.parametrize("version", range(1, migrations.LATEST_VERSION))
def test_an_older_database_with_data_is_backed_up_and_migrated(version, tmp_path):
    path = tmp_path / "atende.sqlite3"
    make_old_database(path, version)
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST_VERSION
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        [instance] = Instance.select()
        assert (instance.name, instance.prioritize_attendance) == ("Padaria Pão Quente", True)
        [event] = HistoryEvent.select()
        assert event.details == {"enabled": True} and event.instance_id == instance.id
    finally:
        close_database()
    [backup] = list_backups(path)
    assert backup.reason == f"before-v{migrations.LATEST_VERSION}"
    con = sqlite3.connect(backup.path)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == version
        assert con.execute("SELECT name FROM instance").fetchall() == [("Padaria Pão Quente",)]
    finally:
        con.close()


def test_every_model_reads_its_table_after_migrating_from_version_1(tmp_path):
    path = tmp_path / "atende.sqlite3"
    make_old_database(path, 1)
    db = open_database(path)
    try:
        tables = set(db.get_tables())
        for model in _all_models():
            assert model._meta.table_name in tables, model
            model.select().count()  # the columns the model expects are all there
    finally:
        close_database()


def _all_models():
    from app.core.storage import models

    return [
        value
        for value in vars(models).values()
        if isinstance(value, type)
        and issubclass(value, models.BaseModel)
        and value is not models.BaseModel
    ]
