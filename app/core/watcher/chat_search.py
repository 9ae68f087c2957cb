"""Finding a customer's chats: by name, phone or protocol, ignoring case and accents ("joao"
finds "João"), in SQL (`text_search`). Atendimentos filters its list with it, Histórico finds
the events about those chats, and both show the customer's name and phone (`customers`)
instead of the platform's id.

A search that is a phone number as people type it ("(11) 91234-5678", "91234 5678") is
matched on the digits of the stored number (E.164, "+5511912345678"); any search also looks
at the name, the protocol and the chat's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from peewee import Expression, chunked, fn

from app.core.storage.models import Chat, Instance
from app.core.storage.text_search import contains_folded, fold

_PHONE_TYPED = re.compile(r"\+?[\d\s().-]+")
MIN_PHONE_DIGITS = 3  # "12" would find most numbers
LOOKUP_BATCH = 500  # ids per IN (…)


class Customer(NamedTuple):
    name: str | None
    phone: str | None
    protocol: str | None


def customer_condition(text: str) -> Expression | None:
    """Chats whose customer name, protocol or id contains `text` (case and accents
    ignored), or whose phone contains its digits when `text` is a number; None: no text."""
    needle = fold(text).strip()
    if not needle:
        return None
    haystack = (
        fn.COALESCE(Chat.customer_name, "")
        .concat(" ")
        .concat(fn.COALESCE(Chat.protocol, ""))
        .concat(" ")
        .concat(Chat.external_id)
    )
    condition = contains_folded(haystack, needle)
    digits = re.sub(r"\D", "", text)
    if _PHONE_TYPED.fullmatch(text.strip()) and len(digits) >= MIN_PHONE_DIGITS:
        condition = condition | Chat.phone.contains(digits)
    return condition


def customers(instance: Instance | int, external_ids: list[str]) -> dict[str, Customer]:
    """The customer of each chat of `instance` named in `external_ids` (unknown ids absent),
    one query per `LOOKUP_BATCH` ids: for the rows a list shows."""
    found: dict[str, Customer] = {}
    for batch in chunked(sorted(set(external_ids)), LOOKUP_BATCH):
        query = Chat.select(Chat.external_id, Chat.customer_name, Chat.phone, Chat.protocol)
        rows = query.where((Chat.instance == instance) & Chat.external_id.in_(batch)).tuples()
        for external_id, *values in cast(Iterable[tuple[str, Any, Any, Any]], rows):
            found[external_id] = Customer(*values)
    return found
