"""The chats of an instance as the Atendimentos page lists them, with their deadlines.

Declared once: the status filters (Abertos / Encerrados / Todos), the search by customer
(name, phone or protocol: `chat_search`) and the order (open ones first, the next to be
closed first). Each row carries `closes_at_ms`, when the watcher will
close it (`due.with_deadline`), so the page never re-implements the due rule.

The order is a key of stored columns only (`ORDER_KEYS`), all ascending, served by the
expression index `chat_listing_order` of migration m009, so the page reads it a page at a
time by key (`keyset`): one index seek per page at any scroll position. The expressions are
written with literals, as in the index (SQLite never matches a bound parameter there).
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import SQL, Case, NodeList, fn

from app.core.common.keyset import Keyset, literal
from app.core.storage import dialect
from app.core.storage.models import Chat, Instance
from app.core.watcher import due
from app.core.watcher.chat_search import customer_condition
from app.i18n import N_


@dataclass(frozen=True)
class StatusFilter:
    key: str
    label: str  # N_()-marked
    status: str | None  # None: every status


STATUS_FILTERS = (
    StatusFilter("open", N_("Open"), "open"),
    StatusFilter("closed", N_("Closed"), "closed"),
    StatusFilter("all", N_("All"), None),
)


# The rank orders open chats with a deadline (soonest first: the deadline itself), then the
# other open ones, then the closed (each most recent activity first: a base minus it). The
# bases are far above any instant in ms (2^45 ms is the year 3084): open chats without a
# deadline rank in (OPEN_BASE - 2^45, OPEN_BASE], closed ones in (CLOSED_BASE - 2^45,
# CLOSED_BASE], so the groups never mix, and the rank alone is almost unique: a page is a
# short range of the index on it.
OPEN_BASE, CLOSED_BASE = 2**52, 2**53


def last_activity():
    """The later of the two last messages (a scalar max of the row's values)."""
    return dialect.greatest(
        fn.COALESCE(Chat.last_agent_message_at, literal(0)),
        fn.COALESCE(Chat.last_customer_message_at, literal(0)),
    )


def _minus(base: int | None, value):
    return NodeList((literal(base), SQL("-"), value) if base else (SQL("-"), value), glue=" ")


def rank():
    return Case(
        None,
        [
            (Chat.status != literal("open"), _minus(CLOSED_BASE, last_activity())),
            (Chat.deadline_at.is_null(), _minus(OPEN_BASE, last_activity())),
        ],
        Chat.deadline_at,
    )


def order_keys() -> tuple:
    """Rank, then the most recent activity first (negated: one direction), external id."""
    return (rank(), _minus(None, last_activity()), Chat.external_id)


def _filtered(instance: Instance, filter_key: str, text: str = ""):
    spec = next(f for f in STATUS_FILTERS if f.key == filter_key)
    query = Chat.select().where(Chat.instance == instance)
    # On the index's first expression, so the page is a range of the index.
    if spec.status == "open":
        query = query.where(rank() <= literal(OPEN_BASE))
    elif spec.status == "closed":
        query = query.where(rank() > literal(OPEN_BASE))
    customer = customer_condition(text)
    if customer is not None:  # tested on each row of the index's range, in its order
        query = query.where(customer)
    return query


def keyset(instance: Instance, filter_key: str = "open", text: str = "") -> Keyset:
    """The chats of the instance for the table, paged by key (`order_keys`); rows are named
    tuples with the attributes of `Chat` (and `closes_at_ms`). `text`: only the chats whose
    customer's name, phone or protocol match it (`chat_search`)."""
    query = due.with_deadline(_filtered(instance, filter_key, text))
    return Keyset(query, order_keys(), light=True)


def listing(instance: Instance, filter_key: str = "open", text: str = ""):
    """The same chats in the same order, as one query (to iterate it once)."""
    return keyset(instance, filter_key, text).ordered()


def count(instance: Instance, filter_key: str = "open", text: str = "") -> int:
    return _filtered(instance, filter_key, text).count()
