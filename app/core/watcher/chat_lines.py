"""The lines of a chats file, read a block at a time, and the external ids already seen.

`chats import` streams (issue 19): the file is never held whole, so a million lines cost
what one block and one chunk of rows cost. What reading the whole file used to tell first
is told the same way:
- before any line: a path that cannot be read, is not a regular file or passes the size
  limit, and UTF-16/UTF-32 text (`file_lines` returns these problems, `files`' own);
- at the first byte that is not UTF-8: `ValidationError` with the byte's position in the
  file, alone, as decoding the whole file did (whatever the lines before it held).
Only "\n" ends a line (issue 18, item 6); a UTF-8 BOM is skipped.

`SeenIds` remembers each external id's first line in a private temporary SQLite database
(its pages spill to a temporary file), so duplicates across a million lines are found in
bounded memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from app.core.common.files import (
    FILE_PATH,
    cannot_read,
    not_utf8,
    open_regular,
    too_big,
    wide_encoding,
    wide_text_problem,
)
from app.core.common.validation import Problem, ValidationError
from app.i18n import _

BLOCK_BYTES = 1 << 20
# Streamed, so the cap is not memory: it only refuses what no shop's export reaches (a
# million lines are ≈ 320 MB). The config and CSV files, read whole, keep files' 64 MB.
MAX_CHATS_BYTES = 4 << 30
MAX_LINE_BYTES = 16 << 20  # a line is a few hundred bytes (a 5 MB name is told at its field)
SEEN_CACHE_KIB = -8192  # 8 MiB of pages in memory, the rest in the temporary file
LOOKUP_BATCH = 900  # bound variables per lookup, under SQLite's oldest limit (999)
BOM = b"\xef\xbb\xbf"


def text_lines(text: str) -> Iterator[str]:
    """The lines of a text already in memory, split on "\\n" only, without copying it whole."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def file_lines(
    path: str, limit: int = MAX_CHATS_BYTES
) -> tuple[Iterator[str] | None, list[Problem]]:
    """The lines of the UTF-8 file `path`, or the `arquivo` problem that stops it unread
    (`limit`: the size refused, told from the file's size without reading it)."""
    stream, problems = open_regular(path)
    if stream is None:
        return None, problems
    try:
        if os.fstat(stream.fileno()).st_size > limit:
            stream.close()
            return None, [too_big(path, limit)]
        first = stream.read(BLOCK_BYTES)
        while len(first) < len(BOM) + 1 and (more := stream.read(BLOCK_BYTES)):
            first += more  # the BOM and the first bytes `wide_encoding` looks at, whole
    except OSError as exc:
        stream.close()
        return None, [cannot_read(path, exc)]
    encoding = wide_encoding(first)
    if encoding is not None:
        stream.close()
        return None, [wide_text_problem(path, encoding)]
    return _decoded_lines(first, stream, path), []


def _decoded_lines(first: bytes, stream: BinaryIO, path: str) -> Iterator[str]:
    with stream:
        offset = 0  # of `pending`'s first byte, counted after the BOM
        number = 1  # of the line `pending` starts
        pending, block = b"", first[len(BOM) :] if first.startswith(BOM) else first
        while block:
            *complete, pending = (pending + block).split(b"\n")
            for raw in complete:
                yield _decode(raw, offset, path)
                offset += len(raw) + 1
                number += 1
            if len(pending) > MAX_LINE_BYTES:
                message = _("line {line} of {path} is longer than {size} MB; is it a chats file?")
                size = MAX_LINE_BYTES // (1024 * 1024)
                problem = Problem(FILE_PATH, message.format(line=number, path=path, size=size))
                raise ValidationError([problem])
            block = stream.read(BLOCK_BYTES)
        yield _decode(pending, offset, path)


def _decode(raw: bytes, offset: int, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError([not_utf8(path, offset + exc.start)]) from None


class SeenIds:
    """External id → the line it first appeared on, for a whole file, in bounded memory."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": private, on disk only past its page cache
        self._db.execute(f"PRAGMA cache_size = {SEEN_CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def first_lines(self, ids: Iterable[tuple[int, str]]) -> dict[str, int]:
        """Record (line, id) pairs given in file order; each id's first line in the file."""
        pairs = [(external_id, line) for line, external_id in ids]
        self._db.executemany("INSERT OR IGNORE INTO seen (id, line) VALUES (?, ?)", pairs)
        firsts: dict[str, int] = {}
        for start in range(0, len(pairs), LOOKUP_BATCH):
            wanted = [external_id for external_id, _line in pairs[start : start + LOOKUP_BATCH]]
            marks = ", ".join("?" * len(wanted))
            query = f"SELECT id, line FROM seen WHERE id IN ({marks})"  # noqa: S608 (marks)
            firsts.update(self._db.execute(query, wanted).fetchall())
        return firsts

    def close(self) -> None:
        self._db.close()
