"""Encerramento automático v2 (SPEC §12): stored deadlines, the warning, business hours.

`chat.deadline_at` is when the watcher will close the chat and `chat.warning_at` when it
will warn the customer (epoch ms; NULL = never); `chat.warned_at` is when the last warning
went out, so a warning is sent once per silence. The closing pass is one statement over
`deadline_at <= now`, the warning pass one over `warning_at <= now`, and the idle watcher's
next wake one MIN per instance over the partial indexes below.

Who keeps the stored instants right:
- count `calendar`: these triggers, on every write of a chat's state (insert, messages,
  status, handler, assignment) and of its instance's settings — so any writer of chats
  (the import, a sync, a test) gets deadlines without knowing about them;
- count `business_hours`: the triggers store NULL and `app.core.watcher.deadlines`
  computes the instants in Python (the agenda's open time) after the write.
`_ELIGIBLE` below is the rule of SPEC §6 (`app.core.watcher.due.eligible_condition`),
frozen here in raw SQL like every migration.
"""

from app.core.storage.dialect import POSTGRES, SQLITE, Only, run_ddl

VERSION = 7

_ELIGIBLE = """s.enabled AND {c}.status = 'open' AND {c}.handler = 'human'
    AND {c}.last_agent_message_at IS NOT NULL
    AND ({c}.last_customer_message_at IS NULL
         OR {c}.last_agent_message_at > {c}.last_customer_message_at)
    AND (({c}.assigned_via = 'operator' AND s.close_assigned_by_operator)
         OR ({c}.assigned_via IN ('chatbot', 'workflow') AND s.close_started_by_bot_or_workflow))
    AND s.count_mode = 'calendar'"""
_DEADLINE = "CASE WHEN {eligible} THEN {c}.last_agent_message_at + s.timeout_minutes * 60000 END"
_WARNING = """CASE WHEN {eligible} AND s.warning_minutes_before IS NOT NULL
        AND ({c}.warned_at IS NULL OR {c}.warned_at <= {c}.last_agent_message_at)
    THEN {c}.last_agent_message_at + (s.timeout_minutes - s.warning_minutes_before) * 60000 END"""


def _instants(c: str) -> str:
    """`deadline, warning` of the chat row `c` joined with its settings row `s`."""
    eligible = _ELIGIBLE.format(c=c)
    return (
        _DEADLINE.format(eligible=eligible, c=c) + ",\n" + _WARNING.format(eligible=eligible, c=c)
    )


_CHAT_COLUMNS = "status, handler, assigned_via, last_customer_message_at, last_agent_message_at"
_SQLITE_SET = (
    "UPDATE chat SET (deadline_at, warning_at) = (SELECT "
    + _instants("chat")
    + " FROM auto_close_settings s WHERE s.instance_id = chat.instance_id)"
)
# A write that closes a chat and clears its instants (the closing pass) needs no trigger.
_WRITES_INSTANTS = (
    "NEW.status = 'open' OR NEW.deadline_at IS NOT NULL OR NEW.warning_at IS NOT NULL"
)

_MAY_HAVE_INSTANTS = """instance_id = NEW.instance_id AND status = 'open' AND handler = 'human'
            AND last_agent_message_at IS NOT NULL"""

STATEMENTS: list[str | Only] = [
    "ALTER TABLE chat ADD COLUMN deadline_at $bigint",
    "ALTER TABLE chat ADD COLUMN warning_at $bigint",
    "ALTER TABLE chat ADD COLUMN warned_at $bigint",
    """ALTER TABLE auto_close_settings ADD COLUMN count_mode TEXT NOT NULL DEFAULT 'calendar'
        CHECK (count_mode IN ('calendar', 'business_hours'))""",
    # Both NULL: no warning. minutes_before < timeout is checked by the validator.
    "ALTER TABLE auto_close_settings ADD COLUMN warning_minutes_before $bigint",
    "ALTER TABLE auto_close_settings ADD COLUMN warning_message TEXT",
    # Partial: only chats with an instant are in them. A comparison on the column implies
    # IS NOT NULL, so SQLite uses them with bound parameters too. The closing pass is a
    # range in `chat_deadline`, the next wake one MIN seek in each.
    "CREATE INDEX chat_deadline ON chat (deadline_at) WHERE deadline_at IS NOT NULL",
    "CREATE INDEX chat_warning ON chat (warning_at) WHERE warning_at IS NOT NULL",
    # SQLite: after the write, set the instants of the written row(s).
    Only(
        SQLITE,
        f"""CREATE TRIGGER chat_instants_on_insert AFTER INSERT ON chat
        WHEN NEW.status = 'open'
        BEGIN {_SQLITE_SET} WHERE id = NEW.id; END""",
    ),
    Only(
        SQLITE,
        f"""CREATE TRIGGER chat_instants_on_update AFTER UPDATE OF {_CHAT_COLUMNS} ON chat
        WHEN {_WRITES_INSTANTS}
        BEGIN {_SQLITE_SET} WHERE id = NEW.id; END""",
    ),
    *(
        Only(
            SQLITE,
            f"""CREATE TRIGGER auto_close_settings_instants_on_{event.lower()}
            AFTER {event} ON auto_close_settings
            BEGIN {_SQLITE_SET} WHERE instance_id = NEW.instance_id AND status = 'open'; END""",
        )
        for event in ("INSERT", "UPDATE")
    ),
    # PostgreSQL: a BEFORE trigger fills the row being written; a settings write touches
    # the instance's open chats so that trigger runs for each.
    Only(
        POSTGRES,
        """CREATE FUNCTION atende_chat_instants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT """
        + _instants("NEW")
        + """ INTO NEW.deadline_at, NEW.warning_at
        FROM auto_close_settings s WHERE s.instance_id = NEW.instance_id;
    IF NOT FOUND THEN
        NEW.deadline_at := NULL;
        NEW.warning_at := NULL;
    END IF;
    RETURN NEW;
END $$""",
    ),
    Only(
        POSTGRES,
        f"""CREATE TRIGGER chat_instants BEFORE INSERT OR UPDATE OF {_CHAT_COLUMNS} ON chat
        FOR EACH ROW WHEN ({_WRITES_INSTANTS}) EXECUTE FUNCTION atende_chat_instants()""",
    ),
    Only(
        POSTGRES,
        """CREATE FUNCTION atende_settings_instants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Only chats that may have or get an instant, and no statement at all without one (a
    -- statement would NOTIFY the other desks that chats changed).
    IF EXISTS (SELECT 1 FROM chat WHERE """
        + _MAY_HAVE_INSTANTS
        + """) THEN
        UPDATE chat SET status = status WHERE """
        + _MAY_HAVE_INSTANTS
        + """;
    END IF;
    RETURN NULL;
END $$""",
    ),
    Only(
        POSTGRES,
        """CREATE TRIGGER auto_close_settings_instants AFTER INSERT OR UPDATE
        ON auto_close_settings FOR EACH ROW EXECUTE FUNCTION atende_settings_instants()""",
    ),
    # The chats already open (every instance counts calendar time so far).
    Only(SQLITE, _SQLITE_SET + " WHERE status = 'open'"),
    Only(POSTGRES, "UPDATE chat SET status = status WHERE status = 'open'"),
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
