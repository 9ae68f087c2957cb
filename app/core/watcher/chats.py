"""Chats (attendances) of an instance: the JSON Lines format of SPEC §6/§9, import, listing.

A chats file has one JSON object per line with the fields of SPEC §6 (`FIELDS`, also the
JSON names of `chat_as_json`). `external_id`, `status` and `handler` are required; the
others may be absent or null. Each line is the whole state of the chat: importing upserts by
(instance, external_id), and a field absent from the line becomes null.

Validation is strict so mistakes cannot silently keep a chat from ever closing: unknown keys
(a typo like `last_agent_msg_at`), timestamps without a UTC offset, `assigned_via` on a
bot-handled chat, or closing fields on an open chat are errors. A file is parsed and checked
`CHUNK_LINES` at a time (`parse_chunks`; the streaming import is `chat_import`) and written
in one transaction only if every line is right (all or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import islice
from typing import Any

from peewee import chunked

from app.core.common.clock import format_instant, parse_instant
from app.core.common.json_text import parse_json
from app.core.common.validation import Problem, first_unprintable, join_path, too_long
from app.core.instances.phones import normalize_phone
from app.core.schedule.store import load_agenda
from app.core.storage.db import database
from app.core.storage.models import Chat, Instance
from app.core.watcher import deadlines
from app.core.watcher.chat_lines import SeenIds, text_lines
from app.core.watcher.chat_query import chats_query as chats_query  # the chats API, here too
from app.core.watcher.chat_query import get_chat as get_chat
from app.core.watcher.temporary_rows import rows_per_statement
from app.i18n import N_, _, format_number, ngettext

FIELDS = (
    "external_id",
    "customer_name",
    "phone",
    "protocol",
    "status",
    "handler",
    "assigned_via",
    "operator_name",
    "last_customer_message_at",
    "last_agent_message_at",
    "closed_at",
    "closed_by",
    "close_reason",
)
REQUIRED = ("external_id", "status", "handler")
INSTANT_FIELDS = ("last_customer_message_at", "last_agent_message_at", "closed_at")
CLOSING_FIELDS = ("closed_at", "closed_by", "close_reason")
TEXT_LIMITS = {
    "external_id": 100,
    "customer_name": 120,
    "protocol": 60,
    "operator_name": 120,
    "close_reason": 500,
}
# Values, with the Portuguese labels the CLI and the Atendimentos page show.
CHOICES = {
    "status": {"open": N_("open"), "closed": N_("closed")},
    "handler": {"bot": N_("bot"), "human": N_("human")},
    "assigned_via": {
        "operator": N_("operator"),
        "chatbot": N_("chatbot"),
        "workflow": N_("workflow"),
    },
    "closed_by": {"auto": N_("automatically"), "agent": N_("by the agent")},
}
LINE = "linha {number}"  # path prefix of a problem on a line (Portuguese, like "arquivo")
MAX_PROBLEMS = 100  # a wholly wrong file would print thousands of lines
CHUNK_LINES = 5000  # lines parsed and validated at a time (issue 19: bounded memory)
_INTERNATIONAL = re.compile(r"\+[1-9][0-9]{7,14}")


def label(field: str, value: str | None) -> str:
    """The Portuguese label of a choice (`label("status", "open")` → "aberto"); "—" for null."""
    if value is None:
        return "—"
    return _(CHOICES[field].get(value, value))


@lru_cache(maxsize=1 << 16)  # ~25 µs a number: a big file repeats its customers' numbers
def _normalize_phone(text: str) -> str | None:
    """A Brazilian number in any common typing, or an international one in E.164."""
    brazilian = normalize_phone(text)
    if brazilian is not None:
        return brazilian
    compact = re.sub(r"[\s().-]", "", text)
    return compact if _INTERNATIONAL.fullmatch(compact) else None


def _clean_value(field: str, value: Any, path: str) -> tuple[Any, Problem | None]:
    if value is None:
        if field in REQUIRED:
            return None, Problem(path, _("must not be null"))
        return None, None
    if not isinstance(value, str):
        return None, Problem(path, _("must be text"))
    text = value.strip()
    if field in CHOICES:
        if text not in CHOICES[field]:
            known = ", ".join(CHOICES[field])
            return None, Problem(path, _("must be one of: {values}").format(values=known))
        return text, None
    if field in INSTANT_FIELDS:
        try:
            return parse_instant(text), None
        except ValueError as exc:
            return None, Problem(path, str(exc))
    if field == "phone":
        if not text:
            return None, None
        phone = _normalize_phone(text)
        if phone is None:
            return None, Problem(path, _("not a valid phone number; example: +5511987654321"))
        return phone, None
    if not text and field == "external_id":
        return None, Problem(path, _("must not be empty"))
    limit = TEXT_LIMITS[field]
    if len(text) > limit:
        return None, Problem(path, too_long(limit))
    position = first_unprintable(text, allowed="\n\t" if field == "close_reason" else "")
    if position is not None:
        return None, Problem(
            path,
            _("Remove the invisible control character at position {position}.").format(
                position=position + 1
            ),
        )
    return text or None, None


def validate_chat(data: Any, path: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One chat object → (the row's values, problems); each problem's path names the field."""
    if not isinstance(data, dict):
        return None, [Problem(path, _("must be a JSON object"))]
    problems = [
        Problem(join_path(path, str(key)), _("unknown key")) for key in data if key not in FIELDS
    ]
    problems += [
        Problem(join_path(path, key), _("required key is missing"))
        for key in REQUIRED
        if key not in data
    ]
    row: dict[str, Any] = {}
    for field in FIELDS:
        if field not in data:
            row[field] = None
            continue
        row[field], problem = _clean_value(field, data[field], join_path(path, field))
        if problem is not None:
            problems.append(problem)
    if row["handler"] == "bot" and row["assigned_via"] is not None:
        problems.append(
            Problem(
                join_path(path, "assigned_via"),
                _("must be null for a chat handled by the bot (handler “bot”)"),
            )
        )
    if row["status"] == "open":
        problems += [
            Problem(join_path(path, field), _("must be null while the chat is open"))
            for field in CLOSING_FIELDS
            if row[field] is not None
        ]
    return (None if problems else row), problems


