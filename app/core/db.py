"""The database: a Peewee proxy, SQLite pragmas, opening with clear errors, migrations.

`database` is the one piece of global state the core keeps (STYLE: the DB proxy). Opening a
file checks that it really is SQLite before Peewee touches it, so a wrong or damaged file is
reported in Portuguese and left untouched, never replaced by a silent empty database.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import Database, DatabaseProxy, SqliteDatabase

from app.i18n import _

database = DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


class DatabaseOpenError(Exception):
    """The database cannot be used; `str()` is a Portuguese message with what to do."""


class CorruptDatabaseError(DatabaseOpenError):
    pass


class NewerSchemaError(DatabaseOpenError):
    pass


class UnwritableDatabaseError(DatabaseOpenError):
    pass


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UnwritableDatabaseError(
            _("Could not read the database {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    if header and header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            _(
                "The file {path} is not an Atende database or is damaged. It was left "
                "untouched; restore a backup or choose another file."
            ).format(path=path)
        )


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating when missing) the SQLite file at `path`, bind the proxy, migrate.

    A `postgresql://` URL opens that shared server instead (`app.core.postgres`).
    """
    from app.core.postgres import is_database_url, open_postgres

    if is_database_url(path):
        return open_postgres(str(path), migrate=migrate)
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise UnwritableDatabaseError(
                _("{path} is a folder, not a database file.").format(path=path)
            )
        _check_header(path)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UnwritableDatabaseError(
                _("Could not create the folder {path}: {error}").format(
                    path=path.parent, error=exc.strerror
                )
            ) from exc
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=5)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _classify(exc, path) from exc
    except Exception as exc:  # peewee wraps sqlite3 errors in its own classes
        db.close()
        raise _classify(exc, path) from exc
    database.initialize(db)
    if migrate:
        from app.core.migrations import migrate as run_migrations

        try:
            run_migrations(db, path)
        except DatabaseOpenError:
            db.close()
            raise
        except Exception as exc:
            db.close()
            raise _classify(exc, path) from exc
    return db


def _classify(exc: Exception, path: Path) -> DatabaseOpenError:
    text = str(exc).lower()
    if "readonly" in text or "unable to open" in text or "read-only" in text:
        return UnwritableDatabaseError(
            _("The database {path} cannot be written: check the folder's permissions.").format(
                path=path
            )
        )
    if "disk" in text and "full" in text:
        return UnwritableDatabaseError(_("The disk is full: free some space and try again."))
    return CorruptDatabaseError(
        _(
            "The database {path} is damaged ({error}). It was left untouched; restore a backup."
        ).format(path=path, error=exc)
    )


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
