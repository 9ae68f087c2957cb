"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from app.core.common.validation import Problem
from app.i18n import _

FILE_PATH = "arquivo"  # the path of problems about the file itself (SPEC §9)


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write UTF-8 `text` to `path` like write_bytes_atomic."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and one rename.

    The old file (if any) stays whole until the new one is complete on disk. Raises OSError
    (the temporary file removed) when the folder or the disk refuses.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or the usual ones for a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def restrict_to_owner(path: Path | str) -> None:
    """Make a database file (and SQLite's -wal/-shm beside it) readable by its owner only:
    it may hold a connection's access token. Files that do not exist are skipped."""
    for name in (str(path), f"{path}-wal", f"{path}-shm"):
        try:
            os.chmod(name, 0o600)
        except FileNotFoundError:
            pass


def read_text(path: Path | str) -> tuple[str | None, list[Problem]]:
    """The UTF-8 text of a file the user chose (a BOM is allowed), or an `arquivo` problem
    saying why not: unreadable, UTF-16, or another encoding (with the byte position)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                FILE_PATH,
                _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc),
            )
        ]
    return decode_text(data, str(path))


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """`data` as UTF-8 text, or the `arquivo` problem naming `path` (see `read_text`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                FILE_PATH,
                _("{path} is UTF-16 text; save it as UTF-8 and try again").format(path=path),
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [
            Problem(
                FILE_PATH,
                _(
                    "{path} is not UTF-8 text (byte {position}); save it as UTF-8 and try again"
                ).format(path=path, position=exc.start),
            )
        ]


def safe_file_name(name: str, fallback: str = "atende") -> str:
    """A file name made from free text (an instance name): no folders, no dots in front,
    only letters, digits and dashes — "../Loja Centro/" → "loja-centro"."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or fallback
