"""The audit log: configuration changes and automatic closures, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.core.storage.models import HistoryEvent, Instance

KIND_CONFIG = "config"
KIND_AUTO_CLOSE = "auto_close"
KIND_AUTO_CLOSE_WARNING = "auto_close_warning"  # the warning before closing (SPEC §12)
KIND_PLATFORM = "connection"  # what a connector did or could not do (SPEC §13)
KIND_INSTANCE = "instance"


def record(
    instance: Instance,
    at: datetime,
    kind: str,
    section: str,
    summary: str,
    details: dict[str, Any] | None = None,
    chat_external_id: str | None = None,
) -> HistoryEvent:
    return HistoryEvent.create(
        instance=instance,
        instance_name=instance.name,
        at=at,
        kind=kind,
        section=section,
        summary=summary,
        details=details or {},
        chat_external_id=chat_external_id,
    )


def record_instance_event(
    instance: Instance, at: datetime, summary: str, details: dict[str, Any] | None = None
) -> HistoryEvent:
    """An event about the instance itself (created, copied, edited, deleted)."""
    return record(instance, at, KIND_INSTANCE, "instance", summary, details)


def events(instance: Instance | None = None, kind: str | None = None, limit: int | None = None):
    """History events, newest first (a query: iterate it or page it)."""
    query = HistoryEvent.select().order_by(HistoryEvent.at.desc(), HistoryEvent.id.desc())
    if instance is not None:
        query = query.where(HistoryEvent.instance == instance)
    if kind is not None:
        query = query.where(HistoryEvent.kind == kind)
    if limit is not None:
        query = query.limit(limit)
    return query


def event_as_json(event: HistoryEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "instance": event.instance_name,
        "kind": event.kind,
        "section": event.section,
        "summary": event.summary,
        "chat": event.chat_external_id,
        "details": event.details,
    }
