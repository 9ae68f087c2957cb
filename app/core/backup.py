"""Copies of the database made with SQLite's online backup API (safe while in use)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_database(db_path: Path, reason: str, at: datetime) -> Path:
    """Copy `db_path` into its backups folder; returns the new file's path."""
    target_dir = backups_dir(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = at.strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(str(db_path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def list_backups(db_path: Path) -> list[Path]:
    """The backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"), reverse=True)
