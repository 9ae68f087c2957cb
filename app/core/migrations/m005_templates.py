"""Mensagens predefinidas. Shortcuts are stored lowercase, unique per instance."""

VERSION = 5

STATEMENTS = [
    """CREATE TABLE template (
        id INTEGER PRIMARY KEY,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        shortcut TEXT NOT NULL,
        category TEXT,
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (instance_id, shortcut)
    )""",
    "CREATE INDEX template_instance_category ON template (instance_id, category)",
]


def apply(db) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
