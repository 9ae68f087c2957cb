"""The detail of one chat on Atendimentos: the customer, who handles it, when each side
last wrote, and when the watcher closes it and why — or why it will not
(`core.watcher.chat_outlook`, which reads the due rule and the stored deadline: this
widget only words the times)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.core.instances.phones import format_phone_national
from app.core.schedule.decision import describe_moment
from app.core.storage.models import Chat
from app.core.watcher import chat_outlook
from app.i18n import N_, _, format_relative
from app.ui.widgets.hint import hint_label

DASH = "—"


def moment_text(at: datetime | None, zone: ZoneInfo, now: datetime) -> str:
    """ "hoje às 10:00 (há 3 horas)"; a dash when there is none."""
    if at is None:
        return DASH
    local, local_now = at.astimezone(zone), now.astimezone(zone)
    return _("{moment} ({relative})").format(
        moment=describe_moment(local, local_now), relative=format_relative(at - now)
    )


def closed_text(chat: Chat) -> str:
    """How a closed chat was closed, as the list's Situation and the detail's Closing say it
    (imported chats may be closed with no `closed_by`)."""
    if chat.closed_by == "auto":
        return _("Closed automatically")
    return _("Closed by the attendant") if chat.closed_by == "agent" else _("Finished")


class ChatDetail(QWidget):
    """A form of labels; `show_chat(None, …)` says to select a chat."""

    ROWS = (
        ("customer", N_("Customer")),
        ("phone", N_("Phone")),
        ("protocol", N_("Protocol")),
        ("handled_by", N_("Handled by")),
        ("customer_at", N_("Last customer message")),
        ("agent_at", N_("Last attendant message")),
        ("closing", N_("Closing")),
        ("why", N_("Why")),
        ("warning", N_("Warning before closing")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Details of the attendance"))
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.placeholder = hint_label(_("Select an attendance to see its details."))
        self.form.addRow(self.placeholder)
        self.values: dict[str, QLabel] = {}
        for key, marked in self.ROWS:
            title = _(marked)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(title)
            self.values[key] = value
            self.form.addRow(title, value)
        self.show_chat(None)

    def text(self, key: str) -> str:
        return self.values[key].text()

    def _show_rows(self, visible: dict[str, bool]) -> None:
        for key, _title in self.ROWS:
            self.form.setRowVisible(self.values[key], visible.get(key, True))

    def show_chat(
        self, chat: Chat | None, handled_by: str = "", zone: ZoneInfo | None = None, now=None
    ) -> None:
        self.form.setRowVisible(self.placeholder, chat is None)
        if chat is None or zone is None or now is None:
            self._show_rows(dict.fromkeys(self.values, False))
            return
        outlook = chat_outlook.outlook(chat, now)
        values = {
            "customer": chat.customer_name or chat.external_id,
            "phone": format_phone_national(chat.phone) if chat.phone else DASH,
            "protocol": chat.protocol or DASH,
            "handled_by": handled_by,
            "customer_at": moment_text(chat.last_customer_message_at, zone, now),
            "agent_at": moment_text(chat.last_agent_message_at, zone, now),
            "closing": self._closing(chat, outlook, zone, now),
            "why": outlook.why,
            "warning": self._warning(outlook, zone, now),
        }
        for key, value in values.items():
            self.values[key].setText(value)
        self._show_rows({"warning": bool(values["warning"])})

    @staticmethod
    def _closing(chat: Chat, outlook: chat_outlook.ChatOutlook, zone: ZoneInfo, now) -> str:
        if outlook.reason == chat_outlook.CLOSED:
            when = moment_text(chat.closed_at, zone, now) if chat.closed_at else None
            how = closed_text(chat)
            return f"{how}, {when}" if when else how
        if outlook.reason == chat_outlook.DUE:
            return _("Now (pending)")
        if outlook.closes_at is not None:
            return moment_text(outlook.closes_at, zone, now)
        return _("Will not be closed automatically")

    @staticmethod
    def _warning(outlook: chat_outlook.ChatOutlook, zone: ZoneInfo, now) -> str:
        if outlook.warns_at is not None:
            return moment_text(outlook.warns_at, zone, now)
        if outlook.warned_at is not None:
            return _("Sent {when}").format(when=moment_text(outlook.warned_at, zone, now))
        return ""
