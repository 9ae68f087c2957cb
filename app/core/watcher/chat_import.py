"""`chats import` in bounded memory: chunks into a staging table, then one upsert (issue 19).

The lines are parsed and checked `CHUNK_LINES` at a time (`chats.parse_chunks`). While every
line so far is right, each chunk's rows go into a temporary table (`STAGING`) inside the
import's transaction; at the end one INSERT … SELECT … ON CONFLICT moves them all into
`chat`, and the deadlines are stored as every chats writer stores them (the m007 triggers
for calendar time, `deadlines.fill_missing` for business hours) — the same statements
`upsert_chats` runs, so the same values.

All or nothing, and the order of what is told is the whole-file check's: from the first
wrong line on, nothing more is staged but every line is still checked, and the problems
(the first `MAX_PROBLEMS`, then how many more) raise `ValidationError` — the transaction
rolls back and `chat` was never touched. `target` (open the database, find the instance)
runs only when the first chunk is clean, so a file whose first chunk is wrong touches no
database; a `target` failure is raised only if the whole file is right (wrong lines are
told first, as before).

On SQLite the temporary table lives in the connection's temporary database: staging takes
no lock on the database file, so the watcher and the window keep working while a long file
is read; the write lock is taken by the final upsert only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import count
from typing import Any

from app.core.common.validation import Problem, ValidationError
from app.core.schedule.store import load_agenda
from app.core.storage.db import database
from app.core.storage.models import Chat, Instance
from app.core.watcher import deadlines
from app.core.watcher.chat_lines import text_lines
from app.core.watcher.chats import (
    CHUNK_LINES,
    FIELDS,
    INSTANT_FIELDS,
    MAX_PROBLEMS,
    ImportResult,
    capped,
    parse_chunks,
)
from app.core.watcher.temporary_rows import BIGINT, TEXT, temporary_rows
from app.i18n import format_number, ngettext

STAGING = "atende_chat_import"  # the rows of one import, then dropped
# The file order (new chats get their ids in it), then the fields as `chat` stores them.
COLUMNS = (("line", BIGINT), *((f, BIGINT if f in INSTANT_FIELDS else TEXT) for f in FIELDS))


def import_lines(
    lines: Iterable[str], target: Callable[[], Instance], size: int = CHUNK_LINES
) -> ImportResult:
    """Upsert the chats of a JSON Lines stream into `target()`'s instance, all or nothing."""
    problems: list[Problem] = []
    more = 0  # problems past MAX_PROBLEMS: counted, not kept
    failure: Exception | None = None
    with ExitStack() as stack:
        stage: Callable[[list[dict[str, Any]]], None] | None = None
        instance: Instance | None = None
        for rows, chunk_problems in parse_chunks(lines, size):
            room = MAX_PROBLEMS - len(problems)
            problems += chunk_problems[:room]
            more += len(chunk_problems[room:])
            if problems or failure is not None:
                continue
            if stage is None:
                try:
                    instance = target()
                except Exception as exc:  # noqa: BLE001 (told after the lines: see above)
                    failure = exc
                    continue
                stack.enter_context(database.atomic())
                stage = stack.enter_context(_staging())
            stage(rows)
        if problems:
            raise ValidationError(capped(problems, more))
        if failure is not None:
            raise failure
        if instance is None:  # no line at all: nothing staged, the instance still checked
            instance = target()
            stack.enter_context(database.atomic())
            stack.enter_context(_staging())
        return _upsert_staged(instance)


def import_chats(instance: Instance, text: str) -> ImportResult:
    """The JSON Lines `text` already in memory, imported into `instance` like a file."""
    return import_lines(text_lines(text), lambda: instance)


@contextmanager
def _staging() -> Iterator[Callable[[list[dict[str, Any]]], None]]:
    """The staging table for one import; yields the function that adds a chunk's rows."""
    instants = [(f, getattr(Chat, f)) for f in INSTANT_FIELDS]
    counter = count(1)  # file order: new chats get their ids in that order
    with temporary_rows(STAGING, COLUMNS) as insert:

        def add(rows: list[dict[str, Any]]) -> None:
            for row in rows:
                for name, field in instants:
                    row[name] = field.db_value(row[name])
            insert([(next(counter), *(row[f] for f in FIELDS)) for row in rows])

        yield add


def _upsert_staged(instance: Instance) -> ImportResult:
    """One INSERT … SELECT … ON CONFLICT from the staging table, then the deadlines."""
    fields = ", ".join(FIELDS)
    updates = ", ".join(f"{f} = excluded.{f}" for f in FIELDS if f != "external_id")
    chats = Chat.select().where(Chat.instance == instance)
    before = chats.count()
    database.execute_sql(
        f"INSERT INTO chat (instance_id, {fields})"  # noqa: S608 (fixed names)
        f" SELECT {database.param}, {fields} FROM {STAGING} WHERE true ORDER BY line"
        f" ON CONFLICT (instance_id, external_id) DO UPDATE SET {updates}",
        [instance.id],
    )
    staged = database.execute_sql(f"SELECT COUNT(*) FROM {STAGING}").fetchone()[0]  # noqa: S608
    created = chats.count() - before
    deadlines.fill_missing(instance, load_agenda)  # business hours (calendar: triggers)
    return ImportResult(created, staged - created)


def import_summary(result: ImportResult) -> str:
    """ "3 atendimentos importados (novos: 2; atualizados: 1)": the command's and the
    window's words."""
    return ngettext(
        "{count} chat imported ({created} new, {updated} updated)",
        "{count} chats imported ({created} new, {updated} updated)",
        result.total,
    ).format(
        count=format_number(result.total),
        created=format_number(result.created),
        updated=format_number(result.updated),
    )
