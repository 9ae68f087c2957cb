"""Connections to a chat platform (Chatwoot first), what sync saw there, and the outbox.

- `connection`: one per instance (its primary key), with the access token. The token lives
  only here (never in the config file or an export); the SQLite file is its owner's only.
  `paused_reason` is set when the platform refused the token (401) and cleared by a new one.
- `synced_conversation`: per chat, the conversation's `last_activity_at` at the last sync,
  so an idle sync reads the list pages only.
- `outbox`: the actions to perform there (a message, a resolve), written in the same
  transaction as the local close. A delivery claims rows (`claimed_by`, `claimed_until`: a
  lease, so a desk killed mid-delivery frees its rows when the lease ends) and records the
  `outcome`. `in_flight` is set when a request is about to go out and cleared only when its
  outcome is known, so after a crash or an uncertain failure the next attempt first looks at
  the conversation's newest messages. UNIQUE(...) keeps an action from being queued twice.
"""

from app.core.storage.dialect import POSTGRES, Only, run_ddl

VERSION = 8

STATEMENTS: list[str | Only] = [
    """CREATE TABLE connection (
        instance_id INTEGER PRIMARY KEY REFERENCES instance (id) ON DELETE CASCADE,
        platform TEXT NOT NULL CHECK (platform IN ('chatwoot')),
        url TEXT NOT NULL,
        account_id INTEGER NOT NULL,
        inbox_id INTEGER NOT NULL,
        token TEXT NOT NULL,
        paused_reason TEXT,
        last_error TEXT,
        last_error_at $bigint,
        last_sync_at $bigint,
        created_at $bigint NOT NULL,
        updated_at $bigint NOT NULL
    )""",
    """CREATE TABLE synced_conversation (
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        external_id TEXT NOT NULL,
        last_activity_at $bigint NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (instance_id, external_id)
    )""",
    """CREATE TABLE outbox (
        id $id,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        chat_external_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'resolve')),
        purpose TEXT NOT NULL CHECK (purpose IN ('warning', 'closing')),
        due_at $bigint NOT NULL,
        content TEXT,
        details TEXT NOT NULL,
        created_at $bigint NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try_at $bigint NOT NULL,
        claimed_by TEXT,
        claimed_until $bigint,
        in_flight $bool NOT NULL DEFAULT $false,
        first_try_at $bigint,
        remote_id TEXT,
        last_error TEXT,
        outcome TEXT CHECK (outcome IN ('done', 'skipped', 'not_sent', 'gone')),
        outcome_reason TEXT,
        done_at $bigint,
        UNIQUE (instance_id, chat_external_id, kind, purpose, due_at)
    )""",
    # The pending rows, in the order a delivery takes them: tiny once rows are done.
    "CREATE INDEX outbox_pending ON outbox (next_try_at, id) WHERE outcome IS NULL",
    # PostgreSQL: other desks hear of changes (the function is m006's).
    *(
        Only(
            POSTGRES,
            f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION atende_notify_change()",
        )
        for table in ("connection", "synced_conversation", "outbox")
    ),
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
