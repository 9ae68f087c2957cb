"""Writing files so that a crash or a full disk never leaves half a file behind, and reading
the files a user chose: regular files only, of a sane size, refusals told in Portuguese."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO

from app.core.common.validation import Problem
from app.i18n import N_, _

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
    data, problems = read_bytes(path)
    return (None, problems) if data is None else decode_text(data, str(path))


MAX_INPUT_BYTES = 64 * 1024 * 1024  # far above any real config, chats or CSV file


def read_bytes(
    path: Path | str, limit: int = MAX_INPUT_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file the user chose, or an `arquivo` problem: a folder, a
    device (`/dev/zero`), a pipe or a file over `limit` is refused before reading it."""
    stream, problems = open_regular(path)
    if stream is None:
        return None, problems
    try:
        with stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        return None, [cannot_read(path, exc)]
    return checked_size(data, str(path), limit)


def open_regular(path: Path | str) -> tuple[BinaryIO | None, list[Problem]]:
    """The file the user chose, open for reading, or the `arquivo` problem: it cannot be
    opened, or it is a folder, a device or a pipe (refused without reading)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        return None, [cannot_read(path, exc)]
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return os.fdopen(fd, "rb"), []
        message = _("{path} is not a regular file (a folder, a device or a pipe)")
        problem = Problem(FILE_PATH, message.format(path=path))
    except OSError as exc:
        problem = cannot_read(path, exc)
    os.close(fd)
    return None, [problem]


def checked_size(data: bytes, path: str, limit: int = MAX_INPUT_BYTES):
    """`data` (read up to `limit` + 1 bytes), or the problem that the file is too big."""
    if len(data) <= limit:
        return data, []
    return None, [too_big(path, limit)]


def too_big(path: Path | str, limit: int) -> Problem:
    message = _("{path} is larger than {size} MB, more than Atende reads; split it and try again")
    return Problem(FILE_PATH, message.format(path=path, size=limit // (1024 * 1024)))


def read_stdin(limit: int = MAX_INPUT_BYTES) -> tuple[bytes | None, list[Problem]]:
    """Standard input (`-`), at most `limit` bytes."""
    return checked_size(sys.stdin.buffer.read(limit + 1), "stdin", limit)


def cannot_read(path: Path | str, exc: OSError) -> Problem:
    return Problem(
        FILE_PATH, _("cannot read {path}: {error}").format(path=path, error=os_error_text(exc))
    )


# The system's refusals, in Portuguese (never the system's English `strerror`).
_OS_ERRORS = {
    errno.ENOENT: N_("the file does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk or folder is read-only"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EIO: N_("input/output error (a damaged disk or a lost network drive?)"),
    getattr(errno, "EDQUOT", errno.ENOSPC): N_("the disk is full"),
    errno.EEXIST: N_("it already exists"),
    errno.EBUSY: N_("it is in use by another program"),
}


def os_error_text(exc: OSError) -> str:
    """Why the system refused, in Portuguese."""
    text = _OS_ERRORS.get(exc.errno)  # type: ignore[arg-type]
    if text is not None:
        return _(text)
    return _("system error {number}").format(number=exc.errno if exc.errno is not None else "?")


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """`data` as UTF-8 text, or the `arquivo` problem naming `path` (see `read_text`)."""
    encoding = wide_encoding(data)
    if encoding is not None:
        return None, [wide_text_problem(path, encoding)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [not_utf8(path, exc.start)]


def not_utf8(path: str, position: int) -> Problem:
    message = _("{path} is not UTF-8 text (byte {position}); save it as UTF-8 and try again")
    return Problem(FILE_PATH, message.format(path=path, position=position))


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-32" or "UTF-16" when `data` is text in one of them, with or without a BOM (the
    first characters of a JSON or CSV file are ASCII, so their zero bytes tell), else None."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = data[:4]
    if len(head) < 4 or b"\x00" not in head:
        return None
    if head[1:] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00":
        return "UTF-32"
    if head[1::2] == b"\x00\x00" or head[::2] == b"\x00\x00":
        return "UTF-16"
    return None


def wide_text_problem(path: str, encoding: str) -> Problem:
    return Problem(
        FILE_PATH,
        _("{path} is {encoding} text; save it as UTF-8 and try again").format(
            path=path, encoding=encoding
        ),
    )


def safe_file_name(name: str, fallback: str = "atende") -> str:
    """A file name made from free text (an instance name): no folders, no dots in front,
    only letters, digits and dashes — "../Loja Centro/" → "loja-centro"."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or fallback
