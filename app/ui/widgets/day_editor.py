"""The hours of one day: Fechado / Aberto 24 horas / Horários with a list of intervals.

Used for each weekday and for each special date. The editor reads and writes the config
shape (`[["08:00", "12:00"], …]`) and shows core's problems under the exact interval,
marking the start or end field that is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem
from app.core.schedule.agenda import format_minutes
from app.i18n import N_, _
from app.ui.icons import icon
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.time_field import TimeField

CLOSED, ALL_DAY, HOURS = 0, 1, 2
MODE_LABELS = (N_("Day closed"), N_("Open 24 hours"), N_("Opening hours"))
ALL_DAY_PAIR = ["00:00", "24:00"]


class QuietComboBox(QComboBox):
    """A combo box that lets the page scroll under the mouse wheel unless it has focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def drop_row(rows: list, row: QWidget, fallback: QWidget) -> None:
    """Take `row` (with a `remove` button) out of `rows` and delete it. When the focus was in
    it, the next row's `remove` takes it, else the one before, else `fallback`: not what
    follows the list (Qt's choice), where Space would act out of sight."""
    focus = QApplication.focusWidget()
    index = rows.index(row)
    rows.remove(row)
    if focus is not None and row.isAncestorOf(focus):
        near = rows[min(index, len(rows) - 1)].remove if rows else fallback
        near.setFocus(Qt.FocusReason.OtherFocusReason)
    row.setParent(None)
    row.deleteLater()


def reserved(label: FieldError) -> FieldError:
    """A message line that keeps its place while empty: what is below does not move under
    the pointer when a message comes and goes as the user types."""
    label.ensurePolished()  # the style sheet's font and padding
    label.setText("Xg")  # the height of one line of message, as the label draws it
    label.setMinimumHeight(label.sizeHint().height())
    label.setText("")
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    return label


class IntervalRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(
        self, day_name: str, number: int, pair: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.start = TimeField("", parent=self)
        self.end = TimeField("", end=True, parent=self)
        self.remove = QPushButton(icon("close", "text_faint"), "", objectName="iconButton")
        self.remove.setFixedWidth(30)
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        row.addWidget(self.remove)
        row.addStretch(1)
        outer.addLayout(row)
        self.error = reserved(FieldError(self))
        outer.addWidget(self.error)
        self.start.set_text_value(pair[0])
        self.end.set_text_value(pair[1])
        self.set_names(day_name, number)
        self.start.edited.connect(self.changed)
        self.end.edited.connect(self.changed)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))

    def set_names(self, day_name: str, number: int) -> None:
        self.start.setAccessibleName(
            _("{day}: start of interval {n}").format(day=day_name, n=number)
        )
        self.end.setAccessibleName(_("{day}: end of interval {n}").format(day=day_name, n=number))
        self.remove.setAccessibleName(
            _("{day}: remove interval {n}").format(day=day_name, n=number)
        )
        self.remove.setToolTip(_("Remove this interval"))

    def value(self) -> list[str]:
        return [self.start.text_value(), self.end.text_value()]

    def show_problems(self, problems: list[Problem], path: str) -> None:
        messages, start_bad, end_bad = [], False, False
        for problem in problems:
            if problem.path == path:
                messages.append(problem.message)
            elif problem.path == f"{path}[0]":
                start_bad = True
                messages.append(_("Start: {message}").format(message=problem.message))
            elif problem.path == f"{path}[1]":
                end_bad = True
                messages.append(_("End: {message}").format(message=problem.message))
        self.start.set_invalid(start_bad)
        self.end.set_invalid(end_bad)
        self.error.show_message("\n".join(messages) or None)


