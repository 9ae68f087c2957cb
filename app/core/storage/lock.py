"""Advisory lock files next to the database: one app per DB, one watcher per DB.

The lock is held by the operating system (flock / msvcrt), so a crashed or killed process
(kill -9) releases it at once: no stale lock to clean by hand. The file keeps the holder's
PID for messages. A lock file is opened without following a symbolic link and must be a
regular file: a link planted at `<db>.watcher.lock` never makes Atende write elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from app.core.storage.errors import UnwritableDatabaseError
from app.i18n import _
from app.paths import data_dir, is_database_url, masked, normalized_url

# Never follow a link, never wait on a FIFO (both flags are 0 where the system lacks them).
_SAFE_OPEN = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class LockFileError(UnwritableDatabaseError):
    """The lock file is a link, a folder or a device: refused, nothing written to it."""


def lock_base(location: Path | str) -> Path:
    """Where a database's lock files go: beside a SQLite file; for a PostgreSQL URL, in
    this computer's data folder, named from the URL without its password (one window per
    server on each computer; the desks' watchers need no lock, see closing.close_due). The
    spellings `postgres://` and `postgresql://` of one server name the same lock."""
    if is_database_url(location):
        name = masked(normalized_url(str(location)))
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
        return data_dir() / f"server-{digest}"
    return Path(location)


def app_lock_path(db_path: Path | str) -> Path:
    base = lock_base(db_path)
    return base.with_name(base.name + ".app.lock")


def watcher_lock_path(db_path: Path | str) -> Path:
    base = lock_base(db_path)
    return base.with_name(base.name + ".watcher.lock")


def use_lock_path(db_path: Path | str) -> Path:
    """Held shared by every command using the database, exclusively by a restore: a restore
    never swaps the file under `atende import` (or any command) that has it open."""
    base = lock_base(db_path)
    return base.with_name(base.name + ".use.lock")


class FileLock:
    """An exclusive lock, or with `shared=True` one that any number of holders share and
    only an exclusive holder excludes (on Windows a shared lock is not taken)."""

    def __init__(self, path: Path, *, shared: bool = False) -> None:
        self.path = Path(path)
        self.shared = shared
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(self.path, os.O_RDWR | os.O_CREAT)
        try:
            _lock(fd, self.shared)
        except OSError:
            os.close(fd)
            return False
        if not self.shared:
            os.ftruncate(fd, 0)  # only now that the lock is ours
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
            fd = open_regular(self.path, os.O_RDONLY)
        except (OSError, LockFileError):
            return None
        try:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
        finally:
            os.close(fd)
        return int(text) if text.isdigit() else None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def open_regular(path: Path, flags: int) -> int:
    """A descriptor on the regular file `path` (created 0644 with O_CREAT), never through a
    symbolic link; LockFileError for a link, a folder, a FIFO or a device."""
    try:
        fd = os.open(path, flags | _SAFE_OPEN, 0o644)
    except OSError as exc:
        if os.path.islink(path) or os.path.isdir(path):
            raise LockFileError(_unsafe_message(path)) from exc
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockFileError(_unsafe_message(path))
    return fd


def _unsafe_message(path: Path) -> str:
    return _(
        "The lock file {path} is not a regular file (a link, a folder or a device): Atende "
        "will not write to it. Delete it and try again."
    ).format(path=path)


if sys.platform.startswith("win"):
    import msvcrt

    def _lock(fd: int, shared: bool = False) -> None:
        if not shared:  # msvcrt has no shared locks: restores there check the watcher only
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass  # a shared "lock" that was never taken

else:
    import fcntl

    def _lock(fd: int, shared: bool = False) -> None:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
