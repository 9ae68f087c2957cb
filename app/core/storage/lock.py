"""Advisory lock files next to the database: one app per DB, one watcher per DB.

The lock is held by the operating system (flock / msvcrt), so a crashed or killed process
(kill -9) releases it at once: no stale lock to clean by hand. The file keeps the holder's
PID for messages.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from app.paths import data_dir, is_database_url, masked


def lock_base(location: Path | str) -> Path:
    """Where a database's lock files go: beside a SQLite file; for a PostgreSQL URL, in
    this computer's data folder, named from the URL without its password (one window per
    server on each computer; the desks' watchers need no lock, see closing.close_due)."""
    if is_database_url(location):
        digest = hashlib.sha256(masked(location).encode("utf-8")).hexdigest()[:16]
        return data_dir() / f"server-{digest}"
    return Path(location)


def app_lock_path(db_path: Path | str) -> Path:
    base = lock_base(db_path)
    return base.with_name(base.name + ".app.lock")


def watcher_lock_path(db_path: Path | str) -> Path:
    base = lock_base(db_path)
    return base.with_name(base.name + ".watcher.lock")


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def holder_pid(self) -> int | None:
        try:
            text = self.path.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if sys.platform.startswith("win"):
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
