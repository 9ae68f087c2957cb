"""What the Histórico page (and anyone browsing the audit log) can filter by.

Declared once: each filter's key, translatable label and the event kinds it keeps; the text
search ignores case and accents ("sao" finds "São"), done in SQL (`text_search`: a LIKE
pre-filter, then a fold) — so a long history is never loaded whole. It looks at the summary
and the chat's id, and finds the events about a chat whose customer matches by name, phone
or protocol (`chat_search`, a subquery on the chats: "joao" finds João Pereira's closings).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, cast

from peewee import Expression, Tuple, fn

from app.core.audit import history
from app.core.common.keyset import Keyset
from app.core.storage.models import Chat, HistoryEvent, Instance
from app.core.storage.text_search import contains_folded, fold
from app.core.watcher.chat_search import customer_condition
from app.i18n import N_


@dataclass(frozen=True)
class HistoryFilter:
    key: str
    label: str  # N_()-marked
    kinds: tuple[str, ...] | None  # None: every kind


FILTERS = (
    HistoryFilter("all", N_("All"), None),
    # Creating or editing the instance itself is configuration too, for the person reading.
    HistoryFilter("config", N_("Configuration"), (history.KIND_CONFIG, history.KIND_INSTANCE)),
    HistoryFilter(
        "auto_close",
        N_("Automatic closings"),
        (history.KIND_AUTO_CLOSE, history.KIND_AUTO_CLOSE_WARNING, history.KIND_PLATFORM),
    ),
)

KIND_LABELS = {
    history.KIND_CONFIG: N_("Configuration"),
    history.KIND_AUTO_CLOSE: N_("Automatic closing"),
    history.KIND_AUTO_CLOSE_WARNING: N_("Closing warning"),
    history.KIND_PLATFORM: N_("Chatwoot"),
    history.KIND_INSTANCE: N_("Instance"),
}


class ListedEvent(NamedTuple):
    """What a list of events shows (the details are read for the selected event only)."""

    id: int
    at_ms: int  # epoch ms, as stored (converted when shown: only the rows on screen)
    kind: str
    summary: str
    chat_external_id: str | None
    keyset_0: int
    keyset_1: int


LIST_COLUMNS = (
    HistoryEvent.id,
    HistoryEvent.at,
    HistoryEvent.kind,
    HistoryEvent.summary,
    HistoryEvent.chat_external_id,
)


def search(instance: Instance | None, filter_key: str = "all", text: str = ""):
    """Events of `instance` (all instances when None) newest first, filtered (a query)."""
    return listing(instance, filter_key, text).ordered()


def listing(
    instance: Instance | None, filter_key: str = "all", text: str = "", light: bool = False
) -> Keyset:
    """The same events paged by key: newest first by (at, id), on the index
    `history_event_instance_at` (SQLite adds the rowid to every index; m009 gives
    PostgreSQL the id column). `light`: rows are `ListedEvent`s (no details, raw values),
    for a list that reads the full event of the selected row only."""
    spec = next(f for f in FILTERS if f.key == filter_key)
    query = history.events(instance).order_by()
    if light:
        query = query.select(*LIST_COLUMNS)
    if spec.kinds is not None:
        query = query.where(HistoryEvent.kind.in_(spec.kinds))
    needle = fold(text).strip()
    if needle:
        haystack = (
            fn.COALESCE(HistoryEvent.summary, "")
            .concat(" ")
            .concat(fn.COALESCE(HistoryEvent.chat_external_id, ""))
        )
        matches = contains_folded(haystack, needle)
        # Or the event is about a chat whose customer matches (name, phone, protocol). The
        # chats are asked first (one pass over them): a search of the summaries only ("agenda")
        # then scans the history without a lookup per event.
        customers = Chat.select(Chat.external_id).where(customer_condition(text))
        if instance is not None:
            customers = customers.where(Chat.instance == instance)
        if customers.exists():
            if instance is not None:
                about = HistoryEvent.chat_external_id.in_(customers)
            else:
                pairs = customers.select(Chat.instance, Chat.external_id)
                about = Tuple(HistoryEvent.instance, HistoryEvent.chat_external_id).in_(pairs)
            matches = matches | about
        query = query.where(matches)
    keys = cast(tuple[Expression, ...], (HistoryEvent.at, HistoryEvent.id))
    return Keyset(query, keys, descending=True, raw=ListedEvent if light else None)
