"""Team mode: optimistic versioning of each instance's configuration, change notifications.

`instance.config_version` grows by one with every configuration save (`app.core.config.versioning`),
so a page saved over someone else's newer change is refused instead of silently undoing it.
On PostgreSQL, statement triggers NOTIFY the other desks of every committed change
(`app.core.storage.changes`); SQLite needs nothing for that (`PRAGMA data_version`).
"""

from app.core.storage.dialect import Only, ddl_notify, run_ddl

VERSION = 6

# Every table of the app: a new table in a later migration adds its trigger there.
NOTIFYING_TABLES = (
    "instance",
    "history_event",
    "auto_close_settings",
    "chat",
    "schedule_settings",
    "schedule_interval",
    "special_date",
    "special_interval",
    "template",
)

STATEMENTS: list[str | Only] = [
    "ALTER TABLE instance ADD COLUMN config_version INTEGER NOT NULL DEFAULT 0",
    *ddl_notify(NOTIFYING_TABLES),
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
