"""The two options of Encerramento automático v2 (SPEC §12) as the page shows them: the
warning before closing (a switch, the minutes before, the message) and counting only the
business hours (a switch, the live example sentence).

They read and show values in core's shape (`app.core.watcher.closing_options`); the page
validates through core, fills the example and the preview, and saves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.watcher import closing_options
from app.core.watcher.deadlines import BUSINESS_HOURS, CALENDAR
from app.core.watcher.time_limit import TypedAmount, read_amount
from app.i18n import N_, _, ngettext
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.hint import hint_label
from app.ui.widgets.message_field import MessageField
from app.ui.widgets.switch import SwitchRow

WARNING_PATH = "auto_close.warning"
MINUTES_PATH = f"{WARNING_PATH}.minutes_before"
MESSAGE_PATH = f"{WARNING_PATH}.message"
COUNT_PATH = "auto_close.count"
SUGGESTED_MINUTES = 10  # what the field shows before a warning was ever set

WARNING_LABEL = N_("Warning before closing")
WARNING_HINT = N_(
    "A message sent once to the customer shortly before the attendance is closed. If the "
    "customer answers, the attendance is not closed."
)
COUNT_HINT = N_(
    "The time limit counts only the minutes the business hours agenda is open, holidays "
    "and special dates included; nights and weekends do not count."
)
AGENDA_OFF = N_("The business hours agenda is off: this option counts like calendar time.")


def amount_edit(accessible_name: str) -> QLineEdit:
    """A field for an amount of time as Brazilians type it ("90", "1,5", "1.000"): digits
    and separators only; core reads it (`time_limit.read_amount`) and explains a refusal
    under the field, so nothing typed is dropped or changed on the way."""
    edit = QLineEdit()
    pattern = QRegularExpression(r"[0-9.,]{0,12}")
    edit.setValidator(QRegularExpressionValidator(pattern, edit))
    edit.setFixedWidth(80)
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setAccessibleName(accessible_name)
    return edit


class ClosingWarning(QWidget):
    """Aviso antes de encerrar. Off is `None` (stored as `warning: null`); what is typed
    stays on screen while off but is neither checked nor stored."""

    edited = Signal()

    def __init__(
        self, error_label: Callable[[str], FieldError], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = SwitchRow(_(WARNING_LABEL), _(WARNING_HINT))
        self.switch = row.switch
        self.switch.toggled.connect(self._toggled)
        layout.addLayout(row)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 4, 0, 0)
        details.setSpacing(6)
        minutes = QHBoxLayout()
        send = QLabel(_("Send it"))
        minutes.addWidget(send)
        # Like the time limit; the bounds (1 … time limit − 1) are core's to explain.
        self.minutes_edit = amount_edit(_("Minutes before closing"))
        self.minutes_edit.setText(str(SUGGESTED_MINUTES))
        self.minutes_edit.textChanged.connect(self._minutes_changed)
        send.setBuddy(self.minutes_edit)
        minutes.addWidget(self.minutes_edit)
        self.unit_label = QLabel()
        minutes.addWidget(self.unit_label)
        minutes.addStretch(1)
        details.addLayout(minutes)
        details.addWidget(error_label(MINUTES_PATH))
        self.message = MessageField(
            _("Warning message"),
            _(
                "E.g.: {{primeiro_nome}}, are you still there? Without an answer, this "
                "attendance will be closed soon."
            ),
            caption=_("Message"),
            error=error_label(MESSAGE_PATH),
            preview=True,
        )
        self.message.edited.connect(self.edited)
        details.addWidget(self.message)
        layout.addWidget(self.details)
        self._minutes_changed()
        self._toggled(False)

    def _toggled(self, on: bool) -> None:
        self.details.setEnabled(on)
        self.edited.emit()

    def _minutes_changed(self, *_args) -> None:
        n = int(self.amount().number)
        self.unit_label.setText(ngettext("minute before closing", "minutes before closing", n))
        self.edited.emit()

    def amount(self) -> TypedAmount:
        """The typed minutes as core reads them (0 while empty: out of bounds)."""
        return read_amount(self.minutes_edit.text(), "minutes")

    def value(self) -> dict[str, Any] | None:
        if not self.switch.isChecked():
            return None
        return {"minutes_before": self.amount().minutes, "message": self.message.text()}

    def show_value(self, warning: dict[str, Any] | None) -> None:
        self.blockSignals(True)
        try:
            self.switch.setChecked(warning is not None)
            if warning is not None:
                self.minutes_edit.setText(str(warning["minutes_before"]))
                self.message.set_text(warning["message"])
        finally:
            self.blockSignals(False)
        self.details.setEnabled(warning is not None)


class CountOption(QWidget):
    """Contar só o horário de funcionamento, with the live example under it."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = SwitchRow(_(closing_options.COUNTS[BUSINESS_HOURS]), _(COUNT_HINT))
        self.switch = row.switch
        self.switch.toggled.connect(self.edited)
        # Under the label, like the hint: what the agenda does to the option, the example.
        self.agenda_note = QLabel(_(AGENDA_OFF), objectName="fieldWarning")
        self.agenda_note.setWordWrap(True)
        row.addWidget(self.agenda_note, 2, 1)
        self.example_label = hint_label()
        self.example_label.setObjectName("example")
        self.example_label.setTextFormat(Qt.TextFormat.RichText)
        self.example_label.setAccessibleName(_("Example"))
        row.addWidget(self.example_label, 3, 1)
        layout.addLayout(row)

    def count(self) -> str:
        return BUSINESS_HOURS if self.switch.isChecked() else CALENDAR

    def show_count(self, count: str) -> None:
        self.blockSignals(True)
        try:
            self.switch.setChecked(count == BUSINESS_HOURS)
        finally:
            self.blockSignals(False)

    def show_example(self, sentence: str | None, agenda_on: bool) -> None:
        """Core's sentence for the current settings (None: the time limit is invalid)."""
        self.agenda_note.setVisible(not agenda_on)
        self.example_label.setVisible(bool(sentence))
        self.example_label.setText(
            "<b>{}</b> {}".format(html.escape(_("Example:")), html.escape(sentence or ""))
        )
