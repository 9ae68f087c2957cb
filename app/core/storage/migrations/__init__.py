"""Numbered migrations. Each module `mNNN_*.py` has `VERSION` and `apply(db)` in raw SQL,
so an old migration keeps meaning the same thing when the models change later.

The schema version lives in the `schema_version` table. A database from a newer Atende is
refused; an older one is backed up before it is migrated.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from peewee import Database

from app.core.storage.backup import backup_database
from app.core.storage.dialect import is_postgres
from app.core.storage.errors import CorruptDatabaseError, NewerSchemaError
from app.i18n import _


def _modules() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:4].isdigit():
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    found.sort(key=lambda m: m.VERSION)
    versions = [m.VERSION for m in found]
    assert versions == list(range(1, len(found) + 1)), f"migrations out of order: {versions}"
    return found


MIGRATIONS = _modules()
LATEST_VERSION = len(MIGRATIONS)


def current_version(db: Database) -> int:
    tables = set(db.get_tables())
    if "schema_version" not in tables:
        if tables:
            raise CorruptDatabaseError(
                _(
                    "This PostgreSQL database already holds other tables: give Atende a "
                    "database (or schema) of its own."
                )
                if is_postgres(db)
                else _("This SQLite file is not an Atende database (it has other tables).")
            )
        return 0
    row = db.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def refuse_newer(version: int) -> None:
    """Raise NewerSchemaError when `version` comes from a newer Atende."""
    if version > LATEST_VERSION:
        raise NewerSchemaError(
            _(
                "This database was written by a newer version of Atende (schema {found}, "
                "this version knows up to {known}). Update Atende to open it."
            ).format(found=version, known=LATEST_VERSION)
        )


def migrate(db: Database, path: Path | None = None, target: int | None = None) -> int:
    """Bring `db` up to `target` (default: the latest); returns the version it ends at.

    The work runs in one transaction holding the database's write lock (SQLite's BEGIN
    IMMEDIATE, a PostgreSQL advisory lock), and the version is read again once the lock is
    held: of two processes opening an older database at once, one migrates (and backs up)
    and the other finds it done.
    """
    target = LATEST_VERSION if target is None else target
    version = current_version(db)
    refuse_newer(version)
    if version >= target:
        return version
    with _migration_lock(db):
        version = current_version(db)
        refuse_newer(version)
        if version >= target:
            return version
        if version > 0 and path is not None:
            backup_database(path, f"before-v{target}", datetime.now(UTC))
        for module in MIGRATIONS[version:target]:
            if module.VERSION == 1:
                db.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            module.apply(db)
            db.execute_sql(
                f"INSERT INTO schema_version (version) VALUES ({db.param})", (module.VERSION,)
            )
    return target


# Any fixed number: the desks of one PostgreSQL database agree on it.
_PG_MIGRATION_LOCK = 7_318_452


@contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    if not is_postgres(db):
        with db.atomic("IMMEDIATE"):
            yield
        return
    with db.atomic():
        db.execute_sql(f"SELECT pg_advisory_xact_lock({db.param})", (_PG_MIGRATION_LOCK,))
        yield
