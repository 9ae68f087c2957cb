"""Keyset pages of the long listings: every way of reading a page gives the listing's own
order (checked against a sort done here in Python), and SQLite reads them from the index."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.audit import history, history_filters
from app.core.storage.db import database
from app.core.storage.models import Chat, to_millis
from app.core.watcher import auto_close, chat_listing

# Auto-close after an hour, for attendances assigned by an operator.
SETTINGS = dict.fromkeys(("enabled", "close_assigned_by_operator"), True) | {
    "timeout_minutes": 60,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
}


@pytest.fixture
def shop(make_instance, clock):
    shop = make_instance()
    auto_close.save(shop, SETTINGS, clock)
    now = clock.now()
    for k in range(41):
        agent = now - timedelta(minutes=k % 7)  # ties: same deadline, same activity
        customer = None if k % 3 else agent - timedelta(minutes=1)
        if k % 5 == 0:
            customer = agent + timedelta(minutes=k % 4)  # waits on the attendant
        Chat.create(
            instance=shop,
            external_id=f"c{(k * 17) % 41:02d}",
            status="closed" if k % 6 == 0 else "open",
            handler="bot" if k % 8 == 0 else "human",
            assigned_via="operator",
            last_agent_message_at=agent,
            last_customer_message_at=customer,
        )
    return shop


def expected_chats(shop, filter_key: str) -> list[str]:
    """The order SPEC'd for Atendimentos, sorted in Python from the stored columns."""

    def key(chat):
        activity = max(
            to_millis(chat.last_agent_message_at or 0) if chat.last_agent_message_at else 0,
            to_millis(chat.last_customer_message_at) if chat.last_customer_message_at else 0,
        )
        closed = chat.status != "open"
        deadline = None if closed else chat.deadline_at
        group = 2 if closed else (1 if deadline is None else 0)
        return (group, to_millis(deadline) if deadline else 0, -activity, chat.external_id)

    chats = [c for c in Chat.select().where(Chat.instance == shop)]
    if filter_key != "all":
        chats = [c for c in chats if c.status == filter_key]
    return [c.external_id for c in sorted(chats, key=key)]


def read_forward(listing, size):
    rows = listing.first(size)
    found = list(rows)
    while rows:
        rows = listing.after(listing.key_of(rows[-1]), size)
        found += rows
    return found


def read_backward(listing, size):
    rows = listing.last(size)
    found = list(rows)
    while rows:
        rows = listing.before(listing.key_of(rows[0]), size)
        found = rows + found
    return found


@pytest.mark.parametrize("filter_key", ["open", "closed", "all"])
def test_chat_pages_follow_the_listing_order(shop, filter_key):
    expected = expected_chats(shop, filter_key)
    listing = chat_listing.keyset(shop, filter_key)
    assert listing.count() == len(expected) and len(expected) > 5
    assert [c.external_id for c in listing.ordered()] == expected
    for size in (1, 4, 7):
        assert [c.external_id for c in read_forward(listing, size)] == expected
        assert [c.external_id for c in read_backward(listing, size)] == expected
        for position in range(0, len(expected), 3):
            rows = listing.at(position, size, len(expected))
            assert [c.external_id for c in rows] == expected[position : position + size]


def test_history_pages_newest_first_ties_by_id(make_instance, clock):
    shop = make_instance()
    for k in range(23):
        at = clock.now() - timedelta(minutes=k // 4)  # four events per instant
        history.record(shop, at, history.KIND_CONFIG, "schedule", f"evento {k}", {})
    listing = history_filters.listing(shop, light=True)
    events = list(history.events(shop))
    expected = [e.id for e in sorted(events, key=lambda e: (e.at, e.id), reverse=True)]
    assert [e.id for e in read_forward(listing, 5)] == expected
    assert [e.id for e in read_backward(listing, 3)] == expected
    assert [e.id for e in listing.at(10, 4, len(expected))] == expected[10:14]


@pytest.mark.sqlite_only("SQLite's query plans")
@pytest.mark.parametrize("filter_key", ["open", "closed", "all"])
def test_a_chat_page_is_a_range_of_the_index(shop, filter_key):
    listing = chat_listing.keyset(shop, filter_key)
    key = listing.key_of(listing.first(3)[-1])
    for query in (listing.ordered().where(listing._beyond(key, False)), listing.ordered()):
        sql, params = query.limit(5).sql()
        plan = " ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "USING INDEX chat_listing_order" in plan and "TEMP B-TREE" not in plan
    sql, params = listing.ordered().where(listing._beyond(key, False)).sql()
    plan = " ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "<expr>>?" in plan  # a seek past the key, not a scan from the start
