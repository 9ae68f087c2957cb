"""Encerramento automático settings, one row per instance (no row = disabled)."""

VERSION = 2

STATEMENTS = [
    """CREATE TABLE auto_close_settings (
        instance_id INTEGER PRIMARY KEY REFERENCES instance (id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL DEFAULT 0,
        timeout_minutes INTEGER NOT NULL DEFAULT 60
            CHECK (timeout_minutes BETWEEN 1 AND 129600),
        close_assigned_by_operator INTEGER NOT NULL DEFAULT 1,
        close_started_by_bot_or_workflow INTEGER NOT NULL DEFAULT 0,
        closing_message TEXT
    )""",
]


def apply(db) -> None:
    for sql in STATEMENTS:
        db.execute_sql(sql)
