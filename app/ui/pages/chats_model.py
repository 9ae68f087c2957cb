"""The rows of Atendimentos: a windowed table model over `core.chat_listing`, with the
customer, who handles the chat, its last message and its situation in words; relative times
are computed at paint time from the injected clock."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from app.core.chatwoot.state import synced_among
from app.core.instances.phones import format_phone, format_phone_national
from app.core.schedule.decision import describe_moment
from app.core.storage.models import Chat, from_millis
from app.core.watcher import chats
from app.core.watcher.deadline_text import describe_deadline
from app.i18n import N_, _, format_relative, format_unit_count
from app.ui.icons import icon
from app.ui.widgets.chat_detail import DASH, closed_text
from app.ui.widgets.lazy_model import LazyQueryModel


def format_countdown(delta: timedelta) -> str:
    """Time left, whole minutes rounded up, two units at most: "42 min", "3 h 5 min"."""
    minutes = max(1, math.ceil(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [(n, unit) for n, unit in parts if n][:2]
    return " ".join(format_unit_count(n, unit, length="short") for n, unit in shown)


def format_moment(at: datetime, zone: ZoneInfo, now: datetime) -> str:
    """An instant in the instance's zone, relative to today: "hoje às 15:40"."""
    return describe_moment(at.astimezone(zone), now.astimezone(zone), weekday_with_date=False)


class ChatsModel(LazyQueryModel):
    columns = (N_("Customer"), N_("Phone"), N_("Handled by"), N_("Last message"), N_("Situation"))
    LAST_MESSAGE, SITUATION = 3, 4
    TIME_COLUMNS = (LAST_MESSAGE, SITUATION)

    def __init__(self, clock, parent=None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.timezone = "UTC"  # the instance's, set by the page before each query
        self.instance_id = 0  # set with it
        # Chats that came from Chatwoot (a synced_conversation row): None = none of them did.
        self.from_chatwoot: dict[str, bool] | None = None

    def came_from_chatwoot(self, chat: Chat) -> bool:
        if self.from_chatwoot is None:
            return False
        if chat.external_id not in self.from_chatwoot:  # look up every row held, at once
            ids = {row.external_id for page in self.pages.values() for row in page}
            ids = [i for i in ids | {chat.external_id} if i not in self.from_chatwoot]
            synced = synced_among(self.instance_id, ids)
            self.from_chatwoot.update((i, i in synced) for i in ids)
        return self.from_chatwoot[chat.external_id]

    def _relative(self, at: datetime | None) -> str:
        return format_relative(at - self.clock.now()) if at else DASH

    def handled_by(self, chat: Chat) -> str:
        """ "Bot", or the operator and who assigned them: "Beatriz (via workflow)"."""
        if chat.handler != "human":
            return chats.label("handler", chat.handler).capitalize()
        who = chat.operator_name or chats.label("handler", "human").capitalize()
        if not chat.assigned_via:
            return who
        return _("{operator} (via {assigned_via})").format(
            operator=who, assigned_via=chats.label("assigned_via", chat.assigned_via)
        )

    @staticmethod
    def agent_wrote_last(chat: Chat) -> bool:
        agent, customer = chat.last_agent_message_at, chat.last_customer_message_at
        return agent is not None and (customer is None or agent > customer)

    def last_message(self, chat: Chat) -> str:
        """ "há 3 horas (atendente)": when, and who wrote last."""
        if self.agent_wrote_last(chat):
            return _("{when} (attendant)").format(when=self._relative(chat.last_agent_message_at))
        if chat.last_customer_message_at is None:
            return DASH
        return _("{when} (customer)").format(when=self._relative(chat.last_customer_message_at))

    def situation(self, chat: Chat) -> str:
        if chat.status == "closed":
            return closed_text(chat)
        if chat.closes_at_ms is not None:  # the stored deadline (SPEC §12)
            deadline, now = from_millis(chat.closes_at_ms), self.clock.now()
            if deadline <= now:
                return _("closing pending")
            # Not today (business hours, a long limit): "encerra segunda-feira às 08:50".
            return describe_deadline(deadline, now, self.timezone) or _("closes in {time}").format(
                time=format_countdown(deadline - now)
            )
        if chat.handler != "human":
            return _("With the chatbot")
        if not self.agent_wrote_last(chat):
            return _("Waiting for the attendant")
        return _("In progress")

    def cell(self, chat: Chat, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                lambda: chat.customer_name or chat.external_id,
                lambda: format_phone_national(chat.phone) if chat.phone else DASH,
                lambda: self.handled_by(chat),
                lambda: self.last_message(chat),
                lambda: self.situation(chat),
            )
            return values[column]()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon("connection", "accent_text") if self.came_from_chatwoot(chat) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(chat, column)
        return None

    def tooltip(self, chat: Chat, column: int) -> str | None:
        if column == 0:
            text = _("Protocol: {protocol}").format(protocol=chat.protocol or chat.external_id)
            if self.came_from_chatwoot(chat):
                text += "\n" + _("From Chatwoot (conversation {id})").format(id=chat.external_id)
            return text
        if column == 1 and chat.phone:
            return format_phone(chat.phone)
        if column == self.LAST_MESSAGE:
            return "\n".join(
                (
                    _("Customer: {when}").format(
                        when=self._relative(chat.last_customer_message_at)
                    ),
                    _("Attendant: {when}").format(when=self._relative(chat.last_agent_message_at)),
                )
            )
        if column == self.SITUATION and chat.status == "closed":
            parts = [self._relative(chat.closed_at)] if chat.closed_at else []
            return " · ".join(parts + ([chat.close_reason] if chat.close_reason else []))
        return None
