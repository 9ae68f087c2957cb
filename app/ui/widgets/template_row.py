"""How one predefined message is painted in the list: title, shortcut and category, and
the start of its text (`TemplateRowDelegate`, fixed row heights)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.templates.store import TemplateRow
from app.ui.emoji import shown_text
from app.ui.theme import current_colors

ROW_ROLE = Qt.ItemDataRole.UserRole  # the TemplateRow of an index


class TemplateRowDelegate(QStyledItemDelegate):
    """Title in bold, then "/atalho · Categoria", then the start of the content."""

    PADDING = 8
    LINES = 3

    def row_height(self, metrics: QFontMetrics) -> int:
        return self.LINES * (metrics.height() + 2) + 2 * self.PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(200, self.row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: TemplateRow | None = index.data(ROW_ROLE)
        if row is None:
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.save()
        colors = current_colors()  # at paint time: follows a light/dark switch
        rect = option.rect.adjusted(self.PADDING + 4, self.PADDING, -self.PADDING, 0)
        metrics = option.fontMetrics
        line = metrics.height() + 2
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(QColor(colors.text))
        title = shown_text(row.title)  # "[emoji]" where no font draws them
        self._text(painter, QRect(rect.left(), rect.top(), rect.width(), line), title, bold)
        painter.setFont(option.font)
        painter.setPen(QColor(colors.accent_text))
        meta = row.shortcut + (f"  ·  {row.category}" if row.category else "")
        self._text(
            painter, QRect(rect.left(), rect.top() + line, rect.width(), line), meta, option.font
        )
        painter.setPen(QColor(colors.text_faint))
        excerpt = shown_text(" ".join(row.content[:300].split()))
        self._text(
            painter,
            QRect(rect.left(), rect.top() + 2 * line, rect.width(), line),
            excerpt,
            option.font,
        )
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, rect: QRect, text: str, font: QFont) -> None:
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
