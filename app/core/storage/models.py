"""Peewee models. Tables are created by the numbered migrations, never by `create_tables`.

Instants are stored as integer milliseconds since the epoch, UTC: they compare and add in
plain SQL (the watcher's set-based queries) and convert to the instance's zone at the edge.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from app.core.storage.proxy import database


def to_millis(at: datetime) -> int:
    if at.tzinfo is None:
        raise ValueError("naive datetime: an instant needs a timezone")
    return int(round(at.timestamp() * 1000))


# A day inside the ends of the calendar: shown in any time zone without overflowing.
_FIRST = datetime(1, 1, 2, tzinfo=UTC)
_LAST = datetime(9999, 12, 30, tzinfo=UTC)


def from_millis(value: int) -> datetime:
    """The instant of `value`; one at the ends of Python's calendar (a deadline after year 9999,
    stored before input was checked, SPEC §14) reads as a day inside them, never an exception
    (here or in a time zone) that would stop a list or a watcher pass for every chat."""
    try:
        at = datetime.fromtimestamp(value / 1000, tz=UTC)
    except (ValueError, OverflowError, OSError):
        return _LAST if value > 0 else _FIRST
    except TypeError:  # not a number (SQLite keeps any value written to it): sorts last there
        return _LAST
    return min(max(at, _FIRST), _LAST)


class InstantField(IntegerField):
    """An aware datetime stored as UTC epoch milliseconds."""

    def db_value(self, value: Any) -> Any:
        if isinstance(value, datetime):
            return to_millis(value)
        return value

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        try:
            value = int(value)
        except (TypeError, ValueError, OverflowError):
            pass  # text or a blob written directly in SQLite: from_millis reads it, never raises
        return from_millis(value)


class ChatTextField(CharField):
    """Text of a chat; a blob written directly in SQLite (no input of Atende writes one)
    reads with its undecodable bytes as U+FFFD instead of failing every list (issue 18)."""

    def adapt(self, value: Any) -> Any:
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
        return super().adapt(value)


class JSONField(TextField):
    def db_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Instance(BaseModel):
    id = AutoField()
    name = CharField(unique=True)
    phone = CharField()
    plan = CharField()
    timezone = CharField()
    prioritize_attendance = BooleanField(default=False)
    created_at = InstantField()
    updated_at = InstantField()
    # +1 at every configuration save (app.core.config.versioning): optimistic locking for teams.
    config_version = IntegerField(default=0)


class HistoryEvent(BaseModel):
    """An entry of the audit log: a configuration change or an automatic closure."""

    id = AutoField()
    instance = ForeignKeyField(Instance, null=True, on_delete="SET NULL", backref="events")
    instance_name = CharField()
    at = InstantField()
    kind = CharField()  # "config" | "auto_close" | "instance"
    section = CharField()  # which page or object the event is about
    summary = TextField()  # Portuguese, written when the event happens
    details = JSONField(default=dict)
    chat_external_id = CharField(null=True)


# --- Encerramento automático (settings) ----------------------------------------------------


class AutoCloseSettings(BaseModel):
    instance = ForeignKeyField(
        Instance, primary_key=True, on_delete="CASCADE", backref="auto_close_rows"
    )
    enabled = BooleanField(default=False)
    timeout_minutes = IntegerField(default=60)
    close_assigned_by_operator = BooleanField(default=True)
    close_started_by_bot_or_workflow = BooleanField(default=False)
    closing_message = TextField(null=True)
    count_mode = CharField(default="calendar")  # "calendar" | "business_hours" (JSON "count")
    warning_minutes_before = IntegerField(null=True)  # with warning_message; NULL = no warning
    warning_message = TextField(null=True)


# --- Chats ---------------------------------------------------------------------------------


class Chat(BaseModel):
    id = AutoField()
    instance = ForeignKeyField(Instance, on_delete="CASCADE", backref="chats")
    external_id = ChatTextField()
    customer_name = ChatTextField(null=True)
    phone = ChatTextField(null=True)
    protocol = ChatTextField(null=True)
    status = ChatTextField()  # "open" | "closed"
    handler = ChatTextField()  # "bot" | "human"
    assigned_via = ChatTextField(null=True)  # "operator" | "chatbot" | "workflow"
    operator_name = ChatTextField(null=True)
    last_customer_message_at = InstantField(null=True)
    last_agent_message_at = InstantField(null=True)
    closed_at = InstantField(null=True)
    closed_by = ChatTextField(null=True)  # "auto" | "agent"
    close_reason = TextField(null=True)
    # Kept by triggers (calendar) and app.core.watcher.deadlines (business hours), m007.
    deadline_at = InstantField(null=True)  # when the watcher closes it; NULL = never
    warning_at = InstantField(null=True)  # when it warns the customer; NULL = no warning due
    warned_at = InstantField(null=True)  # the last warning sent (once per silence)


# --- Agenda de funcionamento ---------------------------------------------------------------


class ScheduleSettings(BaseModel):
    instance = ForeignKeyField(
        Instance, primary_key=True, on_delete="CASCADE", backref="schedule_rows"
    )
    enabled = BooleanField(default=False)
    holidays_country = CharField(null=True)  # "BR" or None (holidays ignored)
    holidays_subdivision = CharField(null=True)  # "SP", "RJ", … or None (national only)


class ScheduleInterval(BaseModel):
    instance = ForeignKeyField(Instance, on_delete="CASCADE", backref="schedule_intervals")
    weekday = IntegerField()  # Monday = 0
    start_minute = IntegerField()
    end_minute = IntegerField()  # 1440 = 24:00


class SpecialDate(BaseModel):
    instance = ForeignKeyField(Instance, on_delete="CASCADE", backref="special_dates")
    date = CharField()  # ISO "YYYY-MM-DD"


class SpecialInterval(BaseModel):
    special_date = ForeignKeyField(SpecialDate, on_delete="CASCADE", backref="intervals")
    start_minute = IntegerField()
    end_minute = IntegerField()


# --- Mensagens predefinidas ----------------------------------------------------------------


class Template(BaseModel):
    id = AutoField()
    instance = ForeignKeyField(Instance, on_delete="CASCADE", backref="templates")
    instance_id: int  # the foreign key's raw value (peewee's accessor), for mypy
    title = CharField()
    shortcut = CharField()  # lowercase, with the leading "/"
    category = CharField(null=True)
    content = TextField()
    created_at = InstantField()
    updated_at = InstantField()


# --- Conexão com o Chatwoot ----------------------------------------------------------------


class Connection(BaseModel):
    """An instance's connection to its chat platform; `token` never leaves the database."""

    instance = ForeignKeyField(
        Instance, primary_key=True, on_delete="CASCADE", backref="connection_rows"
    )
    instance_id: int
    platform = CharField(default="chatwoot")
    url = CharField()
    account_id = IntegerField()
    inbox_id = IntegerField()
    token = CharField()
    paused_reason = TextField(null=True)  # set by a refused token (401) until it is replaced
    last_error = TextField(null=True)
    last_error_at = InstantField(null=True)
    last_sync_at = InstantField(null=True)
    created_at = InstantField()
    updated_at = InstantField()

    def __repr__(self) -> str:  # the default would show the token
        return f"<Connection instance={self.instance_id} {self.url}>"

    __str__ = __repr__


