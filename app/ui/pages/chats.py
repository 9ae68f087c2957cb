"""Atendimentos: the instance's chats, what the watcher will close and when.

A windowed table over `core.chat_listing` (pages read by key as the view scrolls; the rows
in `chats_model`), searched by the customer's name, phone or protocol (Ctrl+F), and the
selected chat's detail below (`widgets.chat_detail`: its times, who handles it, when and
why it closes or why not);
relative times ("há 3 horas", "encerra em 42 min") are computed at paint time from the
injected clock and repainted every 30 s; the rows are queried again only when chats or
settings change.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStackedWidget

from app.core.chatwoot.state import any_synced
from app.core.storage.models import Chat
from app.core.watcher import auto_close, chat_listing
from app.core.watcher.due import next_closing_at
from app.i18n import _, format_number, ngettext
from app.ui.pages.base import Page
from app.ui.pages.chats_model import ChatsModel, format_moment
from app.ui.widgets.chat_detail import ChatDetail
from app.ui.widgets.column_fit import ColumnFit
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.hint import hint_label
from app.ui.widgets.search_box import SearchBox
from app.ui.widgets.table import filter_bar, read_only_table

REFRESH_MS = 30_000


def count_text(total: int) -> str:
    """ "Nenhum atendimento" for none (a Brazilian never writes "0 atendimento"), else
    "1 atendimento", "1.234 atendimentos" (CLDR's plural, Babel's digits)."""
    if total == 0:
        return _("No attendance")
    return ngettext("{n} attendance", "{n} attendances", total).format(n=format_number(total))


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
        self.search_edit = SearchBox(
            _("Search the attendances"), _("Search by customer, phone or protocol…")
        )
        self.search_edit.paused.connect(lambda: self.reload(keep_rows=False))
        self.search_field = self.search_edit  # Ctrl+F
        bar.addWidget(self.search_edit, 1)
        self.count_label = QLabel(objectName="hint")
        bar.addWidget(self.count_label)
        self.body.addLayout(bar)

        self.model = ChatsModel(context.clock, self)
        self.table = read_only_table(self.model, _("Attendances"))
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(200)  # the detail below fits a 720-pixel-high window
        # The situation stretches; the others shrink (elided) for a 900-pixel window.
        self.columns = ColumnFit(
            self.table,
            ChatsModel.SITUATION,
            140,
            floors={0: 110, 2: 90, ChatsModel.LAST_MESSAGE: 100},
            fixed=(1,),  # the phone
        )
        # No rows: an empty state in the table's place that says where attendances come from.
        self.empty_text = _(
            "No attendance here yet. Attendances arrive with File → Import attendances… or "
            "the command “atende chats import”."
        )
        self.empty_label = EmptyState("chats", _("No attendances to show"), self.empty_text)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_label)
        self.body.addWidget(self.table_stack, 1)
        self.detail = ChatDetail()
        self.card(_("Attendance details")).addWidget(self.detail)
        self.table.selectionModel().currentRowChanged.connect(self.show_detail)
        self.search_edit.results = self.table

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
        self.search_edit.settle()
        key, instance, text = self.filter_key(), self.instance(), self.search_edit.text()
        self.model.timezone, self.model.instance_id = instance.timezone, instance.id
        self.model.from_chatwoot = {} if any_synced(instance.id) else None
        self.model.set_source(chat_listing.keyset(instance, key, text))  # counts them too
        if not keep_rows:
            self.table.scrollToTop()
        total = self.model.total
        self.count_label.setText(count_text(total))
        searched = bool(text.strip())
        self.empty_label.title_label.setText(
            _("No attendance matches the search") if searched else _("No attendances to show")
        )
        self.empty_label.text_label.setText(
            _("Search by the customer's name, phone or protocol.") if searched else self.empty_text
        )
        self.table_stack.setCurrentWidget(self.empty_label if total == 0 else self.table)
        if total and not self.table.currentIndex().isValid():
            self.table.selectRow(0)  # its detail comes with the new current row
        else:
            self.show_detail(self.table.currentIndex())
        self.show_status()

    def _on_change(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id):
            self.reload()

    def show_detail(self, current, _previous=None) -> None:
        """The selected chat's detail, read whole (the list holds only what it shows)."""
        row = self.model.row(current.row()) if current.isValid() else None
        chat = Chat.get_or_none(Chat.id == row.id) if row is not None else None
        if chat is None:
            self.detail.show_chat(None)
            return
        zone = ZoneInfo(self.instance().timezone)
        self.detail.show_chat(chat, self.model.handled_by(chat), zone, self.context.clock.now())

    def refresh_times(self) -> None:
        for column in ChatsModel.TIME_COLUMNS:
            self.model.refresh_column(column)
        self.show_status()
        self.show_detail(self.table.currentIndex())

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
