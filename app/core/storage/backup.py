"""Copies of the database made with SQLite's online backup API (safe while in use).

Backups live in a `backups` folder beside the database, named
`<stem>-<YYYYMMDD-HHMMSS UTC>-<reason>.sqlite3`: `before-vN` before a migration, `daily`
while the app runs (the last 7 are kept) and `before-restore` (the file that a restore
replaced, so a restore can itself be undone).
"""

from __future__ import annotations

import glob
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from app.core.common.files import restrict_to_owner
from app.core.storage.errors import error_text
from app.i18n import _

DAILY = "daily"
BEFORE_RESTORE = "before-restore"
KEEP = {DAILY: 7, BEFORE_RESTORE: 7}
# A backup may run in a worker thread (the daily one); a restore waits for it to finish.
FILE_LOCK = threading.RLock()
_STAMP = "%Y%m%d-%H%M%S"
PARTIAL_SUFFIX = ".partial"
SQLITE_HEADER = b"SQLite format 3\x00"  # as app.core.storage.proxy (this module is Peewee-free)


class BackupError(Exception):
    """A backup cannot be made or restored; `str()` is a Portuguese message."""


@dataclass(frozen=True)
class Backup:
    path: Path
    at: datetime  # UTC
    reason: str

    def reason_label(self) -> str:
        if self.reason == DAILY:
            return _("Daily backup")
        if self.reason == BEFORE_RESTORE:
            return _("Before a restore")
        match = re.fullmatch(r"before-v(\d+)", self.reason)
        if match:
            return _("Before updating the database (version {version})").format(
                version=match.group(1)
            )
        return self.reason


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _name_pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(Path(db_path).stem) + r"-(\d{8}-\d{6})-([a-z0-9-]+?)(?:-\d+)?"
        r"\.sqlite3"
    )


def connect_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)


def backup_database(db_path: Path, reason: str, at: datetime) -> Path:
    """Copy `db_path` into its backups folder; returns the new file's path.

    Raises BackupError (the partial copy removed) when the folder or disk refuses.
    """
    db_path = Path(db_path)
    with FILE_LOCK:
        return _backup(db_path, reason, at)


def _backup(db_path: Path, reason: str, at: datetime) -> Path:
    target = new_backup_path(db_path, reason, at)
    partial = partial_path(target)
    try:
        source = connect_readonly(db_path)
        try:
            dest = sqlite3.connect(str(partial))
            try:
                restrict_to_owner(partial)  # a copy of the database, token included
                source.backup(dest)
                # A rollback-journal file: reading the backup (verify, list) leaves no
                # -wal/-shm beside it; the database restored from it turns WAL on at open.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            source.close()
        publish(partial, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, *side_files(partial)):
            leftover.unlink(missing_ok=True)
        raise BackupError(
            _("Could not make a backup of {path} in {folder}: {error}").format(
                path=db_path, folder=target.parent, error=error_text(exc)
            )
        ) from exc
    return target


def partial_path(target: Path) -> Path:
    """Where a backup is written until complete: a name `list_backups` never matches, so a
    copy cut by a crash (kill -9) or a full disk never counts as a backup."""
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


def publish(partial: Path, target: Path) -> None:
    """Make the complete copy `partial` the backup `target`: on disk first, then renamed."""
    with partial.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    if hasattr(os, "O_DIRECTORY"):  # the rename itself, on systems that can sync a folder
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def file_is_cut(header: bytes, size: int) -> bool:
    """A SQLite file shorter than the size its first 100 bytes declare (copy, crash, disk)."""
    if len(header) < 100:
        return size > 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96]
    return bool(
        page_size < 512 or size % page_size or (header_size_valid and size < pages * page_size)
    )


def is_usable(path: Path) -> bool:
    """Whole at a glance (no full check): a SQLite header, a size that fits its pages, no
    unfinished journal beside it. A file cut by a crash is not a backup to count on."""
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(100)
        size = Path(path).stat().st_size
        journal = side_files(Path(path))[2]
        unfinished = journal.exists() and journal.stat().st_size > 0
    except OSError:
        return False
    return header[:16] == SQLITE_HEADER and not file_is_cut(header, size) and not unfinished


def new_backup_path(db_path: Path, reason: str, at: datetime) -> Path:
    folder = backups_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            _("Could not create the backups folder {folder}: {error}").format(
                folder=folder, error=error_text(exc)
            )
        ) from exc
    stem = f"{db_path.stem}-{at.astimezone(UTC).strftime(_STAMP)}-{reason}"
    target, n = folder / f"{stem}.sqlite3", 2
    while target.exists():
        target, n = folder / f"{stem}-{n}.sqlite3", n + 1
    return target


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(db_path)
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            at = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            found.append(Backup(path, at, match.group(2)))
    found.sort(key=lambda b: (b.at, b.path.name), reverse=True)
    return found


def prune_backups(db_path: Path, reason: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups made for `reason`; returns the deleted."""
    # Unusable files (cut by a crash) do not count as kept, and are left for a person to see.
    old = [b.path for b in list_backups(db_path) if b.reason == reason and is_usable(b.path)]
    old = old[keep:]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def daily_backup_if_due(db_path: Path, now: datetime, tz: tzinfo | None = None) -> Path | None:
    """Make today's backup unless one exists (days in `tz`, default the machine's zone).

    Returns the new backup, or None when today's already exists. Keeps the last 7.
    """
    local_day = now.astimezone(tz).date()
    with FILE_LOCK:
        _remove_stale_partials(db_path)
        for backup in list_backups(db_path):
            if (
                backup.reason == DAILY
                and backup.at.astimezone(tz).date() >= local_day
                and is_usable(backup.path)
            ):
                return None
        path = backup_database(db_path, DAILY, now)
        prune_backups(db_path, DAILY, KEEP[DAILY])
        return path


STALE_PARTIAL_SECONDS = 3600  # older than any copy still being written by another process


def _remove_stale_partials(db_path: Path) -> None:
    """Copies left by a process killed while writing a backup (file times, not the clock)."""
    folder = backups_dir(db_path)
    limit = time.time() - STALE_PARTIAL_SECONDS
    for path in folder.glob(f".{glob.escape(Path(db_path).stem)}-*{PARTIAL_SUFFIX}"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
