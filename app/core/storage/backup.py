"""Copies of the database made with SQLite's online backup API (safe while in use).

Backups live in a `backups` folder beside the database, named
`<stem>-<YYYYMMDD-HHMMSS UTC>-<reason>.sqlite3`: `before-vN` before a migration, `daily`
while the app runs (the last 7 are kept) and `before-restore` (the file that a restore
replaced, so a restore can itself be undone).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from app.core.common.files import restrict_to_owner
from app.i18n import _

DAILY = "daily"
BEFORE_RESTORE = "before-restore"
KEEP = {DAILY: 7, BEFORE_RESTORE: 7}
# A backup may run in a worker thread (the daily one); a restore waits for it to finish.
FILE_LOCK = threading.RLock()
_STAMP = "%Y%m%d-%H%M%S"


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
    try:
        source = connect_readonly(db_path)
        try:
            dest = sqlite3.connect(str(target))
            try:
                restrict_to_owner(target)  # a copy of the database, token included
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise BackupError(
            _("Could not make a backup of {path} in {folder}: {error}").format(
                path=db_path, folder=target.parent, error=exc
            )
        ) from exc
    return target


def new_backup_path(db_path: Path, reason: str, at: datetime) -> Path:
    folder = backups_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            _("Could not create the backups folder {folder}: {error}").format(
                folder=folder, error=exc.strerror
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
    old = [b.path for b in list_backups(db_path) if b.reason == reason][keep:]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def daily_backup_if_due(db_path: Path, now: datetime, tz: tzinfo | None = None) -> Path | None:
    """Make today's backup unless one exists (days in `tz`, default the machine's zone).

    Returns the new backup, or None when today's already exists. Keeps the last 7.
    """
    local_day = now.astimezone(tz).date()
    with FILE_LOCK:
        for backup in list_backups(db_path):
            if backup.reason == DAILY and backup.at.astimezone(tz).date() >= local_day:
                return None
        path = backup_database(db_path, DAILY, now)
        prune_backups(db_path, DAILY, KEEP[DAILY])
        return path
