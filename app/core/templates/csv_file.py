"""CSV import and export of Mensagens predefinidas (spreadsheets: Excel, LibreOffice, Sheets).

Decisions (also in docs/templates.md):
- Columns `título;atalho;categoria;conteúdo` (export), in any order on import; the English
  names `title;shortcut;category;content` are accepted too, accents and case ignored.
  `categoria` may be left out; an unknown or repeated column is an error.
- Export writes UTF-8 with a BOM, `;` separated, CRLF, shortcuts in order — what Excel in
  Brazil opens directly; a cell a spreadsheet would run as a formula gets a leading `'`.
- Import takes UTF-8 with or without BOM, UTF-16 with BOM (not UTF-32, not UTF-16 without
  it), and `;`, `,` or tab, sniffed from the header line; it removes the formula mark.
- A file that is not UTF-8 but decodes as Windows-1252 (what Excel on Windows writes for
  "CSV separado por ponto e vírgula") is accepted with a warning, because refusing it would
  leave most Excel users stuck; anything else that is not text is refused.
- An existing shortcut is updated with the file's title, category and content; new shortcuts
  are created; templates absent from the file are kept. All or nothing: one bad line and
  nothing is saved, every error reported as `linha N: campo: mensagem`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from app.core.audit import history
from app.core.common.clock import Clock
from app.core.common.files import wide_encoding, wide_text_problem
from app.core.common.spreadsheet import protect_cell, unprotect_cell
from app.core.common.text import fold
from app.core.common.validation import Problem, ValidationError, errors
from app.core.config import versioning
from app.core.storage.db import database
from app.core.storage.models import Instance, Template
from app.core.templates.fields import FIELDS, clean_template
from app.core.templates.store import SECTION_KEY, list_rows
from app.i18n import N_, _, format_number

FILE = "arquivo"
HEADER = ("título", "atalho", "categoria", "conteúdo")  # the export's header, in FIELDS order
# A header cell (folded: no accents, lower case) → its column, in English or Portuguese.
_PORTUGUESE = {
    "title": "titulo",
    "shortcut": "atalho",
    "category": "categoria",
    "content": "conteudo",
}
_NAMES = {**{name: name for name in _PORTUGUESE}, **{pt: n for n, pt in _PORTUGUESE.items()}}
REQUIRED = ("title", "shortcut", "content")
LABELS = {
    "title": N_("title"),
    "shortcut": N_("shortcut"),
    "category": N_("category"),
    "content": N_("content"),
}
DELIMITERS = (";", ",", "\t")


@dataclass
class CsvImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)


def _line(n: int, column: str | None = None) -> str:
    where = _("line {n}").format(n=n)
    return f"{where}: {_(LABELS[column])}" if column else where


def decode(data: bytes) -> tuple[str | None, list[Problem]]:
    """The file's text, with a warning when it was read as Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and wide_encoding(data) == "UTF-16":
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Problem(FILE, _("damaged UTF-16 text"))]
    if wide := wide_encoding(data):  # UTF-32, or UTF-16 without its BOM
        return None, [wide_text_problem(_("the file"), wide)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        return None, [
            Problem(
                FILE,
                _(
                    "this is not a CSV text file (an .xlsx or other binary "
                    "file?); save it as CSV and try again"
                ),
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, [
            Problem(
                FILE,
                _(
                    "not UTF-8 nor Windows-1252 text (byte {position}); "
                    "save it as “CSV UTF-8” and try again"
                ).format(position=position),
            )
        ]
    return text, [
        Problem(
            FILE,
            _(
                "the file is not UTF-8; it was read as Windows-1252 (Excel's "
                "default on Windows). Check the accents of what was "
                "imported."
            ),
            warning=True,
        )
    ]


def _sniff(first_line: str) -> str:
    """The delimiter that splits the header into the most known column names."""

    def known(delimiter: str) -> int:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(fold(c.strip()) in _NAMES for c in cells)

    return max(DELIMITERS, key=known)


def _read_header(cells: list[str]) -> tuple[list[str | None], list[Problem]]:
    columns: list[str | None] = []
    problems: list[Problem] = []
    expected = ";".join(HEADER)
    if not any(fold(cell.strip()) in _NAMES for cell in cells):
        return [], [
            Problem(
                _line(1),
                _("the first line must be the header {expected} (found “{found}”)").format(
                    expected=expected, found=";".join(cells)
                ),
            )
        ]
    for cell in cells:
        name = _NAMES.get(fold(cell.strip()))
        if name is None and cell.strip():
            problems.append(
                Problem(
                    _line(1),
                    _("unknown column “{name}”; use {expected}").format(
                        name=cell.strip(), expected=expected
                    ),
                )
            )
        elif name is not None and name in columns:
            problems.append(
                Problem(_line(1), _("the column “{name}” appears twice").format(name=cell.strip()))
            )
        columns.append(name)
    for name in REQUIRED:
        if name not in columns:
            problems.append(
                Problem(
                    _line(1),
                    _("the column “{name}” is missing; use {expected}").format(
                        name=_(LABELS[name]), expected=expected
                    ),
                )
            )
    return columns, problems


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return _("malformed CSV: a quoted cell is never closed")
    if "field larger than field limit" in text:
        return _("malformed CSV: a cell is longer than {limit} characters").format(
            limit=format_number(csv.field_size_limit())
        )
    if "expected after" in text:
        return _("malformed CSV: text right after a closing quote; quote the whole cell")
    return _("malformed CSV: {error}").format(error=text)


def read_csv(data: bytes) -> tuple[list[tuple[int, dict[str, Any]]], list[Problem]]:
    """(line number, clean template) of each row, and every problem of the file."""
    text, problems = decode(data)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(FILE, _("the file is empty"))]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff(text.splitlines()[0]), strict=True
    )
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    try:
        columns, header_problems = _read_header(next(reader))
        problems += header_problems
        if header_problems:
            return [], problems
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(columns):
                problems.append(
                    Problem(
                        _line(line),
                        _("expected {expected} columns, found {found}").format(
                            expected=len(columns), found=len(cells)
                        ),
                    )
                )
                continue
            pairs = zip(columns, map(unprotect_cell, cells), strict=True)
            values: dict[str, str | None] = {name: cell for name, cell in pairs if name}
            if not (values.get("category") or "").strip():
                values["category"] = None
            found, clean = clean_template(values)
            problems += [Problem(_line(line, p.path), p.message) for p in found]
            shortcut = clean["shortcut"]
            if shortcut in seen:
                problems.append(
                    Problem(
                        _line(line, "shortcut"),
                        _("repeats the shortcut of line {n}").format(n=seen[shortcut]),
                    )
                )
            elif shortcut:
                seen[shortcut] = line
            if not found:
                rows.append((line, clean))
    except csv.Error as exc:
        problems.append(Problem(_line(reader.line_num), _csv_error(exc)))
    if not rows and not errors(problems):
        problems.append(Problem(FILE, _("the file has no predefined messages, only the header")))
    return rows, problems


def import_csv(instance: Instance, data: bytes, clock: Clock) -> CsvImportResult:
    """Validate the whole file, then create or update its templates in one transaction."""
    rows, problems = read_csv(data)
    if errors(problems):
        raise ValidationError(problems)
    result = CsvImportResult(warnings=[p for p in problems if p.warning])
    existing = {row.shortcut: row for row in list_rows(instance.id)}
    spelling = {fold(row.category): row.category for row in existing.values() if row.category}
    now = clock.now()
    new_rows: list[dict[str, Any]] = []
    changed: list[Template] = []
    for _line_number, clean in rows:
        if clean["category"] is not None:
            clean["category"] = spelling.setdefault(fold(clean["category"]), clean["category"])
        old = existing.get(clean["shortcut"])
        if old is None:
            new_rows.append(
                {**clean, "instance": instance.id, "created_at": now, "updated_at": now}
            )
        elif any(getattr(old, key) != clean[key] for key in FIELDS):
            changed.append(Template(id=old.id, updated_at=now, **clean))
        else:
            result.unchanged += 1
    result.created, result.updated = len(new_rows), len(changed)
    with database.atomic():
        if new_rows or changed:
            versioning.claim(instance)
        for start in range(0, len(new_rows), 500):
            Template.insert_many(new_rows[start : start + 500]).execute()
        if changed:
            Template.bulk_update(
                changed,
                fields=[Template.title, Template.category, Template.content, Template.updated_at],
                batch_size=200,
            )
        if new_rows or changed:
            history.record(
                instance,
                now,
                history.KIND_CONFIG,
                SECTION_KEY,
                _("Predefined messages imported from CSV: {created} new, {updated} updated").format(
                    created=result.created, updated=result.updated
                ),
                {"created": result.created, "updated": result.updated},
            )
    return result


def export_csv(instance_id: int) -> bytes:
    """UTF-8 with BOM, `;` separated, CRLF: Excel in Brazil opens it as is."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    rows = ((r.title, r.shortcut, r.category or "", r.content) for r in list_rows(instance_id))
    writer.writerows([protect_cell(cell) for cell in cells] for cells in rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
