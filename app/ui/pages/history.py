"""Histórico: the instance's audit log, newest first, filtered by kind and text (the
summary, or the customer's name, phone or protocol: `chat_search`).

The events are read a page at a time (`core.history_filters.listing`, by key as the view
scrolls; Ctrl+End reads the last page only);
the selected event's details (reason, closing message recorded, what changed) show below.
An event about a chat shows its customer's name and phone, looked up for the rows held.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.core.audit import history_filters
from app.core.instances.phones import format_phone_national
from app.core.storage.models import HistoryEvent, from_millis
from app.core.templates.render import closing_message_sent
from app.core.watcher import chat_search, chats
from app.i18n import N_, _, format_datetime, format_duration, format_relative
from app.ui.emoji import shown_text
from app.ui.pages.base import Page
from app.ui.widgets.column_fit import ColumnFit
from app.ui.widgets.hint import hint_label
from app.ui.widgets.lazy_model import LazyQueryModel
from app.ui.widgets.search_box import SearchBox
from app.ui.widgets.table import filter_bar, read_only_table

CUSTOMERS_KEPT = 10_000  # chat ids whose customer is remembered (a few screens' worth)
SUMMARY_MINIMUM = 220  # pixels of "O que aconteceu", also in a 900-pixel window


class HistoryModel(LazyQueryModel):
    columns = (N_("When"), N_("Kind"), N_("What happened"), N_("Customer"))
    SUMMARY, CUSTOMER = 2, 3

    def __init__(self, zone: ZoneInfo, clock, parent=None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.clock = clock
        self.instance_id = 0  # set by the page with each listing
        # The customer of each chat id shown so far (None: not a chat of this instance).
        self.customers: dict[str, chat_search.Customer | None] = {}

    def customer(self, external_id: str) -> chat_search.Customer | None:
        """Looked up for every row held at once (one query per page shown, not per row)."""
        if external_id not in self.customers:
            held = {row.chat_external_id for page in self.pages.values() for row in page}
            wanted = [i for i in held | {external_id} if i and i not in self.customers]
            found = chat_search.customers(self.instance_id, wanted)
            if len(self.customers) > CUSTOMERS_KEPT:  # scrolling a long history: bounded
                self.customers.clear()
            self.customers.update((i, found.get(i)) for i in wanted)
        return self.customers[external_id]

    def customer_text(self, external_id: str | None) -> str:
        """ "João Pereira · (11) 91234-5678"; the chat's id when the customer is unknown."""
        if not external_id:
            return ""
        found = self.customer(external_id)
        if found is None or not (found.name or found.phone):
            return external_id
        phone = format_phone_national(found.phone) if found.phone else None
        return " · ".join(part for part in (found.name, phone) if part)

    def cell(self, event: history_filters.ListedEvent, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_datetime(from_millis(event.at_ms).astimezone(self.zone))
            if column == 1:
                return _(history_filters.KIND_LABELS.get(event.kind, event.kind))
            if column == 2:
                return event.summary
            return self.customer_text(event.chat_external_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return format_relative(from_millis(event.at_ms) - self.clock.now())
            if column == 2:
                return event.summary
            if column == self.CUSTOMER and event.chat_external_id:
                return _("Attendance {id}").format(id=event.chat_external_id)
        return None


def describe_details(event: HistoryEvent, timezone: str) -> str:
    """The parts of an event's details a person wants to read, one per line."""
    details: dict[str, Any] = event.details or {}
    lines = [event.summary]
    labels = (
        ("customer_name", _("Customer")),
        ("phone", _("Phone")),
        ("protocol", _("Protocol")),
        ("operator_name", _("Operator")),
        ("assigned_via", _("Assigned via")),
    )
    for key, label in labels:
        value = details.get(key)
        if value:
            shown = chats.label(key, value) if key == "assigned_via" else value
            shown = format_phone_national(value) if key == "phone" else shown
            lines.append(f"{label}: {shown}")
    if details.get("timeout_minutes") and event.kind == "auto_close":
        lines.append(
            _("Time limit: {duration}").format(duration=format_duration(details["timeout_minutes"]))
        )
    if event.kind == "auto_close":
        message = closing_message_sent(event, timezone)
        lines.append(
            _("Closing message recorded: {message}").format(message=message)
            if message
            else _("No closing message was configured.")
        )
    return "\n".join(lines)


class HistoryPage(Page):
    key = "history"

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        bar, self.kind_combo = filter_bar(_("Filter by kind"), history_filters.FILTERS)
        self.kind_combo.currentIndexChanged.connect(self.reload)
        self.search_edit = SearchBox(
            _("Search the history"), _("Search (customer, phone or summary)…")
        )
        self.search_edit.paused.connect(self.reload)
        self.search_field = self.search_edit  # Ctrl+F
        bar.addWidget(self.search_edit, 1)
        self.body.addLayout(bar)

        self.model = HistoryModel(ZoneInfo(self.instance().timezone), context.clock, self)
        self.table = read_only_table(self.model, _("History"))
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(280)
        # What happened stretches and stays readable; kind and customer shrink (elided).
        self.columns = ColumnFit(
            self.table, HistoryModel.SUMMARY, SUMMARY_MINIMUM, floors={1: 100, 3: 110}, fixed=(0,)
        )
        self.body.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self.show_details)
        self.search_edit.results = self.table

        details = self.card(_("Details"))
        self.details_label = hint_label()
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setAccessibleName(_("Details of the event"))
        details.addWidget(self.details_label)
        self.empty_label = QLabel(objectName="hint")
        self.body.addWidget(self.empty_label)

        context.settings_changed.connect(self._on_change)
        context.chats_changed.connect(self._on_change)
        context.instances_changed.connect(self.reload)
        self.load()

    def load(self) -> None:
        self.reload()

    def reload(self, *_args) -> None:
        self.search_edit.settle()
        text = self.search_edit.text()
        instance = self.instance()
        listing = history_filters.listing(instance, self.kind_combo.currentData(), text, light=True)
        self.model.instance_id, self.model.customers = instance.id, {}
        # Counting a text search scans the whole history: it grows as the view scrolls.
        self.model.set_source(listing, counted=not text.strip())
        empty = self.model.total == 0
        self.empty_label.setText(_("No event matches.") if empty else "")
        self.empty_label.setVisible(empty)
        if not empty:
            self.table.selectRow(0)
        else:
            self.details_label.setText(_("Select an event to see its details."))

    def show_details(self, current, _previous=None) -> None:
        row = self.model.row(current.row()) if current.isValid() else None
        event = HistoryEvent.get_or_none(HistoryEvent.id == row.id) if row is not None else None
        if event is not None:
            # shown only (selectable, not edited): an emoji no font draws reads "[emoji]"
            text = describe_details(event, self.instance().timezone)
            self.details_label.setText(shown_text(text))

    def _on_change(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id):
            self.reload()
