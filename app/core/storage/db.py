"""Opening the database (a SQLite file or a PostgreSQL URL) with clear errors, then migrating.

The proxy itself is `app.core.storage.proxy.database` (re-exported here). Opening a
file checks that it really is SQLite before Peewee touches it, so a wrong or damaged file is
reported in Portuguese and left untouched, never replaced by a silent empty database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from peewee import Database, SqliteDatabase

from app.core.storage import postgres
from app.core.storage.backup import BackupError, file_is_cut, side_files

# The errors and checks live in db_errors (Peewee-free); callers may import them from here.
from app.core.storage.errors import (
    CorruptDatabaseError,
    DatabaseOpenError,
    NewerSchemaError,  # noqa: F401
    UnwritableDatabaseError,
    check_writable,
    error_text,
    read_only_folder_message,
    storage_failure_message,  # noqa: F401
)
from app.core.storage.migrations import current_version, refuse_newer
from app.core.storage.migrations import migrate as run_migrations
from app.core.storage.proxy import PRAGMAS, SQLITE_HEADER, close_database, database  # noqa: F401
from app.i18n import _


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise UnwritableDatabaseError(
            _("Could not read the database {path}: {error}").format(
                path=path, error=error_text(exc)
            )
        ) from exc
    if not header:  # Atende never leaves an empty file (see _create): something else did
        raise CorruptDatabaseError(
            _(
                "The file {path} is empty (0 bytes): it is not an Atende database. It was "
                "left untouched; restore a backup or choose another file."
            ).format(path=path)
        )
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(_damaged_message(path))


def _check_size(path: Path) -> None:
    """A file shorter than the size its header declares was cut (copy, crash, full disk)."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if file_is_cut(header, path.stat().st_size):
        raise CorruptDatabaseError(_damaged_message(path))


def _damaged_message(path: Path) -> str:
    return _(
        "The file {path} is not an Atende database or is damaged. It was left "
        "untouched; restore a backup or choose another file."
    ).format(path=path)


def _probe(path: Path) -> None:
    """Read the file without writing a byte: SQLite, Atende's, not from a newer version."""
    probe = SqliteDatabase(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        probe.connect()
        version = current_version(probe)
    except DatabaseOpenError:
        raise
    except Exception as exc:
        raise _classify(exc, path) from exc
    finally:
        probe.close()
    refuse_newer(version)


def open_database(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating when missing) the SQLite file at `path`, bind the proxy, migrate.

    An existing file is first read without writing (header, size, schema version), so a
    damaged, foreign or newer file is refused and left byte-for-byte untouched. A
    `postgresql://` URL opens that shared server instead (`app.core.storage.postgres`).
    """
    if postgres.is_database_url(path):
        return _open_postgres(str(path), migrate=migrate)
    path = Path(path)
    if not path.exists():
        _create(path, migrate=migrate)
    if path.is_dir():
        raise UnwritableDatabaseError(
            _("{path} is a folder, not a database file.").format(path=path)
        )
    _check_header(path)
    _check_size(path)
    _probe(path)
    check_writable(path)
    db = _connect(path, path)
    database.initialize(db)
    if migrate:
        _migrate(db, path, lambda exc: _classify(exc, path))
    return db


def _connect(path: Path, shown: Path) -> SqliteDatabase:
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=5)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlite3 errors, or peewee's wrappers of them
        db.close()
        raise _classify(exc, shown) from exc
    return db


def _create(path: Path, *, migrate: bool) -> None:
    """Make a new database at `path` whole or not at all: it is built under a temporary
    name beside it (owner-only: it may hold a Chatwoot token, SPEC §13), migrated, and
    linked into place only when complete. Another process never sees a half-made file, so
    an empty file is never Atende's; when another process got there first, its file wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableDatabaseError(
            _("Could not create the folder {path}: {error}").format(
                path=path.parent, error=error_text(exc)
            )
        ) from exc
    check_writable(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    except OSError as exc:
        raise _classify(exc, path) from exc
    os.close(fd)
    temporary = Path(name)
    try:
        db = _connect(temporary, path)
        try:
            db.execute_sql("PRAGMA user_version = 0")  # the header is written: not 0 bytes
            if migrate:
                run_migrations(db, None)
        except Exception as exc:
            raise _classify(exc, path) from exc
        finally:
            db.close()  # the last connection checkpoints the WAL into the file
        _link_into_place(temporary, path)
    finally:
        for leftover in (temporary, *side_files(temporary)):
            leftover.unlink(missing_ok=True)


def _link_into_place(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        return  # another process created it meanwhile: use theirs
    except OSError:  # a file system without hard links
        if not path.exists():
            os.replace(temporary, path)


def _open_postgres(url: str, *, migrate: bool = True) -> Database:
    """Open the PostgreSQL database at `url`, bind the proxy, migrate (no file backup: back
    the server up with its own tools, e.g. pg_dump)."""
    db = postgres.connect(url)
    database.initialize(db)
    if migrate:
        _migrate(db, None, lambda exc: postgres.classify(exc, url))
    return db


def _migrate(db: Database, path: Path | None, classify) -> None:
    """Bring the schema up to date; any failure closes `db` and is told in Portuguese."""
    try:
        run_migrations(db, path)
    except DatabaseOpenError:
        db.close()
        raise
    except BackupError as exc:
        db.close()
        raise UnwritableDatabaseError(
            _(
                "{error} The database needs an update and is only updated after a backup, "
                "so nothing was changed."
            ).format(error=exc)
        ) from exc
    except Exception as exc:
        db.close()
        raise classify(exc) from exc


def _classify(exc: Exception, path: Path) -> DatabaseOpenError:
    text = str(exc).lower()
    if "readonly" in text or "unable to open" in text or "read-only" in text:
        if not os.access(path.parent, os.W_OK):
            return UnwritableDatabaseError(read_only_folder_message(path.parent))
        return UnwritableDatabaseError(
            _("The database {path} cannot be written: check the folder's permissions.").format(
                path=path
            )
        )
    if "disk" in text and "full" in text:
        return UnwritableDatabaseError(_("The disk is full: free some space and try again."))
    if "locked" in text or "busy" in text:
        return UnwritableDatabaseError(
            _("The database {path} is busy in another program; close it and try again.").format(
                path=path
            )
        )
    if "not a database" in text or "malformed" in text:
        return CorruptDatabaseError(_damaged_message(path))
    return DatabaseOpenError(  # not called damaged: only a real corruption is (above)
        _("The database {path} could not be opened ({error}). It was left untouched.").format(
            path=path, error=error_text(exc)
        )
    )
