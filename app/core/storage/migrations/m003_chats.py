"""Chats (attendances) of each instance, as the watcher sees them."""

from app.core.storage.dialect import run_ddl

VERSION = 3

STATEMENTS = [
    """CREATE TABLE chat (
        id $id,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        external_id TEXT NOT NULL,
        customer_name TEXT,
        phone TEXT,
        protocol TEXT,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        handler TEXT NOT NULL CHECK (handler IN ('bot', 'human')),
        assigned_via TEXT CHECK (assigned_via IN ('operator', 'chatbot', 'workflow')),
        operator_name TEXT,
        last_customer_message_at $bigint,
        last_agent_message_at $bigint,
        closed_at $bigint,
        closed_by TEXT CHECK (closed_by IN ('auto', 'agent')),
        close_reason TEXT,
        UNIQUE (instance_id, external_id)
    )""",
    # The chats waiting on the customer, i.e. the only ones auto-close may ever close
    # (app/core/watcher/closing.py repeats this WHERE with literals so SQLite uses the index). It
    # serves "close every due chat" (a range on last_agent_message_at per instance and
    # assigned_via) and "when is the next one due" (one MIN seek each), in microseconds.
    """CREATE INDEX chat_awaiting_customer
        ON chat (instance_id, assigned_via, last_agent_message_at)
        WHERE status = 'open' AND handler = 'human' AND last_agent_message_at IS NOT NULL
          AND (last_customer_message_at IS NULL
               OR last_agent_message_at > last_customer_message_at)""",
    "CREATE INDEX chat_instance_status ON chat (instance_id, status)",
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