class SyncedConversation(BaseModel):
    instance = ForeignKeyField(Instance, on_delete="CASCADE")
    external_id = CharField()
    last_activity_at = InstantField()
    status = CharField()

    class Meta:
        primary_key = CompositeKey("instance", "external_id")


class OutboxRow(BaseModel):
    """An action to perform on the platform (a message or a resolve), and its outcome."""

    id = AutoField()
    instance = ForeignKeyField(Instance, on_delete="CASCADE")
    instance_id: int
    chat_external_id = CharField()
    kind = CharField()  # "message" | "resolve"
    purpose = CharField()  # "warning" | "closing"
    due_at = InstantField()
    content = TextField(null=True)  # the message as the customer gets it
    details = JSONField()
    created_at = InstantField()
    attempts = IntegerField(default=0)
    next_try_at = InstantField()
    claimed_by = CharField(null=True)
    claimed_until = InstantField(null=True)
    in_flight = BooleanField(default=False)
    first_try_at = InstantField(null=True)
    remote_id = CharField(null=True)
    last_error = TextField(null=True)
    outcome = CharField(null=True)  # None (pending) | "done" | "skipped" | "not_sent" | "gone"
    outcome_reason = TextField(null=True)
    done_at = InstantField(null=True)

    class Meta:
        table_name = "outbox"
