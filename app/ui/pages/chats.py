"""Atendimentos: the instance's chats, what the watcher will close and when.

A windowed table over `core.chat_listing` (pages read by key as the view scrolls);
relative times ("há 3 horas", "encerra em 42 min") are computed at paint time from the
injected clock and repainted every 30 s; the rows are queried again only when chats or
settings change.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStackedWidget,
)

from app.core.chatwoot.state import any_synced, synced_among
from app.core.instances.phones import format_phone, format_phone_national
from app.core.schedule.decision import describe_moment
from app.core.storage.models import Chat, from_millis
from app.core.watcher import auto_close, chat_listing, chats
from app.core.watcher.deadline_text import describe_deadline
from app.core.watcher.due import next_closing_at
from app.i18n import (
    N_,
    _,
    format_relative,
    format_unit_count,
    ngettext,
)
from app.ui.icons import icon
from app.ui.pages.base import Page
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.hint import hint_label
from app.ui.widgets.lazy_model import LazyQueryModel
from app.ui.widgets.table import filter_bar, read_only_table

REFRESH_MS = 30_000
DASH = "—"


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
            if chat.closed_by == "auto":
                return _("Closed automatically")
            return _("Closed by the attendant") if chat.closed_by == "agent" else _("Finished")
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


class ChatsPage(Page):
    key = "chats"

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        status = self.card()
        self.next_label = QLabel(objectName="cardTitle")
        self.next_label.setAccessibleName(_("Next automatic closing"))
        status.addWidget(self.next_label)
        self.watcher_label = hint_label()
        status.addWidget(self.watcher_label)

        bar, self.filter_combo = filter_bar(_("Filter attendances"), chat_listing.STATUS_FILTERS)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.reload(keep_rows=False))
        bar.addStretch(1)
        self.count_label = QLabel(objectName="hint")
        bar.addWidget(self.count_label)
        self.body.addLayout(bar)

        self.model = ChatsModel(context.clock, self)
        self.table = read_only_table(self.model, _("Attendances"))
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(320)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # No rows: an empty state in the table's place that says where attendances come from.
        self.empty_label = EmptyState(
            "chats",
            _("No attendances to show"),
            _("No attendance here yet. Attendances arrive with the command “atende chats import”."),
        )
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)
        self.body.addWidget(self.table_stack, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh_times)
        self.timer.start()
        context.chats_changed.connect(self._on_change)
        context.settings_changed.connect(self._on_change)
        self.load()

    def filter_key(self) -> str:
        return self.filter_combo.currentData()

    def load(self) -> None:
        self.reload()

    def reload(self, keep_rows: bool = True) -> None:
        """Query again; after a change the scroll stays, after a new filter it goes to the top."""
        key, instance = self.filter_key(), self.instance()
        self.model.timezone, self.model.instance_id = instance.timezone, instance.id
        self.model.from_chatwoot = {} if any_synced(instance.id) else None
        self.model.set_source(chat_listing.keyset(instance, key))  # counts them too
        if not keep_rows:
            self.table.scrollToTop()
        total = self.model.total
        self.count_label.setText(
            ngettext("{n} attendance", "{n} attendances", total).format(n=total)
        )
        self.table_stack.setCurrentWidget(self.empty_label if total == 0 else self.table)
        self.table.resizeColumnsToContents()
        self.show_status()

    def _on_change(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id):
            self.reload()

    def refresh_times(self) -> None:
        for column in ChatsModel.TIME_COLUMNS:
            self.model.refresh_column(column)
        self.show_status()

    def show_status(self) -> None:
        instance = self.instance()
        now = self.context.clock.now()
        if not auto_close.get_settings(instance)["enabled"]:
            self.next_label.setText(_("Automatic closing is off for this instance."))
        else:
            due = next_closing_at(instance)  # deadlines only: warnings are not closings
            if due is None:
                text = _("No open attendance is waiting to be closed automatically.")
            elif due <= now:
                text = _("Next automatic closing: now (pending)")
            else:
                text = _("Next automatic closing: {when}").format(
                    when=format_moment(due, ZoneInfo(instance.timezone), now)
                )
            self.next_label.setText(text)
        self.watcher_label.setText(self.watcher_text())

    def watcher_text(self) -> str:
        if self.context.watcher is not None:
            return _("This window closes the due attendances while it is open.")
        if self.context.watcher_elsewhere:
            pid = self.context.watcher_elsewhere_pid
            return _(
                "Another process (atende watch{pid}) is closing the due attendances for "
                "this database, so this window does not."
            ).format(pid=f", PID {pid}" if pid else "")
        return _(
            "Automatic closing is not running in this window: due attendances are "
            "closed by “atende watch” or the next time the window runs it."
        )
