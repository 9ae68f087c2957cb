"""Restoring a backup over the database, safely.

The backup is verified before anything is touched; the current file is kept as a
`before-restore` backup (byte for byte when it is damaged); the copy is written beside the
database and moved over it in one rename; the reopened database must pass
`PRAGMA integrity_check`, else the previous file is put back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from app.core.storage.backup import (
    BEFORE_RESTORE,
    FILE_LOCK,
    KEEP,
    Backup,
    BackupError,
    backup_database,
    connect_readonly,
    list_backups,
    new_backup_path,
    partial_path,
    prune_backups,
    publish,
    side_files,
)
from app.core.storage.db import open_database
from app.core.storage.errors import DatabaseOpenError, error_text
from app.core.storage.lock import FileLock, use_lock_path, watcher_lock_path
from app.core.storage.migrations import LATEST_VERSION
from app.core.storage.proxy import SQLITE_HEADER, close_database
from app.i18n import _, format_datetime


def keep_current_file(db_path: Path, at: datetime) -> Path | None:
    """Save the database about to be replaced as a `before-restore` backup.

    A sound file is copied with the backup API; a damaged one byte for byte (with its WAL),
    so nothing the user had is ever thrown away.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    try:
        return backup_database(db_path, BEFORE_RESTORE, at)
    except BackupError:
        pass
    target = new_backup_path(db_path, BEFORE_RESTORE, at)
    partial = partial_path(target)
    try:
        shutil.copy2(db_path, partial)
        wal = side_files(db_path)[0]
        if wal.is_file():
            shutil.copy2(wal, side_files(target)[0])
        publish(partial, target)
    except OSError as exc:
        for leftover in (partial, side_files(target)[0]):
            leftover.unlink(missing_ok=True)
        raise BackupError(
            _("Could not keep a copy of {path} before restoring: {error}").format(
                path=db_path, error=error_text(exc)
            )
        ) from exc
    return target


def restore_backup(backup: Path, db_path: Path, at: datetime | None = None) -> Path | None:
    """Replace the database at `db_path` by the backup, safely, and reopen it.

    The backup is verified first; the current file is kept as a `before-restore` backup
    (returned); the copy is written beside the database and moved over it in one rename;
    the reopened database must pass `PRAGMA integrity_check`, else the previous file is put
    back. Raises BackupError (Portuguese) with the database as it was (and open again when
    it opens at all).
    """
    with FILE_LOCK:
        return _restore(Path(backup), Path(db_path), at or datetime.now(UTC))


def _restore(backup: Path, db_path: Path, at: datetime) -> Path | None:
    verify_backup(backup)
    watcher = FileLock(watcher_lock_path(db_path))
    holder = watcher.holder_pid()
    if holder not in (None, os.getpid()) and not _lock_is_free(watcher):
        raise BackupError(
            _(
                "Another program (atende watch, process {pid}) is using this database: stop it "
                "before restoring."
            ).format(pid=holder)
        )
    in_use = FileLock(use_lock_path(db_path))
    try:
        free = in_use.acquire()
    except (OSError, DatabaseOpenError) as exc:
        reason = str(exc) if isinstance(exc, DatabaseOpenError) else error_text(exc)
        raise BackupError(reason) from exc
    if not free:
        raise BackupError(
            _(
                "Another program (an `atende` command such as import) is using this database: "
                "let it finish, then restore."
            )
        )
    try:
        return _swap(backup, db_path, at)
    finally:
        in_use.release()


def _swap(backup: Path, db_path: Path, at: datetime) -> Path | None:
    close_database()
    kept = keep_current_file(db_path, at)
    prune_backups(db_path, BEFORE_RESTORE, KEEP[BEFORE_RESTORE])
    staging = db_path.with_name(db_path.name + ".restoring")
    try:
        _copy_with_backup_api(backup, staging)
        for side in side_files(db_path):
            side.unlink(missing_ok=True)
        os.replace(staging, db_path)
    except (OSError, sqlite3.Error) as exc:
        staging.unlink(missing_ok=True)
        _reopen_quietly(db_path)
        raise BackupError(
            _("Could not restore the backup: {error}. The database was not changed.").format(
                error=error_text(exc)
            )
        ) from exc
    try:
        db = open_database(db_path)
        check = db.execute_sql("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(_("The restored database failed its integrity check."))
    except (DatabaseOpenError, BackupError) as exc:
        close_database()
        if kept is not None:
            shutil.copy2(kept, db_path)
            _reopen_quietly(db_path)
        raise BackupError(
            _(
                "The restored database could not be opened ({error}); the previous file was "
                "put back."
            ).format(error=exc)
        ) from exc
    return kept


def _reopen_quietly(db_path: Path) -> None:
    """Give the caller its database back after a failed restore, if it opens at all."""
    try:
        open_database(db_path)
    except DatabaseOpenError:
        pass


def _lock_is_free(lock) -> bool:
    if lock.acquire():
        lock.release()
        return True
    return False


def _copy_with_backup_api(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = connect_readonly(source)
    try:
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=delete")
        finally:
            dest.close()
    finally:
        src.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())


def verify_backup(path: Path) -> int:
    """Check that `path` is a sound Atende database this version can open.

    Returns its schema version; raises BackupError with a Portuguese reason otherwise.
    """
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(
            _("Could not read the backup {path}: {error}").format(path=path, error=error_text(exc))
        ) from exc
    if header != SQLITE_HEADER:
        raise BackupError(_("The backup {path} is not a database.").format(path=path))
    try:
        con = connect_readonly(path)
        try:
            check = con.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(_("The backup {path} is damaged.").format(path=path))
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise BackupError(
            _("The backup {path} is not an Atende database ({error}).").format(
                path=path, error=error_text(exc)
            )
        ) from exc
    if version is None or int(version) > LATEST_VERSION:
        raise BackupError(
            _("The backup {path} was made by a newer version of Atende.").format(path=path)
        )
    return int(version)


def latest_usable_backup(db_path: Path) -> Backup | None:
    """The newest backup that passes `verify_backup` (skipping damaged or newer ones)."""
    for backup in list_backups(db_path):
        try:
            verify_backup(backup.path)
        except BackupError:
            continue
        return backup
    return None


def recovery_hint(db_path: Path) -> str:
    """One Portuguese sentence pointing at the newest usable backup ("" when none)."""
    backup = latest_usable_backup(db_path)
    if backup is None:
        return ""
    return _("The latest automatic backup ({date}) is {path}; open Atende to restore it.").format(
        date=format_datetime(backup.at.astimezone()), path=backup.path
    )
