"""The read-only table every list of the app uses (instances, chats, history)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


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
    return table
