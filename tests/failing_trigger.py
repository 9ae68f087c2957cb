"""A trigger that makes one row's write fail mid-statement, on SQLite or PostgreSQL."""

from __future__ import annotations

from app.core.storage import dialect


def add_failing_trigger(db, verb: str, table: str, condition: str, message: str) -> None:
    """Before `verb` on `table`, abort when `condition` (over NEW) holds, with an integrity
    error carrying `message`."""
    if dialect.is_postgres(db):
        db.execute_sql(
            "CREATE FUNCTION fail_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; "
            "END $$"
        )
        db.execute_sql(
            f"CREATE TRIGGER fail BEFORE {verb} ON {table} FOR EACH ROW "
            f"WHEN ({condition}) EXECUTE FUNCTION fail_row()"
        )
    else:
        db.execute_sql(
            f"CREATE TRIGGER fail BEFORE {verb} ON {table} WHEN {condition} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def drop_failing_trigger(db, table: str) -> None:
    if dialect.is_postgres(db):
        db.execute_sql(f"DROP TRIGGER fail ON {table}")
        db.execute_sql("DROP FUNCTION fail_row()")
    else:
        db.execute_sql("DROP TRIGGER fail")
