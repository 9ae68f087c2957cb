"""What can go wrong with the database, told in Portuguese; Peewee-free.

The window imports these before its first frame (the start-up checks, the crash dialog)
and opens the database itself only afterwards; `app.core.storage.db` re-exports them.
"""

from __future__ import annotations

import os
from pathlib import Path

from app.core.common.files import os_error_text
from app.i18n import _


class DatabaseOpenError(Exception):
    """The database cannot be used; `str()` is a Portuguese message with what to do."""


class CorruptDatabaseError(DatabaseOpenError):
    pass


class NewerSchemaError(DatabaseOpenError):
    pass


class UnwritableDatabaseError(DatabaseOpenError):
    pass


def check_writable(path: Path) -> None:
    """The database needs its folder writable (SQLite keeps its WAL beside the file)."""
    path = Path(path)
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise UnwritableDatabaseError(read_only_folder_message(folder))
    if path.is_file() and not os.access(path, os.W_OK):
        raise UnwritableDatabaseError(
            _(
                "The database file {path} is read-only: allow writing to it, or copy it to "
                "another folder and open the copy with --db."
            ).format(path=path)
        )


def read_only_folder_message(folder: Path) -> str:
    return _(
        "The folder {folder} does not allow writing, and Atende needs to write its database "
        "there. Allow writing to the folder, or open a database in another folder with --db."
    ).format(folder=folder)


def storage_failure_message(exc: BaseException) -> str | None:
    """A Portuguese explanation when `exc` is the disk or the database refusing a write.

    Used by the CLI and the GUI after a rolled-back transaction; None for other errors.
    The whole chain is read: when SQLite gives up a transaction by itself (a full disk),
    Peewee's own rollback then fails with "no transaction is active", hiding the cause.
    """
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in chain:
        chain.append(link)
        link = link.__cause__ or link.__context__
    for link in chain:
        message = _storage_failure(str(link).lower())
        if message is not None:
            return message
    return None


def _storage_failure(text: str) -> str | None:
    if "full" in text and ("disk" in text or "database" in text):
        return _("The disk is full: nothing was saved. Free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return _(
            "The database cannot be written (read-only file or folder): nothing was "
            "saved. Check the folder's permissions."
        )
    if "locked" in text or "busy" in text:
        return _(
            "The database is busy in another program: nothing was saved. Try again in a moment."
        )
    if "malformed" in text or "not a database" in text or "disk i/o" in text:
        return _(
            "The database is damaged and could not be written: nothing was saved. "
            "Restore a backup (File → Restore backup)."
        )
    return None


def error_text(exc: BaseException) -> str:
    """A short Portuguese reason for a file or database error, for `…: {error}` messages
    (the system's and SQLite's own texts are English)."""
    if isinstance(exc, OSError):
        return os_error_text(exc)
    text = str(exc).lower()
    if "full" in text:
        return _("the disk is full")
    if "readonly" in text or "read-only" in text:
        return _("the disk or folder is read-only")
    if "locked" in text or "busy" in text:
        return _("it is in use by another program")
    if "not a database" in text or "malformed" in text:
        return _("the file is damaged")
    return _("the database engine refused ({kind})").format(kind=type(exc).__name__)
