"""Delivering the outbox to Chatwoot: closing messages and resolves, exactly once.

Per chat, in the order the rows were written (message before resolve):
1. Re-read the conversation (`GET …/conversations/{id}`). If it is no longer open, or a
   message newer than the closing decision arrived (one Atende did not send), act on nothing:
   the chat is opened again here (or kept closed if it was resolved there).
2. A message row: if an earlier attempt may have reached Chatwoot (`in_flight`), look at the
   conversation's newest messages first and count it as sent when it is there. When
   `can_reply` is false (WhatsApp's 24-hour window) it is not sent and the history says why.
3. A resolve row: `toggle_status` to resolved.
Faults: 401 pauses the connection (rows wait for a new token); 404 means the conversation was
deleted there (closed here, reason recorded); 429 waits its `Retry-After`; a timeout or 5xx
is retried with backoff. Chats are worked on by a few threads at once, sharing one client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, cast

from app.core.audit import history
from app.core.chatwoot import connection as connections
from app.core.chatwoot import outbox_store as store
from app.core.chatwoot.client import ChatwootClient, ChatwootError, NotFound, RateLimited
from app.core.chatwoot.mapping import OUTGOING
from app.core.chatwoot.outbox_store import DeliveryReport
from app.core.chatwoot.reread import decision_seconds, keep_open, newer_message
from app.core.storage.db import database
from app.core.storage.models import Connection, Instance, OutboxRow, SyncedConversation
from app.core.templates.render import render_snapshot
from app.i18n import N_, _

WORKERS = 8
NOT_OPEN = N_("Not closed in Chatwoot: the conversation is {status} there")
NEWER_MESSAGE = N_("Not closed in Chatwoot: a new message arrived before the closing")
NO_WINDOW = N_(
    "Closing message not sent: WhatsApp's 24-hour window is closed (Chatwoot cannot "
    "reply); the conversation was resolved without it"
)
NO_WINDOW_WARNING = N_(
    "Warning before closing not sent: WhatsApp's 24-hour window is closed (Chatwoot cannot reply)"
)
SUPERSEDED = N_("Warning not sent: the chat was closed before it could be delivered")
DELETED = N_("The conversation was deleted in Chatwoot: closed in Atende only")


ClientFor = Callable[[Connection], ChatwootClient]


class ClaimLost(Exception):
    """This desk's lease on a row ended and another desk took it."""


def deliver(
    now: datetime,
    desk: str,
    client_for: ClientFor,
    *,
    ignore_backoff: bool = False,
    workers: int = WORKERS,
) -> DeliveryReport:
    """Claim the ready rows, batch after batch, and deliver them; returns what happened."""
    report = DeliveryReport()
    paused: set[int] = set()
    handled: set[int] = set()  # rows this call took: a row given back waits for a later pass
    while True:
        rows = store.claim(now, desk, ignore_backoff=ignore_backoff, exclude=handled)
        if not rows:
            return report
        handled.update(row.id for row in rows)
        _deliver_batch(rows, now, desk, client_for, report, paused, workers)
        if len(rows) < store.CLAIM_LIMIT:
            return report


def _deliver_batch(rows, now, desk, client_for, report, paused: set[int], workers: int) -> None:
    conns = {
        c.instance_id: c
        for c in Connection.select().where(Connection.instance.in_({r.instance_id for r in rows}))
    }
    zones: dict[int, str] = dict(
        cast(Iterable[tuple[int, str]], Instance.select(Instance.id, Instance.timezone).tuples())
    )
    by_chat: dict[tuple[int, str], list[OutboxRow]] = {}
    for row in rows:  # in id order: each chat's rows in the order they were written
        by_chat.setdefault((row.instance_id, row.chat_external_id), []).append(row)

    def work(group: list[OutboxRow]) -> None:
        conn = conns.get(group[0].instance_id)
        with database.connection_context():
            if conn is None or conn.instance_id in paused:
                store.release(group, desk)
                return
            chat = _Chat(group, conn, client_for(conn), desk, now, zones, report)
            if chat.run() == "paused":
                paused.add(conn.instance_id)

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="delivery") as pool:
        list(pool.map(work, by_chat.values()))