def parse_chats(text: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The whole JSON Lines text → (rows, problems), the problems capped (`capped`)."""
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for chunk_rows, chunk_problems in parse_chunks(text_lines(text)):
        rows += chunk_rows
        problems += chunk_problems
    return rows, capped(problems)


def parse_chunks(
    lines: Iterable[str], size: int = CHUNK_LINES
) -> Iterator[tuple[list[dict[str, Any]], list[Problem]]]:
    """JSON Lines → (rows, problems) for each `size` lines in turn; blank lines are skipped.

    A line that is not JSON is reported at `arquivo` with its line and column; a wrong
    field at `linha N.campo`; an external id used twice at the second line (a later chunk
    too: `SeenIds`). The problems are not capped.
    """
    seen = SeenIds()
    numbered = enumerate(lines, start=1)
    try:
        while batch := list(islice(numbered, size)):
            yield _parse_batch(batch, seen)
    finally:
        seen.close()


def _parse_batch(
    batch: list[tuple[int, str]], seen: SeenIds
) -> tuple[list[dict[str, Any]], list[Problem]]:
    parsed: list[tuple[int, dict[str, Any] | None, list[Problem], str | None]] = []
    for number, line in batch:
        if not line.strip():
            continue
        path = LINE.format(number=number)
        data, problems = parse_json(line, line=number, root=path)
        if problems:
            parsed.append((number, None, problems, None))
            continue
        row, problems = validate_chat(data, path)
        external_id = data.get("external_id") if isinstance(data, dict) else None
        key = external_id.strip() if isinstance(external_id, str) else None
        parsed.append((number, row, problems, key or None))
    firsts = seen.first_lines((number, key) for number, _r, _p, key in parsed if key)
    rows: list[dict[str, Any]] = []
    problems = []
    for number, row, line_problems, key in parsed:
        problems += line_problems
        first = firsts[key] if key else number
        if first != number:
            problems.append(
                Problem(
                    join_path(LINE.format(number=number), "external_id"),
                    _("“{id}” already appears on line {line}").format(id=key, line=first),
                )
            )
        elif row is not None:
            rows.append(row)
    return rows, problems


def capped(problems: list[Problem], more: int = 0) -> list[Problem]:
    """The first `MAX_PROBLEMS`, then one line telling how many more (`more`: others not
    kept, only counted)."""
    rest = len(problems) - MAX_PROBLEMS + more
    if rest <= 0:
        return problems
    text = ngettext("… and {count} more error", "… and {count} more errors", rest)
    return problems[:MAX_PROBLEMS] + [Problem("arquivo", text.format(count=format_number(rest)))]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def _batch_size() -> int:
    return rows_per_statement(len(FIELDS) + 1)  # the fields and the instance


def upsert_chats(instance: Instance, rows: list[dict[str, Any]]) -> ImportResult:
    """Insert or replace the chats by (instance, external_id), set-based, one transaction.

    Their deadlines and warning moments are stored on the way (`deadlines`): another
    writer of chats (a sync) calls `deadlines.fill_missing` the same way.
    """
    updated_fields = [getattr(Chat, f) for f in FIELDS if f != "external_id"]
    with database.atomic():
        before = Chat.select().where(Chat.instance == instance).count()
        for batch in chunked(rows, _batch_size()):
            (
                Chat.insert_many([{**row, "instance": instance.id} for row in batch])
                .on_conflict(
                    conflict_target=[Chat.instance, Chat.external_id], preserve=updated_fields
                )
                .execute()
            )
        created = Chat.select().where(Chat.instance == instance).count() - before
        deadlines.fill_missing(instance, load_agenda)  # business hours (calendar: triggers)
    return ImportResult(created, len(rows) - created)


def chat_as_json(chat: Chat) -> dict[str, Any]:
    """The chat with exactly the SPEC field names; instants in UTC ISO 8601, null if unset."""
    data: dict[str, Any] = {}
    for field in FIELDS:
        value = getattr(chat, field)
        data[field] = format_instant(value) if isinstance(value, datetime) else value
    return data
