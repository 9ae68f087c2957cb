"""What importing a chats file would do, before anything is written (Arquivo → Importar
atendimentos…): how many chats are new, how many update one already stored, or the
problems with their lines (the first `MAX_PROBLEMS`, as the import tells them). The file is
read and checked a chunk at a time like the import (`chat_lines`, `chats.parse_chunks`);
the import itself stays `chat_import.import_lines` (all or nothing, it checks again): this
module only reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from peewee import chunked

from app.core.common.files import FILE_PATH
from app.core.common.validation import Problem, ValidationError
from app.core.storage.models import Chat, Instance
from app.core.watcher.chat_lines import file_lines, text_lines
from app.core.watcher.chats import MAX_PROBLEMS, capped, parse_chunks
from app.i18n import N_, _

_LINE_PATH = re.compile(r"linha (\d+)(?:\.(.+))?")  # chats.LINE, then a field maybe
FIELD_WORDS = {
    "external_id": N_("Attendance id"),
    "customer_name": N_("Customer name"),
    "phone": N_("Phone"),
    "protocol": N_("Protocol"),
    "status": N_("Status"),
    "handler": N_("Handled by"),
    "assigned_via": N_("Assigned via"),
    "operator_name": N_("Operator"),
    "last_customer_message_at": N_("Last customer message"),
    "last_agent_message_at": N_("Last attendant message"),
    "closed_at": N_("Closed at"),
    "closed_by": N_("Closed by"),
    "close_reason": N_("Reason for closing"),
}
LOOKUP_BATCH = 500  # external ids per IN (…): far below any database's limit of parameters


@dataclass(frozen=True)
class ChatsPreview:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated


def preview_lines(instance: Instance | int, lines: Iterable[str]) -> ChatsPreview:
    """Validate a JSON Lines stream for `instance` and count what importing it changes, a
    chunk at a time (`chats.parse_chunks`: bounded memory, the import's own checks)."""
    problems: list[Problem] = []
    more = created = updated = 0
    for rows, chunk_problems in parse_chunks(lines):
        room = MAX_PROBLEMS - len(problems)
        problems += chunk_problems[:room]
        more += len(chunk_problems[room:])
        if problems:  # nothing will be imported: only the problems are worth counting
            continue
        stored = _stored(instance, [row["external_id"] for row in rows])
        created, updated = created + len(rows) - stored, updated + stored
    if problems:
        return ChatsPreview(problems=capped(problems, more))
    return ChatsPreview(created=created, updated=updated)


def _stored(instance: Instance | int, ids: list[str]) -> int:
    """How many of `ids` the instance already has (one query per `LOOKUP_BATCH`)."""
    stored = 0
    for batch in chunked(ids, LOOKUP_BATCH):
        query = Chat.select().where((Chat.instance == instance) & Chat.external_id.in_(batch))
        stored += query.count()
    return stored


def preview_chats(instance: Instance | int, text: str) -> ChatsPreview:
    return preview_lines(instance, text_lines(text))


def preview_file(instance: Instance | int, path: str) -> ChatsPreview:
    """The same for the file at `path`, read a block at a time (`chat_lines.file_lines`)."""
    lines, problems = file_lines(path)
    if lines is None:
        return ChatsPreview(problems=problems)
    try:
        return preview_lines(instance, lines)
    except ValidationError as exc:  # a byte that is not UTF-8, told alone at its position
        return ChatsPreview(problems=exc.problems)


def describe_chat_path(path: str) -> str:
    """A chats file's problem path in words for the window: `linha 3.phone` → "Line 3 →
    Phone"; an unknown key stays quoted. The CLI keeps printing the path itself."""
    found = _LINE_PATH.fullmatch(path)
    if found is None:
        return _("The file") if path == FILE_PATH else path
    line = _("Line {number}").format(number=found.group(1))
    key = found.group(2)
    if key is None:
        return line
    words = _(FIELD_WORDS[key]) if key in FIELD_WORDS else f"“{key}”"
    return f"{line} → {words}"