class _Chat:
    """The rows of one chat, delivered in order by one thread."""

    def __init__(self, rows, conn, client, desk, now, zones, report) -> None:
        self.rows: list[OutboxRow] = rows
        self.conn: Connection = conn
        self.client: ChatwootClient = client
        self.desk = desk
        self.now = now
        self.zones = zones
        self.report: DeliveryReport = report
        self.external_id = rows[0].chat_external_id
        self.cid = int(self.external_id)
        self.sending: OutboxRow | None = None  # the row whose request is out

    def run(self) -> str | None:
        if self._earlier_rows_pending():
            store.release(self.rows, self.desk)
            return None
        if any(row.purpose == "closing" for row in self.rows):
            for row in [r for r in self.rows if r.purpose == "warning"]:
                store.finish(row, self.desk, self.now, "skipped", _(SUPERSEDED))
                self.rows.remove(row)
        done = 0  # rows finished before a failure
        try:
            conversation = self.client.conversation(self.cid)
            if self._should_not_act(conversation):
                return None
            for row in self.rows:
                self._deliver(row, conversation)
                done += 1
        except ClaimLost:
            return None  # another desk holds these rows now: it finishes them
        except NotFound:
            self._gone()
        except ChatwootError as exc:
            return self._failed(exc, done)
        return None

    def _earlier_rows_pending(self) -> bool:
        first = (
            OutboxRow.select(OutboxRow.id)
            .where(
                (OutboxRow.instance == self.conn.instance_id)
                & (OutboxRow.chat_external_id == self.external_id)
                & OutboxRow.outcome.is_null()
            )
            .order_by(OutboxRow.id)
            .limit(1)
            .scalar()
        )
        return first is not None and first < self.rows[0].id

    # --- the re-read ---------------------------------------------------------------------

    def _ours(self) -> set[str]:
        query = OutboxRow.select(OutboxRow.remote_id).where(
            (OutboxRow.instance == self.conn.instance_id)
            & (OutboxRow.chat_external_id == self.external_id)
            & OutboxRow.remote_id.is_null(False)
        )
        return {str(r) for r in query.scalars()}

    def _should_not_act(self, conversation: dict[str, Any]) -> bool:
        status = conversation.get("status")
        if status == "resolved" and all(row.kind == "resolve" for row in self.rows):
            for row in self.rows:  # resolved already (maybe by our own lost answer)
                store.finish(row, self.desk, self.now, "done")
            self._remember_status("resolved")
            self.report.add("resolved")
            return True
        in_flight = {r.content for r in self.rows if r.in_flight and r.content}
        newer = newer_message(conversation, self.rows[0].details, self._ours(), in_flight)
        if status == "open" and newer is None:
            return False
        reason = _(NEWER_MESSAGE) if newer else _(NOT_OPEN).format(status=status)
        for row in self.rows:
            store.finish(row, self.desk, self.now, "skipped", reason)
        if any(row.purpose == "closing" for row in self.rows):
            keep_open(self.conn.instance_id, self.external_id, conversation, newer)
            self._event(reason)
            self.report.add("kept_open")
        return True

    # --- acting --------------------------------------------------------------------------

    def _deliver(self, row: OutboxRow, conversation: dict[str, Any]) -> None:
        if row.kind == "resolve":
            self._going_out(row)
            self.client.resolve(self.cid)
            store.finish(row, self.desk, self.now, "done")
            self._remember_status("resolved")
            self.report.add("resolved")
            return
        if row.in_flight:
            earlier = self._already_sent(row)
            if earlier is not None:
                store.finish(row, self.desk, self.now, "done", remote_id=earlier)
                self.report.add("sent")
                return
            row.in_flight = False  # looked: it is not there
        if conversation.get("can_reply") is False:
            message = NO_WINDOW_WARNING if row.purpose == "warning" else NO_WINDOW
            why = _(message)
            store.finish(row, self.desk, self.now, "not_sent", why)
            self._event(why)
            self.report.add("not_sent")
            return
        if row.content is None:
            row.content = self._render(row)
            OutboxRow.update(content=row.content).where(OutboxRow.id == row.id).execute()
        self._going_out(row)
        sent = self.client.send_message(self.cid, row.content)
        store.finish(row, self.desk, self.now, "done", remote_id=str(sent.get("id")))
        self.report.add("sent")

    def _going_out(self, row: OutboxRow) -> None:
        if not store.going_out(row, self.desk, self.now):
            raise ClaimLost
        self.sending = row

    def _already_sent(self, row: OutboxRow) -> str | None:
        """The id of this row's message if Chatwoot has it: same text, after the messages the
        closing decision saw (Chatwoot's own clock, never ours: `--now` may be anything)."""
        since = decision_seconds(row.details)
        for message in reversed(self.client.messages(self.cid)):
            if (
                message.get("message_type") == OUTGOING
                and message.get("content") == row.content
                and (message.get("created_at") or 0) > since
            ):
                return str(message.get("id"))
        return None

    def _render(self, row: OutboxRow) -> str:
        d = row.details
        zone = self.zones.get(row.instance_id, "America/Sao_Paulo")
        name = d.get("instance_name") or ""
        return render_snapshot(
            d.get("template") or "", d, row.chat_external_id, name, zone, row.due_at
        )

    # --- faults --------------------------------------------------------------------------

    def _gone(self) -> None:
        for row in self.rows:
            if row.outcome is None:
                store.finish(row, self.desk, self.now, "gone", _(DELETED))
        self._remember_status("gone")
        self._event(_(DELETED))
        self.report.add("gone")

    def _remember_status(self, status: str) -> None:
        """What sync knows of the conversation: no need to ask for it by itself later."""
        SyncedConversation.update(status=status).where(
            (SyncedConversation.instance == self.conn.instance_id)
            & (SyncedConversation.external_id == self.external_id)
        ).execute()

    def _failed(self, exc: ChatwootError, index: int) -> str | None:
        """Give back the row that failed and the ones after it, in order. Only the request
        that was sending can have acted; the other rows keep what they knew."""
        wait = None
        if isinstance(exc, RateLimited):
            wait = timedelta(seconds=exc.retry_after)
            with self.report.lock:
                self.report.wait = max(self.report.wait, exc.retry_after)
        for row in self.rows[index:]:
            if row.outcome is None:
                in_flight = exc.uncertain if row is self.sending else row.in_flight
                store.retry_later(
                    row, self.desk, self.now, str(exc), in_flight=in_flight, wait=wait
                )
        self.report.add("retrying")
        if exc.status == 401:
            connections.pause(self.conn.instance_id, str(exc), self.now)
            with self.report.lock:
                self.report.paused.add(self.rows[0].details.get("instance_name") or "")
            return "paused"
        connections.record_error(self.conn.instance_id, str(exc), self.now)
        return None

    def _event(self, summary: str) -> None:
        instance = Instance.get_or_none(Instance.id == self.conn.instance_id)
        if instance is not None:
            history.record(
                instance,
                self.now,
                history.KIND_PLATFORM,
                "connection",
                summary,
                {"conversation_id": self.cid},
                self.external_id,
            )
