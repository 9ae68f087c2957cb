"""Mensagens predefinidas. Shortcuts are stored lowercase, unique per instance."""

from app.core.storage.dialect import run_ddl

VERSION = 5

STATEMENTS = [
    """CREATE TABLE template (
        id $id,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        shortcut TEXT NOT NULL,
        category TEXT,
        content TEXT NOT NULL,
        created_at $bigint NOT NULL,
        updated_at $bigint NOT NULL,
        UNIQUE (instance_id, shortcut)
    )""",
    "CREATE INDEX template_instance_category ON template (instance_id, category)",
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
