"""The list of predefined messages: a lazy model filtered in Python, and its row painter.

10k templates stay fluid because a keystroke filters a list of pre-folded strings in
Python and resets the model once (PERFORMANCE.md), instead of a proxy model that calls
back into Python for every row. With `uniformItemSizes` the view asks one size hint.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.templates import TemplateRow, matching, search_key

ROW_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1

ALL_CATEGORIES = object()  # the category filter's "every category"
NO_CATEGORY = None  # templates without a category


class TemplateListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TemplateRow] = []
        self.keys: list[str] = []
        self.visible: list[int] = []  # indexes into `rows`, ascending
        self._position_of_id: dict[int, int] = {}
        self.query = ""
        self.category: object = ALL_CATEGORIES

    # -- content --------------------------------------------------------------------------
    def set_rows(self, rows: list[TemplateRow]) -> None:
        self.rows = rows
        self.keys = [search_key(row) for row in rows]
        self._position_of_id = {row.id: i for i, row in enumerate(rows)}
        self._refilter()

    def set_filter(self, query: str, category: object = ALL_CATEGORIES) -> None:
        self.query, self.category = query, category
        self._refilter()

    def _refilter(self) -> None:
        found = matching(self.keys, self.query)
        if self.category is not ALL_CATEGORIES:
            rows = self.rows
            found = [i for i in found if rows[i].category == self.category]
        self.beginResetModel()
        self.visible = found
        self.endResetModel()

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
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.visible)

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


class TemplateRowDelegate(QStyledItemDelegate):
    """Title in bold, then "/atalho · Categoria", then the start of the content."""

    PADDING = 8
    LINES = 3

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()
        return QSize(200, self.LINES * (height + 2) + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: TemplateRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)
        painter.save()
        rect = option.rect.adjusted(self.PADDING + 4, self.PADDING, -self.PADDING, 0)
        metrics = option.fontMetrics
        line = metrics.height() + 2
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(QColor("#1f2933"))
        self._text(painter, QRect(rect.left(), rect.top(), rect.width(), line), row.title, bold)
        painter.setFont(option.font)
        painter.setPen(QColor("#0b6e63"))
        meta = row.shortcut + (f"  ·  {row.category}" if row.category else "")
        self._text(painter, QRect(rect.left(), rect.top() + line, rect.width(), line), meta,
                   option.font)
        painter.setPen(QColor("#6b7280"))
        excerpt = " ".join(row.content[:300].split())
        self._text(painter, QRect(rect.left(), rect.top() + 2 * line, rect.width(), line),
                   excerpt, option.font)
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, rect: QRect, text: str, font: QFont) -> None:
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
