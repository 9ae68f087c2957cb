"""Instances (with Priorizar atendimento) and the history of changes."""

VERSION = 1

STATEMENTS = [
    """CREATE TABLE instance (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        phone TEXT NOT NULL,
        plan TEXT NOT NULL CHECK (plan IN ('basico', 'intermediario', 'avancado')),
        timezone TEXT NOT NULL,
        prioritize_attendance INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    )""",
    """CREATE TABLE history_event (
        id INTEGER PRIMARY KEY,
        instance_id INTEGER REFERENCES instance (id) ON DELETE SET NULL,
        instance_name TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        section TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        chat_external_id TEXT
    )""",
    "CREATE INDEX history_event_instance_at ON history_event (instance_id, at)",
    "CREATE INDEX history_event_at ON history_event (at)",
]


def apply(db) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
