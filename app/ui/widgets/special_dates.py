"""The special dates editor: a list of (date, closed / 24 h / intervals) rows."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem
from app.i18n import _
from app.ui.icons import icon
from app.ui.widgets.day_editor import DayEditor, drop_row, reserved
from app.ui.widgets.field_error import FieldError


class QuietDateEdit(QDateEdit):
    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class SpecialDateRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, number: int, item: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        outer.setSpacing(2)
        layout = QHBoxLayout()
        layout.setSpacing(12)
        outer.addLayout(layout)
        self.date_edit = QuietDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.date_edit.setFixedWidth(130)
        day = date.fromisoformat(item["date"])
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.remove = QPushButton(_("Remove"), objectName="flat")
        # The date with Remover under it, the hours beside: fits a 900 px window.
        date_box = QVBoxLayout()
        date_box.setSpacing(0)
        date_box.addWidget(self.date_edit)
        date_box.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        date_box.addStretch(1)
        layout.addLayout(date_box)
        self.day = DayEditor("", default_pair=("08:00", "12:00"))
        self.day.set_intervals(item["intervals"])
        layout.addWidget(self.day, 1)
        self.date_error = reserved(FieldError(self))
        outer.addWidget(self.date_error)
        self.set_number(number)
        self.date_edit.dateChanged.connect(self.changed)
        self.day.changed.connect(self.changed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_number(self, number: int) -> None:
        name = _("special date {n}").format(n=number)
        self.date_edit.setAccessibleName(_("{day}: date").format(day=name))
        self.remove.setAccessibleName(_("{day}: remove").format(day=name))
        self.day.set_day_name(name)

    def value(self) -> dict:
        qdate = self.date_edit.date()
        return {
            "date": date(qdate.year(), qdate.month(), qdate.day()).isoformat(),
            "intervals": self.day.intervals(),
        }

    def show_problems(self, problems: list[Problem], path: str) -> None:
        messages = [p.message for p in problems if p.path in (path, f"{path}.date")]
        self.date_error.show_message("\n".join(messages) or None)
        self.day.show_problems(problems, f"{path}.intervals")


class SpecialDatesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()  # the page keeps it in the instance's zone
        self.rows: list[SpecialDateRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.empty = QLabel(_("No special date."), objectName="hint")
        layout.addWidget(self.empty)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(0)
        layout.addLayout(self.rows_box)
        self.add_button = QPushButton(icon("plus"), _("Add special date"))
        self.add_button.setAccessibleName(_("Add special date"))
        self.add_button.clicked.connect(self.add_date)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def values(self) -> list[dict]:
        return [row.value() for row in self.rows]

    def set_values(self, items: list[dict]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for item in items:
            self._append(item)
        self.empty.setVisible(not self.rows)

    def add_date(self) -> None:
        """A new special date the day after the last one listed (or tomorrow)."""
        taken = {row.value()["date"] for row in self.rows}
        day = self.today + timedelta(days=1)
        while day.isoformat() in taken:
            day += timedelta(days=1)
        self._append({"date": day.isoformat(), "intervals": [["08:00", "12:00"]]})
        self.rows[-1].date_edit.setFocus()
        self.empty.hide()
        self.changed.emit()

    def _append(self, item: dict) -> None:
        row = SpecialDateRow(len(self.rows) + 1, item, self)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self.rows_box.addWidget(row)

    def _remove(self, row: SpecialDateRow) -> None:
        drop_row(self.rows, row, self.add_button)  # the focus: a Remover, else Adicionar
        for number, other in enumerate(self.rows, start=1):
            other.set_number(number)
        self.empty.setVisible(not self.rows)
        self.changed.emit()

    def show_problems(self, problems: list[Problem], path: str) -> None:
        for index, row in enumerate(self.rows):
            row.show_problems(problems, f"{path}[{index}]")
