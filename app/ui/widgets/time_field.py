"""A time-of-day field "HH:MM" that can also say "24:00" (an interval's end).

QTimeEdit cannot show 24:00, and "open until the end of the day" is the natural way to end
an evening interval, so this is a line edit with a validator: any minute can be typed, and
the up/down keys (or the wheel, when focused) move 5 minutes in the minutes part and 1 hour
in the hours part. The ways Brazilians write hours ("8", "18h", "8h30", "8:30", "0830") are
read by core (`app.core.schedule.typed_time`); what is typed stays as typed (normalized on
leaving: "18h" → "18:00"), so a half-written time is reported by core validation under the
field instead of silently reverting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.core.schedule.agenda import DAY_MINUTES, format_minutes, parse_time
from app.core.schedule.typed_time import TYPABLE, read_typed_time
from app.i18n import _

STEP_MINUTES = 5


def normalize_time_text(text: str) -> str:
    """Typed time → "HH:MM": "8", "18h", "8h30", "8:30" and "830" become "08:00"…

    Anything else (a half-typed "8:") is returned unchanged, so validation names it.
    """
    return read_typed_time(text) or text.strip()


class _TimeValidator(QValidator):
    """Refuses keystrokes that cannot become a time; never forces a correction."""

    def validate(self, text: str, pos: int):
        if TYPABLE.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


class TimeField(QLineEdit):
    edited = Signal()

    def __init__(
        self, accessible_name: str, *, end: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.end = end  # an end may be "24:00"
        self.setAccessibleName(accessible_name)
        self.setValidator(_TimeValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setPlaceholderText("HH:MM")
        self.setFixedWidth(72)
        self.setToolTip(_tooltip(end))
        # Kept in Python: PySide6 6.12's QObject.property() loses a reference to None when
        # reading an unset property, which crashes the interpreter after many reads.
        self.invalid = False
        self.setProperty("invalid", False)
        self.textChanged.connect(self.edited)

    # -- value ----------------------------------------------------------------------------
    def text_value(self) -> str:
        """The time as the config file writes it ("08:30"), or the raw text when invalid."""
        return normalize_time_text(self.text())

    def set_text_value(self, text: str) -> None:
        self.setText(text)

    def minutes(self) -> int | None:
        return parse_time(self.text_value(), end=self.end)

    def set_invalid(self, invalid: bool) -> None:
        """Mark the field red (style sheet `QLineEdit[invalid="true"]`)."""
        if self.invalid != invalid:
            self.invalid = invalid
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)
            self.style().polish(self)

    # -- stepping -------------------------------------------------------------------------
    def step(self, steps: int) -> None:
        """Move by `steps`: hours when the cursor is in the hours part, else 5 minutes."""
        value = self.minutes()
        if value is None:
            value = 8 * 60
        cursor = self.cursorPosition()
        if cursor <= 2:
            value += 60 * steps
        elif steps > 0:  # to the next multiple of 5, then whole steps
            value = (value // STEP_MINUTES + steps) * STEP_MINUTES
        else:
            value = (-(-value // STEP_MINUTES) + steps) * STEP_MINUTES
        maximum = DAY_MINUTES if self.end else DAY_MINUTES - STEP_MINUTES
        self.setText(format_minutes(max(0, min(maximum, value))))
        self.setCursorPosition(cursor)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        steps = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 12,
            Qt.Key.Key_PageDown: -12,
        }.get(Qt.Key(event.key()))
        if steps is None:
            super().keyPressEvent(event)
        else:
            self.step(steps)

    def wheelEvent(self, event) -> None:  # noqa: N802
        # Scrolling the page over a field must not change the time unless it has focus.
        if not self.hasFocus() or event.angleDelta().y() == 0:
            event.ignore()
            return
        self.step(1 if event.angleDelta().y() > 0 else -1)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        normalized = self.text_value()
        if normalized != self.text():
            self.setText(normalized)
        super().focusOutEvent(event)


def _tooltip(end: bool) -> str:
    if end:
        return _(
            "Type the time as 8, 8h, 8h30 or 08:30 (24:00 = until the end of the day); the up "
            "and down keys move 5 minutes (1 hour in the hours part)"
        )
    return _(
        "Type the time as 8, 8h, 8h30 or 08:30; the up and down keys move 5 minutes (1 hour "
        "in the hours part)"
    )
