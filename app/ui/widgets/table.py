"""The read-only table every list of the app uses (instances, chats, history), and the
"Mostrar:" filter over it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QWidget,
)

from app.i18n import _

SIZED_ROWS = 20  # rows whose contents size the columns: about a screenful


def read_only_table(
    model: QAbstractItemModel, accessible_name: str, parent: QWidget | None = None
) -> QTableView:
    """Whole-row single selection, no editing, no grid, alternating rows."""
    table = QTableView(parent)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    # Sizing columns to their contents looks at a screenful of rows: Qt's default reads 1000,
    # five pages of a lazy model read and held at every reload (bench/memory.py). Not 0 ("the
    # rows on screen"): before the table is shown, Qt takes that for every row.
    table.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
    return table


def filter_bar(accessible_name: str, filters: Iterable[Any]) -> tuple[QHBoxLayout, QComboBox]:
    """ "Mostrar: [filter]": one entry per core filter (its N_()-marked `label`, its `key`)."""
    bar = QHBoxLayout()
    bar.addWidget(QLabel(_("Show:")))
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for spec in filters:
        combo.addItem(_(spec.label), spec.key)
    bar.addWidget(combo)
    return bar, combo
