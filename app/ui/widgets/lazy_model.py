"""A table model over a long ordered listing, holding only a window of it.

The listing is a `core.common.keyset.Keyset`: the model knows how many rows there are
(one COUNT) and reads pages of `page_size` rows when the view asks for them — the page
after a page it holds by key (`WHERE key > last key`), the page before one likewise, the
first and the last pages directly (Ctrl+End is one query), and only a jump far from any
page held uses OFFSET, once. At most `max_pages` pages stay in memory (least recently used
dropped, read again when shown again), so scrolling to the end of a million rows holds
what a screen needs. Subclasses say how a row is shown in `cell(row, column, role)`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.core.common.keyset import Keyset
from app.i18n import _

PAGE_SIZE = 200
MAX_PAGES = 8
ROOT = QModelIndex()  # the invalid index: "no parent" of a flat table


class LazyQueryModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()  # N_()-marked headers, translated by `header`

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.source: Keyset | None = None
        self.total = 0
        self.page_size = PAGE_SIZE
        self.max_pages = MAX_PAGES
        self.pages: OrderedDict[int, list[Any]] = OrderedDict()  # page number → rows
        self.reads = 0  # queries for pages since the last reset (tests, benchmarks)

    # -- subclass API ----------------------------------------------------------------------
    def header(self, column: int) -> str:
        return _(self.columns[column])

    def cell(self, row: Any, column: int, role: Qt.ItemDataRole) -> Any:
        raise NotImplementedError

    # -- loading ---------------------------------------------------------------------------
    def set_source(self, source: Keyset | None) -> None:
        """Show `source`'s rows (None: none). The view keeps its scroll position."""
        self.beginResetModel()
        self.source = source
        self.pages.clear()
        self.reads = 0
        self.total = source.count() if source is not None else 0
        self.endResetModel()

    def reload(self) -> None:
        """Count and read again (the data changed)."""
        self.set_source(self.source)

    def held(self) -> int:
        """How many rows are in memory."""
        return sum(len(page) for page in self.pages.values())

    def row(self, position: int) -> Any | None:
        """The row at `position`, read with its page if needed (None outside the listing)."""
        if not 0 <= position < self.total:
            return None
        number, offset = divmod(position, self.page_size)
        page = self.pages.get(number)
        if page is None:
            page = self._read(number)
            self.pages[number] = page
            while len(self.pages) > self.max_pages:
                self.pages.popitem(last=False)
        else:
            self.pages.move_to_end(number)
        # Shorter only when rows went away since the count: the next reload shows it.
        return page[offset] if offset < len(page) else None

    def _read(self, number: int) -> list[Any]:
        assert self.source is not None
        source, start = self.source, number * self.page_size
        size = min(self.page_size, self.total - start)
        self.reads += 1
        previous, following = self.pages.get(number - 1), self.pages.get(number + 1)
        if number == 0:
            return source.first(size)
        if previous:
            return source.after(source.key_of(previous[-1]), size)
        if following:
            return source.before(source.key_of(following[0]), size)
        if start + size >= self.total:
            return source.last(size)
        return source.at(start, size, self.total)

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row(index.row())
        return None if row is None else self.cell(row, index.column(), role)

    def refresh_column(self, column: int) -> None:
        """Repaint one column (relative times) without querying again."""
        if self.total:
            self.dataChanged.emit(self.index(0, column), self.index(self.total - 1, column))
