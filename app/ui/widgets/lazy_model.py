"""A table model over a long ordered listing, holding only a window of it.

The listing is a `core.common.keyset.Keyset`: the model knows how many rows there are
(one COUNT) and reads pages of `page_size` rows when the view asks for them — the page
after a page it holds by key (`WHERE key > last key`), the page before one likewise, the
first and the last pages directly (Ctrl+End is one query), and only a jump far from any
page held uses OFFSET, once. At most `max_pages` pages stay in memory (least recently used
dropped, read again when shown again), so scrolling to the end of a million rows holds
what a screen needs. Subclasses say how a row is shown in `cell(row, column, role)`.

A listing too costly to count first (a text search over a long history scans every row to
count them) is shown `counted=False`: the model then grows a page at a time as the view
scrolls (`canFetchMore`/`fetchMore`, each page read after the last row's key), and only
rows known so far are a position away.
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
        self.counted = True  # False: `total` is the rows known so far, more may follow
        self._tail: tuple[Any, ...] | None = None  # uncounted: the key of the last row known

    # -- subclass API ----------------------------------------------------------------------
    def header(self, column: int) -> str:
        return _(self.columns[column])

    def cell(self, row: Any, column: int, role: Qt.ItemDataRole) -> Any:
        raise NotImplementedError

    # -- loading ---------------------------------------------------------------------------
    def set_source(self, source: Keyset | None, counted: bool = True) -> None:
        """Show `source`'s rows (None: none). The view keeps its scroll position."""
        self.beginResetModel()
        self.source, self.counted = source, counted
        self.pages.clear()
        self.reads = 0
        self.total, self._tail = 0, None
        if source is not None and counted:
            self.total = source.count()
        elif source is not None:
            self._grow(source.first(self.page_size))
        self.endResetModel()

    def reload(self) -> None:
        """Count and read again (the data changed)."""
        self.set_source(self.source, self.counted)

    def _grow(self, rows: list[Any]) -> None:
        """Uncounted: `rows` follow the last row known (a page, or less at the end)."""
        self.reads += 1
        if rows:
            self._keep(self.total // self.page_size, rows)
            self.total += len(rows)
            self._tail = self.source.key_of(rows[-1]) if self.source else None
        self.counted = len(rows) < self.page_size  # fewer than asked: the end is known

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
            self._keep(number, page)
        else:
            self.pages.move_to_end(number)
        # Shorter only when rows went away since the count: the next reload shows it.
        return page[offset] if offset < len(page) else None

    def _keep(self, number: int, page: list[Any]) -> None:
        """Hold `page`, dropping the least recently used beyond `max_pages`."""
        self.pages[number] = page
        while len(self.pages) > self.max_pages:
            self.pages.popitem(last=False)

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
        if not self.counted:  # no known end to read from: forward from the start
            return source.at(start, size)
        if start + size >= self.total:
            return source.last(size)
        return source.at(start, size, self.total)

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self.counted and self._tail is not None

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        assert self.source is not None and self._tail is not None
        rows = self.source.after(self._tail, self.page_size)
        if rows:
            self.beginInsertRows(ROOT, self.total, self.total + len(rows) - 1)
        self._grow(rows)
        if rows:
            self.endInsertRows()

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
