"""Chats whose stored data the watcher cannot use: skipped, logged and counted (issue 18).

Every input refuses instants outside 1970–2999 (SPEC §14), but a row written directly in
the database (an older desk, a hand edit) may still hold one, or on SQLite a value of the
wrong type (SQLite keeps what it is given): text where an instant belongs, bytes where text
belongs. Such a row once made the closing pass raise for every chat of every instance.

Now each closing pass first sets such rows aside (`skip_invalid`, in its transaction): they
lose their stored instants, so no pass closes or warns them and no wake is armed for them;
the pass logs which ones. A later write of the chat (a corrected import) computes its
instants again. Visão geral says how many of an instance's chats are set aside
(`count_invalid`), with what to do.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from peewee import Expression, fn

from app.core.common.clock import LATEST
from app.core.common.log_file import LOGGER_NAME
from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import AutoCloseSettings, Chat, Instance, to_millis
from app.core.watcher.due import awaiting_customer, with_settings
from app.i18n import format_number, ngettext

log = logging.getLogger(LOGGER_NAME)  # logs/atende.log once the app or command set it up

END_MS = to_millis(LATEST)  # an input instant is before this (`clock.check_range`)
# A stored deadline may lie past the last accepted message: the time limit and the
# business hours horizon (400 days) later.
STORED_END_MS = to_millis(LATEST.replace(year=LATEST.year + 2))
TEXT_COLUMNS = (
    Chat.external_id,
    Chat.customer_name,
    Chat.phone,
    Chat.protocol,
    Chat.assigned_via,
    Chat.operator_name,
)


def _outside(column: Any, end: int) -> Expression:
    """Set and not an instant in [1970, end): never NULL. On SQLite text and blobs sort
    after every number, so they are outside too."""
    return column.is_null(False) & ((column < 0) | (column >= end))


def invalid_data() -> Expression:
    """A chat no input of Atende would have written (never NULL, so NOT works too)."""
    bad = _outside(Chat.last_agent_message_at, END_MS) | _outside(
        Chat.last_customer_message_at, END_MS
    )
    if not dialect.is_postgres():  # PostgreSQL's columns hold only their own type
        for column in TEXT_COLUMNS:
            bad = bad | (fn.typeof(column) == "blob")
    return bad


def usable_start() -> Expression:
    """The last agent message is an instant a deadline can be computed from (business hours,
    `deadlines`); a condition on the indexed column alone, so that scan stays on the index."""
    return Chat.last_agent_message_at.between(0, END_MS - 1)


def _unusable(now_ms: int) -> Expression:
    """A chat a pass at `now_ms` would touch (an instant due, or stored off the calendar)
    whose data is invalid or whose instant is not one."""
    touched = (
        (Chat.deadline_at <= now_ms)
        | (Chat.deadline_at >= STORED_END_MS)
        | (Chat.warning_at <= now_ms)
        | (Chat.warning_at >= STORED_END_MS)
    )
    bad = (
        invalid_data()
        | _outside(Chat.deadline_at, STORED_END_MS)
        | _outside(Chat.warning_at, STORED_END_MS)
    )
    return touched & bad


def skip_invalid(now: datetime) -> int:
    """Inside a closing pass's transaction: clear the stored instants of the unusable chats
    (`_unusable`), log them, and return how many. Only ranges of the instants' partial
    indexes are read, so a pass costs no scan; the trigger of m007 does not run (the
    instants are not among the columns it watches)."""
    query = Chat.select(Chat.id, Chat.instance, Chat.external_id.coerce(False))
    # The raw cursor: (id, instance id, external id as stored, maybe bytes).
    rows: list[tuple[int, int, Any]] = list(
        database.execute(query.where(_unusable(to_millis(now))))
    )
    if not rows:
        return 0
    Chat.update({Chat.deadline_at: None, Chat.warning_at: None}).where(
        Chat.id.in_([row[0] for row in rows])
    ).execute()
    log.warning(
        "watcher skipped %d chat(s) with invalid data (instance id, external id): %s",
        len(rows),
        ", ".join(f"({instance}, {external!r})" for _id, instance, external in rows),
    )
    return len(rows)


def count_invalid(instance: Instance | int | None = None) -> dict[int, int]:
    """Per instance id, how many of its chats waiting on the customer the watcher sets aside
    while automatic closing is on (Visão geral, `atende check`); one query, of one instance
    or all."""
    query = (
        with_settings(Chat.select(Chat.instance, fn.COUNT(Chat.id)))
        .where(
            (AutoCloseSettings.enabled == True)  # noqa: E712 (SQL, not Python)
            & awaiting_customer()
            & invalid_data()
        )
        .group_by(Chat.instance)
    )
    if instance is not None:
        query = query.where(Chat.instance == instance)
    return {instance_id: count for instance_id, count in database.execute(query)}


def invalid_chats_message(count: int) -> str:
    """What to say of `count` chats set aside, and what to do about them."""
    return ngettext(
        "{count} attendance with invalid data was skipped by the watcher and will not be "
        "closed automatically: import it again with correct dates (atende chats import) "
        "or close it where it came from. The log (atende.log) says which one.",
        "{count} attendances with invalid data were skipped by the watcher and will not "
        "be closed automatically: import them again with correct dates (atende chats "
        "import) or close them where they came from. The log (atende.log) says which ones.",
        count,
    ).format(count=format_number(count))
