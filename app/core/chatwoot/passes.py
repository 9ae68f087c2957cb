"""What a watcher pass does with the Chatwoot connections: pull every connected instance,
then deliver the outbox. `atende sync`, `atende watch` and the window's worker call these.

Each pass makes its clients (one per connection, keeping its connections open for the pass)
and closes them at the end. A paused connection (refused token) is skipped until a new
token is saved; its actions wait in the outbox.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.core.chatwoot import connection as connections
from app.core.chatwoot.client import ChatwootClient
from app.core.chatwoot.delivery import WORKERS, DeliveryReport, deliver
from app.core.chatwoot.sync import SyncError, SyncResult, sync_instance
from app.core.storage.models import Connection, Instance
from app.i18n import _

MAX_RETRY_AFTER_WAITS = 3  # a pass asked for by a person waits out at most this many 429s


@dataclass(frozen=True)
class PullOutcome:
    instance_name: str
    result: SyncResult | None = None
    error: str | None = None  # Portuguese, without the token


class Clients:
    """One client per connection for the length of a pass."""

    def __init__(self) -> None:
        self._clients: dict[int, ChatwootClient] = {}

    def __call__(self, conn: Connection) -> ChatwootClient:
        client = self._clients.get(conn.instance_id)
        if client is None:
            client = connections.settings_of(conn).client(max_connections=WORKERS)
            self._clients[conn.instance_id] = client
        return client

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()


def connected(instance: Instance | None = None) -> list[tuple[Instance, Connection]]:
    query = Connection.select(Connection, Instance).join(Instance).order_by(Instance.name)
    if instance is not None:
        query = query.where(Connection.instance == instance.id)
    return [(conn.instance, conn) for conn in query]


def pull_all(now: datetime, instance: Instance | None = None) -> list[PullOutcome]:
    """Sync every connected instance (or one); a failure of one does not stop the others."""
    outcomes = []
    clients = Clients()
    try:
        for inst, conn in connected(instance):
            if conn.paused_reason:
                outcomes.append(PullOutcome(inst.name, error=paused_message(conn.paused_reason)))
                continue
            try:
                outcomes.append(PullOutcome(inst.name, sync_instance(inst, clients(conn), now)))
            except SyncError as exc:
                outcomes.append(PullOutcome(inst.name, error=str(exc)))
    finally:
        clients.close()
    return outcomes


def paused_message(reason: str) -> str:
    return _(
        "the connection is paused ({reason}); save a new token with `atende connection set`"
    ).format(reason=reason)


def deliver_all(
    now: datetime,
    desk: str,
    *,
    asked_by_person: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryReport:
    """Deliver the outbox. A pass a person asked for (`watch --once`) tries every pending
    action now, ignoring the backoff, but always waits out a 429's Retry-After and tries
    those rows again; the running watcher lets the backoff pace it instead."""
    clients = Clients()
    try:
        report = deliver(now, desk, clients, ignore_backoff=asked_by_person)
        waits = 0
        while asked_by_person and report.wait and waits < MAX_RETRY_AFTER_WAITS:
            sleep(report.wait)
            waits += 1
            again = deliver(now, desk, clients, ignore_backoff=True)
            report = _merge(report, again)
    finally:
        clients.close()
    return report


def _merge(first: DeliveryReport, then: DeliveryReport) -> DeliveryReport:
    merged = DeliveryReport()
    for name in ("sent", "resolved", "not_sent", "kept_open", "gone"):
        setattr(merged, name, getattr(first, name) + getattr(then, name))
    merged.retrying = then.retrying
    merged.paused = first.paused | then.paused
    merged.wait = then.wait
    return merged
