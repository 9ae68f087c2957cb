"""What importing a chats file would do, before anything is written (Arquivo → Importar
atendimentos…): how many chats are new, how many update one already stored, or every
problem with its line. The import itself stays `chats.import_chats` (all or nothing, it
validates again): this module only reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peewee import chunked

from app.core.common.files import FILE_PATH
from app.core.common.validation import Problem
from app.core.storage.models import Chat, Instance
from app.core.watcher.chats import parse_chats
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


def preview_chats(instance: Instance | int, text: str) -> ChatsPreview:
    """Validate the JSON Lines `text` for `instance` and count what importing it changes."""
    rows, problems = parse_chats(text)
    if problems:
        return ChatsPreview(problems=problems)
    ids = [row["external_id"] for row in rows]
    stored = 0
    for batch in chunked(ids, LOOKUP_BATCH):
        stored += (
            Chat.select().where((Chat.instance == instance) & Chat.external_id.in_(batch)).count()
        )
    return ChatsPreview(created=len(ids) - stored, updated=stored)


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
