"""The chats of an instance as the Atendimentos page lists them, with their deadlines.

Declared once: the status filters (Abertos / Encerrados / Todos) and the order (open ones
first, the next to be closed first). Each row carries `closes_at_ms`, when the watcher will
close it (`due.with_deadline`), so the page never re-implements the due rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import Case, fn

from app.core.storage import dialect
from app.core.storage.models import Chat, Instance
from app.core.watcher import chats, due
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


def _filtered(instance: Instance, filter_key: str):
    spec = next(f for f in STATUS_FILTERS if f.key == filter_key)
    return chats.chats_query(instance, spec.status)


def last_activity():
    """The later of the two last messages (a scalar max of the row's values)."""
    return dialect.greatest(
        fn.COALESCE(Chat.last_agent_message_at, 0), fn.COALESCE(Chat.last_customer_message_at, 0)
    )


def listing(instance: Instance, filter_key: str = "open"):
    """The chats of the instance for the table (a query; page it with limit/offset).

    Open ones first: those the watcher will close, soonest first; then the most recent.
    """
    open_first = Case(None, [(Chat.status == "open", 0)], 1)
    deadline = due.closes_at_expression()
    return due.with_deadline(_filtered(instance, filter_key)).order_by(
        open_first, deadline.is_null(), deadline, last_activity().desc(), Chat.external_id
    )


def count(instance: Instance, filter_key: str = "open") -> int:
    return _filtered(instance, filter_key).count()
