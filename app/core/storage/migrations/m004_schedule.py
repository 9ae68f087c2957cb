"""Agenda de funcionamento: weekly intervals, holidays, special dates.

Times are minutes after local midnight in the instance's zone: start 0..1439, end 1..1440
(1440 = "24:00"). A weekday with no interval is closed; [0, 1440] is open all day.
"""

from app.core.storage.dialect import run_ddl

VERSION = 4

STATEMENTS = [
    """CREATE TABLE schedule_settings (
        instance_id INTEGER PRIMARY KEY REFERENCES instance (id) ON DELETE CASCADE,
        enabled $bool NOT NULL DEFAULT $false,
        holidays_country TEXT,
        holidays_subdivision TEXT
    )""",
    """CREATE TABLE schedule_interval (
        id $id,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
        start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        CHECK (start_minute < end_minute)
    )""",
    "CREATE INDEX schedule_interval_instance ON schedule_interval (instance_id, weekday)",
    """CREATE TABLE special_date (
        id $id,
        instance_id INTEGER NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        UNIQUE (instance_id, date)
    )""",
    """CREATE TABLE special_interval (
        id $id,
        special_date_id INTEGER NOT NULL REFERENCES special_date (id) ON DELETE CASCADE,
        start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
        CHECK (start_minute < end_minute)
    )""",
    "CREATE INDEX special_interval_date ON special_interval (special_date_id)",
]


def apply(db) -> None:
    run_ddl(db, STATEMENTS)
