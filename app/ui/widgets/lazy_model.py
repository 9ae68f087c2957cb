"""A table model over a Peewee query that fetches rows in batches as the view scrolls.

Thousands of chats or history events are never loaded (nor turned into widgets) at once:
the view asks `canFetchMore`/`fetchMore` when it nears the end of what it has. Subclasses
say how a row is shown in `cell(row, column, role)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.i18n import _

BATCH = 200
ROOT = QModelIndex()  # the invalid index: "no parent" of a flat table


class LazyQueryModel(QAbstractTableModel):
    columns: tuple[str, ...] = ()  # N_()-marked headers, translated by `header`

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self._query = None
        self._exhausted = True
        self.batch = BATCH

    # -- subclass API ----------------------------------------------------------------------
    def header(self, column: int) -> str:
        return _(self.columns[column])

    def cell(self, row: Any, column: int, role: Qt.ItemDataRole) -> Any:
        raise NotImplementedError

    # -- loading ---------------------------------------------------------------------------
    def set_query(self, query, keep: int = 0) -> None:
        """Show `query`'s rows; fetch at least `keep` of them at once (to keep the scroll)."""
        self.beginResetModel()
        self._query = query
        self.rows = []
        self._exhausted = query is None
        wanted = max(self.batch, keep)
        while not self._exhausted and len(self.rows) < wanted:
            self.rows += self._next_batch()
        self.endResetModel()

    def reload(self) -> None:
        """Run the same query again (data changed), keeping as many rows as were shown."""
        self.set_query(self._query, keep=len(self.rows))

    def _next_batch(self) -> list[Any]:
        batch = list(self._query.limit(self.batch + 1).offset(len(self.rows)))
        self._exhausted = len(batch) <= self.batch
        return batch[: self.batch]

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        batch = self._next_batch()
        if not batch:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
        self.rows += batch
        self.endInsertRows()

    # -- QAbstractTableModel ---------------------------------------------------------------
    def rowCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)

    def refresh_column(self, column: int) -> None:
        """Repaint one column (relative times) without querying again."""
        if self.rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))
