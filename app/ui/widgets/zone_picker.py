"""The time-zone picker: zones by their Portuguese names ("Horário de Brasília (São Paulo)")
with the IANA name in grey beside each (and as its tooltip); typing finds a zone by either,
with or without accents. The names, the order and the search text come from core."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.core.instances.timezones import brazilian_zones
from app.core.instances.zone_names import search_key, zone_choices, zone_from_text

ZONE_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
GAP = 12  # between the name and its IANA name


class ZoneDelegate(QStyledItemDelegate):
    """The name on the left (elided if it must), the IANA name in grey on the right."""

    def paint(self, painter, option, index: QModelIndex) -> None:
        zone = index.data(ZONE_ROLE)
        if not zone or zone == index.data():
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        metrics = opt.fontMetrics
        detail_width = metrics.horizontalAdvance(zone)
        room = max(0, opt.rect.width() - detail_width - GAP - 8)
        opt.text = metrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.drawText(
            opt.rect.adjusted(0, 0, -8, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            zone,
        )
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 (Qt naming)
        size = super().sizeHint(option, index)
        zone = index.data(ZONE_ROLE)
        if zone and zone != index.data():
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(zone) + GAP)
        return size


class ZoneCompleter(QCompleter):
    """Matches the search text (name and IANA name, with and without accents); a pick puts
    the zone's name in the field, not the search text."""

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 (Qt naming)
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class ZonePicker(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model = QStandardItemModel(self)
        for zone, label in zone_choices():
            item = QStandardItem(label)
            item.setData(zone, ZONE_ROLE)
            item.setData(zone, Qt.ItemDataRole.ToolTipRole)
            item.setData(search_key(zone), SEARCH_ROLE)
            model.appendRow(item)
        self.setModel(model)
        self.insertSeparator(len(brazilian_zones()))
        delegate = ZoneDelegate(self)
        self.setItemDelegate(delegate)
        completer = ZoneCompleter(model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.popup().setItemDelegate(delegate)
        self.setCompleter(completer)
        self.currentIndexChanged.connect(self._show_zone_as_tooltip)

    def zone(self) -> str:
        """The IANA name of what is picked or typed (the text as typed when it is no zone:
        the validation says so)."""
        index = self.currentIndex()
        if index >= 0 and self.currentText() == self.itemText(index):
            return self.itemData(index, ZONE_ROLE) or zone_from_text(self.currentText())
        return zone_from_text(self.currentText())

    def set_zone(self, zone: str) -> None:
        index = self.findData(zone, ZONE_ROLE)
        if index >= 0:
            self.setCurrentIndex(index)
        else:  # an alias or a zone the list does not offer: shown as stored
            self.setEditText(zone)

    def _show_zone_as_tooltip(self, index: int) -> None:
        self.setToolTip(self.itemData(index, ZONE_ROLE) or "" if index >= 0 else "")
