"""Instances (with Priorizar atendimento) and the history of changes."""

from app.core.storage.dialect import Only, run_ddl, unique_lower_index

VERSION = 1

STATEMENTS: list[str | Only] = [
    """CREATE TABLE instance (
        id $id,
        name TEXT NOT NULL $unique_nocase,
        phone TEXT NOT NULL,
        plan TEXT NOT NULL CHECK (plan IN ('basico', 'intermediario', 'avancado')),
        timezone TEXT NOT NULL,
        prioritize_attendance $bool NOT NULL DEFAULT $false,
        created_at $bigint NOT NULL,
        updated_at $bigint NOT NULL
    )""",
    """CREATE TABLE history_event (
        id $id,
        instance_id INTEGER REFERENCES instance (id) ON DELETE SET NULL,
        instance_name TEXT NOT NULL,
        at $bigint NOT NULL,
        kind TEXT NOT NULL,
        section TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        chat_external_id TEXT
    )""",
    "CREATE INDEX history_event_instance_at ON history_event (instance_id, at)",
    "CREATE INDEX history_event_at ON history_event (at)",
    unique_lower_index("instance_name_nocase", "instance", "name"),
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
