"""Encerramento automático settings, one row per instance (no row = disabled)."""

from app.core.storage.dialect import run_ddl

VERSION = 2

STATEMENTS = [
    """CREATE TABLE auto_close_settings (
        instance_id INTEGER PRIMARY KEY REFERENCES instance (id) ON DELETE CASCADE,
        enabled $bool NOT NULL DEFAULT $false,
        timeout_minutes $bigint NOT NULL DEFAULT 60
            CHECK (timeout_minutes BETWEEN 1 AND 129600),
        close_assigned_by_operator $bool NOT NULL DEFAULT $true,
        close_started_by_bot_or_workflow $bool NOT NULL DEFAULT $false,
        closing_message TEXT
    )""",
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
