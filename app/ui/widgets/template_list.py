"""The list of predefined messages: a lazy model filtered in Python, and its row painter.

10k templates stay fluid because a keystroke filters a list of pre-folded strings in
Python and resets the model once (PERFORMANCE.md), instead of a proxy model that calls
back into Python for every row; the view then only asks about the rows on screen. Typing
further only filters what the previous keystroke found, and erasing finds the earlier
answer remembered (`core.templates.search.Narrowing`): few keystrokes scan every row.
A search over more keys than one slice shows the matches of the first slice at once and
appends the others slice by slice on the next turns of the event loop (`SLICE` keys each),
so no keystroke waits for 100k keys to be read; a new keystroke drops the unfinished one.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.templates.search import Narrowing, Search, search_key
from app.core.templates.store import TemplateRow
from app.i18n import _, format_number, ngettext
from app.ui.widgets.template_row import ROW_ROLE, TemplateRowDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1

ALL_CATEGORIES = object()  # the category filter's "every category"
NO_CATEGORY = None  # templates without a category
SLICE = 20_000  # keys searched per turn of the event loop: ~5–10 ms on the 2-core VM


class TemplateListModel(QAbstractListModel):
    searched = Signal()  # a search done in slices found its last matches

    def __init__(self) -> None:
        super().__init__()
        self._pending: Search | None = None
        self._slices = QTimer(self, interval=0)
        self._slices.timeout.connect(self._next_slice)
        self.rows: list[TemplateRow] = []
        self.keys: list[str] = []
        self._search = Narrowing(self.keys)
        self.visible: list[int] = []  # indexes into `rows`, ascending
        self._position_of_id: dict[int, int] = {}
        self.query = ""
        self.category: object = ALL_CATEGORIES

    # -- content --------------------------------------------------------------------------
    def set_rows(self, rows: list[TemplateRow]) -> None:
        self.rows = rows
        self.keys = [search_key(row) for row in rows]
        self._search = Narrowing(self.keys)
        self._position_of_id = {row.id: i for i, row in enumerate(rows)}
        self._refilter()

    def set_filter(self, query: str, category: object = ALL_CATEGORIES) -> None:
        self.query, self.category = query, category
        self._refilter()

    @property
    def searching(self) -> bool:
        """Slices of the current search are still to come."""
        return self._pending is not None

    def _refilter(self) -> None:
        search = self._search.start(self.query)
        search.step(SLICE)
        self._pending = None if search.done else search
        self.beginResetModel()
        self.visible = self._in_category(search.found)
        self.endResetModel()
        if self._pending is None:
            self._slices.stop()
        else:
            self._slices.start()

    def _next_slice(self) -> None:
        search = self._pending
        if search is None:
            self._slices.stop()
            return
        new = self._in_category(search.step(SLICE))
        if new:
            first = len(self.visible)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.visible.extend(new)
            self.endInsertRows()
        if search.done:
            self._pending = None
            self._slices.stop()
            self.searched.emit()

    def _in_category(self, found: list[int]) -> list[int]:
        """A new list: the search's own stays as it remembers it."""
        if self.category is ALL_CATEGORIES:
            return list(found)
        rows = self.rows
        return [i for i in found if rows[i].category == self.category]

    # -- lookups ------------------------------------------------------------------------
    def row_at(self, position: int) -> TemplateRow:
        return self.rows[self.visible[position]]

    def position_of(self, template_id: int | None) -> int | None:
        """Where the template is in the filtered list, or None when hidden or unknown."""
        index = self._position_of_id.get(template_id) if template_id is not None else None
        if index is None:
            return None
        position = bisect_left(self.visible, index)
        if position < len(self.visible) and self.visible[position] == index:
            return position
        return None

    # -- QAbstractListModel ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.visible)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[self.visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.title} — {row.shortcut}"
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None


class TemplateListPanel(QFrame):
    """Search, category filter, the list and its count. Emits `chosen(id)` on a click; the
    page decides (it may refuse because of unsaved changes and call `select` back)."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._categories: list[object] = [ALL_CATEGORIES]
        self._syncing = False
        self.current_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(_("Search messages"))
        self.search_edit.setPlaceholderText(_("Search messages"))
        self.search_edit.setToolTip(
            _(
                "Searches the title, the shortcut and the text; case and "
                "accents are ignored (Ctrl+F)"
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.apply_filter)
        # The page adds its buttons at the end of these two rows.
        self.search_row = QHBoxLayout()
        self.search_row.addWidget(self.search_edit, 1)
        layout.addLayout(self.search_row)
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName(_("Filter by category"))
        self.category_filter.currentIndexChanged.connect(self.apply_filter)
        self.filter_row = QHBoxLayout()
        self.filter_row.addWidget(self.category_filter, 1)
        layout.addLayout(self.filter_row)
        self.model = TemplateListModel()
        self.model.searched.connect(self._searched)
        self.view = QTableView(objectName="templateList")
        self.view.setAccessibleName(_("Predefined messages"))
        self.view.setModel(self.model)
        delegate = TemplateRowDelegate(self.view)
        self.view.setItemDelegate(delegate)
        # A one-column table with fixed row heights: unlike QListView, whose layout asks
        # the (Python) model about every row after each reset, the table's header only
        # needs the row count, so a keystroke over 10k rows costs what the visible rows do.
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(delegate.row_height(self.view.fontMetrics()))
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        layout.addWidget(self.view, 1)
        self.count_label = QLabel(objectName="hint")
        self.count_label.setAccessibleName(_("Number of messages"))
        layout.addWidget(self.count_label)

    def set_rows(self, rows: list[TemplateRow], categories: list[str]) -> None:
        chosen = self._categories[max(self.category_filter.currentIndex(), 0)]
        self._categories = [ALL_CATEGORIES, NO_CATEGORY, *categories]
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItems([_("All categories"), _("No category"), *categories])
        index = self._categories.index(chosen) if chosen in self._categories else 0
        self.category_filter.setCurrentIndex(index)
        self.category_filter.blockSignals(False)
        self.model.set_rows(rows)
        self.apply_filter()

    def choose_category(self, category: object) -> None:
        self.category_filter.setCurrentIndex(self._categories.index(category))

    def apply_filter(self, *_args) -> None:
        category = self._categories[max(self.category_filter.currentIndex(), 0)]
        self.model.set_filter(self.search_edit.text(), category)
        self._searched()

    def _searched(self) -> None:
        """The selection and the count, again when the last slice of a search came in."""
        self.select(self.current_id)
        shown, total = len(self.model.visible), len(self.model.rows)
        if total and not shown:
            text = _("No message found.")
        elif not total:  # "Nenhuma mensagem", never "0 mensagem"
            text = _("No predefined message yet.")
        elif shown == total:
            count = format_number(total)
            text = ngettext("{count} message", "{count} messages", total).format(count=count)
        else:
            text = ngettext(
                "{shown} of {count} message", "{shown} of {count} messages", total
            ).format(shown=format_number(shown), count=format_number(total))
        self.count_label.setText(text)

    def select(self, template_id: int | None) -> None:
        """Highlight `template_id` (when it is shown) without emitting `chosen`."""
        self.current_id = template_id
        position = self.model.position_of(template_id)
        self._syncing = True
        try:
            if position is None:
                self.view.setCurrentIndex(QModelIndex())
            else:
                index = self.model.index(position)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
        finally:
            self._syncing = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        template_id = current.data(ID_ROLE)
        if template_id != self.current_id:
            self.chosen.emit(template_id)
