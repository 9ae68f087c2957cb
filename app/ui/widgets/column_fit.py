"""Columns of a list table that fit its width: no sideways scrolling in a 900-pixel window.

Each column is as wide as its contents (a screenful of rows, see `widgets.table`) while they
fit; when they don't, the widest give way first, down to a floor each, and the text is
elided ("Pedro Henrique…"; the whole of it in the detail below the table). One column,
the main one, stretches over what is left and keeps a minimum width of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

GAP = 16  # between one column's text and the next one's, when there is room


def fitted_widths(wanted: Sequence[int], floors: Sequence[int], available: int) -> list[int]:
    """The widths of columns wanting `wanted` in `available` pixels: all of them when they fit;
    else every column capped at one width (the widest shrink first), never below its floor
    nor above what it wants."""
    if sum(wanted) <= available:
        return list(wanted)
    low, high = 0, max(wanted)
    while low < high:  # the widest cap that fits
        cap = (low + high + 1) // 2
        if sum(min(w, max(f, cap)) for w, f in zip(wanted, floors, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    return [min(w, max(f, low)) for w, f in zip(wanted, floors, strict=True)]


class ColumnFit(QObject):
    """Sizes `table`'s columns at each resize and each new set of rows. `main` stretches and
    keeps `main_minimum` pixels; `floors` are the other columns' least widths (a column not
    named there may shrink to 60 px); `fixed` columns keep their contents' width."""

    def __init__(
        self,
        table: QTableView,
        main: int,
        main_minimum: int,
        floors: Mapping[int, int] | None = None,
        fixed: Sequence[int] = (),
    ) -> None:
        super().__init__(table)
        self.table, self.main, self.main_minimum = table, main, main_minimum
        self.floors, self.fixed = dict(floors or {}), tuple(fixed)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(main, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        table.viewport().installEventFilter(self)
        model = table.model()
        model.modelReset.connect(self.fit)
        model.rowsInserted.connect(self.fit)
        self.fit()

    def wanted(self, column: int) -> int:
        header = self.table.horizontalHeader()
        return max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))

    def fit(self, *_args) -> None:
        header = self.table.horizontalHeader()
        others = [c for c in range(header.count()) if c != self.main]
        wanted = [self.wanted(c) for c in others]
        floors = [
            w if c in self.fixed else min(w, self.floors.get(c, 60))
            for c, w in zip(others, wanted, strict=True)
        ]
        available = self.table.viewport().width() - self.main_minimum
        padded = [w + GAP for w in wanted]  # air between the columns, when all of it fits
        roomy = sum(padded) + self.wanted(self.main) <= self.table.viewport().width()
        widths = padded if roomy else fitted_widths(wanted, floors, available)
        for column, width in zip(others, widths, strict=True):
            header.resizeSection(column, width)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