class DayEditor(QWidget):
    changed = Signal()

    def __init__(
        self,
        day_name: str,
        default_pair: tuple[str, str] = ("08:00", "18:00"),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.day_name = day_name
        self.default_pair = list(default_pair)
        self.rows: list[IntervalRow] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.mode = QuietComboBox()
        for label in MODE_LABELS:
            self.mode.addItem(_(label))
        self.mode.setAccessibleName(_("{day}: hours").format(day=day_name))
        layout.addWidget(self.mode, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(4)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        column.addLayout(self.rows_box)
        self.add_button = QPushButton(
            icon("plus", "accent_text"), _("Add interval"), objectName="flat"
        )
        self.add_button.setAccessibleName(_("{day}: add interval").format(day=day_name))
        column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = FieldError(self)
        column.addWidget(self.error)
        layout.addLayout(column, 1)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.add_button.clicked.connect(self.add_interval)
        self._show_rows()

    def set_day_name(self, day_name: str) -> None:
        """Rename (accessible names) — special dates renumber when one is removed."""
        self.day_name = day_name
        self.mode.setAccessibleName(_("{day}: hours").format(day=day_name))
        self.add_button.setAccessibleName(_("{day}: add interval").format(day=day_name))
        for number, row in enumerate(self.rows, start=1):
            row.set_names(day_name, number)

    # -- value ----------------------------------------------------------------------------
    def intervals(self) -> list[list[str]]:
        mode = self.mode.currentIndex()
        if mode == CLOSED:
            return []
        if mode == ALL_DAY:
            return [list(ALL_DAY_PAIR)]
        return [row.value() for row in self.rows]

    def set_intervals(self, pairs: list[list[str]]) -> None:
        self.blockSignals(True)
        self.mode.blockSignals(True)
        try:
            self._clear_rows()
            if not pairs:
                self.mode.setCurrentIndex(CLOSED)
            elif [list(p) for p in pairs] == [ALL_DAY_PAIR]:
                self.mode.setCurrentIndex(ALL_DAY)
            else:
                self.mode.setCurrentIndex(HOURS)
                for pair in pairs:
                    self._append_row(list(pair))
            self._show_rows()
        finally:
            self.mode.blockSignals(False)
            self.blockSignals(False)

    # -- editing --------------------------------------------------------------------------
    def add_interval(self) -> None:
        """A new interval after the last one (or the default when there is none)."""
        pair = list(self.default_pair)
        if self.rows:
            last_end = self.rows[-1].end.minutes()
            if last_end is not None and last_end <= 22 * 60:
                pair = [format_minutes(last_end + 60), format_minutes(min(last_end + 120, 24 * 60))]
        self._append_row(pair)
        self.rows[-1].start.setFocus()
        self.changed.emit()

    def _append_row(self, pair: list[str]) -> None:
        row = IntervalRow(self.day_name, len(self.rows) + 1, pair, self)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self._remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)

    def _remove_row(self, row: IntervalRow) -> None:
        drop_row(self.rows, row, self.mode)  # the focus: a ×, else the day's choice
        for number, other in enumerate(self.rows, start=1):
            other.set_names(self.day_name, number)
        if not self.rows:
            self.mode.setCurrentIndex(CLOSED)  # emits through _mode_changed
            return
        self.changed.emit()

    def _clear_rows(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []

    def _mode_changed(self, mode: int) -> None:
        if mode == HOURS and not self.rows:
            self._append_row(list(self.default_pair))
        self._show_rows()
        self.changed.emit()

    def _show_rows(self) -> None:
        hours = self.mode.currentIndex() == HOURS
        for row in self.rows:
            row.setVisible(hours)
        self.add_button.setVisible(hours)

    def show_problems(self, problems: list[Problem], path: str) -> None:
        """Problems at `path` (the day) and `path[i]…` (its intervals)."""
        mine = [p for p in problems if p.path == path or p.path.startswith(path + "[")]
        day_level = [p.message for p in mine if p.path == path]
        self.error.show_message("\n".join(day_level) or None)
        for index, row in enumerate(self.rows):
            row.show_problems(mine, f"{path}[{index}]")
