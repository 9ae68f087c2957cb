"""Indexes in the order the long lists are read, a page at a time by key.

- `chat_listing_order`: Atendimentos (`app.core.watcher.chat_listing.order_keys`): per
  instance, the rank (the deadline of an open chat that has one, else a base per group minus
  the last activity), the most recent message first (negated, so one direction), the
  external id. The expressions are the
  query's, literal for literal: SQLite uses an expression index only for the same text.
- `history_event_instance_at_id` / `history_event_at_id` (PostgreSQL): Histórico's key
  (at, id). SQLite ends every index with the rowid, so m001's indexes already serve it.
"""

from app.core.storage.dialect import POSTGRES, SQLITE, Only, run_ddl

VERSION = 9


def _order(greatest: str) -> str:
    activity = (
        f"{greatest}(COALESCE(last_agent_message_at, 0), COALESCE(last_customer_message_at, 0))"
    )
    return f"""CREATE INDEX chat_listing_order ON chat (
        instance_id,
        (CASE WHEN status <> 'open' THEN {2**53} - {activity}
              WHEN deadline_at IS NULL THEN {2**52} - {activity}
              ELSE deadline_at END),
        (- {activity}),
        external_id)"""


STATEMENTS: list[str | Only] = [
    Only(SQLITE, _order("MAX")),
    Only(POSTGRES, _order("GREATEST")),
    Only(
        POSTGRES, "CREATE INDEX history_event_instance_at_id ON history_event (instance_id, at, id)"
    ),
    Only(POSTGRES, "CREATE INDEX history_event_at_id ON history_event (at, id)"),
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
