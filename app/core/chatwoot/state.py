"""What the watchers (the window's worker and `atende watch`) share about the connections:
who delivers (the desk), how often an inbox is re-read, and the Portuguese words for a
paused or failing connection (Visão geral, the tray, the Conexão com o Chatwoot page).
"""

from __future__ import annotations

import os
import socket
from datetime import datetime

from app.core.common.validation import Problem
from app.core.storage.models import Connection, Instance, SyncedConversation
from app.i18n import _

PULL_EVERY_SECONDS = 60.0  # a running watcher re-reads each inbox at most this often
PROBLEM_PATH = "connection"  # where Visão geral sends a connection problem (the page's key)


def desk_name() -> str:
    """Who holds an outbox row while delivering it (leases; several desks on one server)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def pull_due(last_pull: datetime | None, now: datetime) -> bool:
    return last_pull is None or (now - last_pull).total_seconds() >= PULL_EVERY_SECONDS


def clause(message: str) -> str:
    """A sentence of core's ("O Chatwoot recusou o token de acesso.") inside another one."""
    text = message.strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def connection_problem(conn: Connection | None) -> Problem | None:
    """A paused connection (refused token) is an error, a failing one a warning; None when
    it works (or there is none)."""
    if conn is None:
        return None
    if conn.paused_reason:
        return Problem(
            PROBLEM_PATH,
            _(
                "The Chatwoot connection is paused: {reason}. Its actions wait until a new "
                "access token is saved."
            ).format(reason=clause(conn.paused_reason)),
        )
    if conn.last_error:
        return Problem(
            PROBLEM_PATH,
            _("Chatwoot is not answering: {error}. Its actions wait and are tried again.").format(
                error=clause(conn.last_error)
            ),
            warning=True,
        )
    return None


def troubled() -> list[tuple[str, Problem]]:
    """(instance name, problem) of every paused or failing connection, by instance name."""
    query = (
        Connection.select(Connection, Instance)
        .join(Instance)
        .where(Connection.paused_reason.is_null(False) | Connection.last_error.is_null(False))
        .order_by(Instance.name)
    )
    found = []
    for conn in query:
        problem = connection_problem(conn)
        if problem is not None:
            found.append((conn.instance.name, problem))
    return found


def any_synced(instance_id: int) -> bool:
    """Did any chat of the instance come from Chatwoot? (Atendimentos looks no further if not.)"""
    return SyncedConversation.select().where(SyncedConversation.instance == instance_id).exists()


def synced_among(instance_id: int, external_ids: list[str]) -> set[str]:
    """Which of these chats came from Chatwoot (one query for the rows a list holds)."""
    if not external_ids:
        return set()
    query = SyncedConversation.select(SyncedConversation.external_id).where(
        (SyncedConversation.instance == instance_id)
        & SyncedConversation.external_id.in_(external_ids)
    )
    return {row.external_id for row in query}
