"""What the Histórico page (and anyone browsing the audit log) can filter by.

Declared once: each filter's key, translatable label and the event kinds it keeps; the text
search ignores case and accents ("sao" finds "São"), done in SQL — a LIKE pre-filter, then a
fold (`dialect.accent_fold`: this module's `fold` registered on SQLite, `translate(lower())` on
PostgreSQL) — so a long history is never loaded whole.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import NamedTuple, cast

from peewee import SQL, Expression, NodeList, fn

from app.core.audit import history
from app.core.common.keyset import Keyset
from app.core.storage import dialect
from app.core.storage.models import HistoryEvent, Instance
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

# Letters that have accented forms in Portuguese (and Spanish): in the SQL pre-filter each
# becomes LIKE's one-character wildcard, so "sao" also lets "São" through.
_ACCENTABLE = set("aeioucny")


def fold(text: str | None) -> str:
    """Lower case without accents: "São Paulo" → "sao paulo"."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _prefilter_pattern(needle: str) -> str:
    """A LIKE pattern that every accent/case variant of `needle` matches ("%s__ p__l_%").

    SQLite's LIKE ignores ASCII case and is C-fast; only the rows it lets through pay for
    the Python `fold`, which keeps a search of a long history quick.
    """
    escaped = "".join("_" if c in _ACCENTABLE else "\\" + c if c in "%_\\" else c for c in needle)
    return f"%{escaped}%"


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
        prefilter = NodeList(
            (haystack, dialect.like_ignoring_case(), _prefilter_pattern(needle), SQL("ESCAPE '\\'"))
        )
        # SQLite evaluates the terms in this order: `fold` only runs on what LIKE kept.
        query = query.where(prefilter & dialect.accent_fold(haystack, fold).contains(needle))
    keys = cast(tuple[Expression, ...], (HistoryEvent.at, HistoryEvent.id))
    return Keyset(query, keys, descending=True, raw=ListedEvent if light else None)
