"""Agenda → Simular: what happens to an automatic message at a picked moment (core decides)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.schedule.decision import DEFER, SEND, Decision, describe_moment
from app.i18n import _
from app.ui.widgets.hint import hint_label

WALL = QTimeZone(QTimeZone.Initialization.UTC)
# (moment, attendance in progress) → core's decision; None while the hours are invalid.
Decide = Callable[[datetime, bool], Decision | None]


class SimulateBox(QWidget):
    """`now()` gives the instance's local time (its zone is the simulated moment's)."""

    def __init__(self, now: Callable[[], datetime], decide: Decide, spacing: int) -> None:
        super().__init__()
        self.now = now
        self.decide = decide
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)  # as the card's own rows
        hint = hint_label(
            _(
                "What happens to an automatic message at a given moment (with the "
                "hours above, even before saving)."
            )
        )
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.at = QDateTimeEdit()
        self.at.setTimeZone(WALL)
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.at.setAccessibleName(_("Moment to simulate"))
        self.at.dateTimeChanged.connect(self.refresh)
        row.addWidget(self.at)
        self.in_progress = QCheckBox(_("Attendance in progress"))
        self.in_progress.setAccessibleName(_("Attendance in progress"))
        self.in_progress.toggled.connect(self.refresh)
        row.addWidget(self.in_progress)
        now_button = QPushButton(_("Now"), objectName="flat")
        now_button.setAccessibleName(_("Simulate now"))
        now_button.clicked.connect(self.reset_time)
        row.addWidget(now_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.decision = QLabel(objectName="decision")
        self.decision.setAccessibleName(_("Simulated decision"))
        layout.addWidget(self.decision)
        self.reason = hint_label()
        self.reason.setAccessibleName(_("Reason of the decision"))
        layout.addWidget(self.reason)

    def reset_time(self) -> None:
        now = self.now()
        # The edit holds a plain wall time (UTC spec: no system zone to shift it).
        self.at.setDateTime(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute), WALL)
        )

    def moment(self) -> datetime:
        """The picked wall time in the instance's zone (a skipped hour reads as before the
        jump, like zoneinfo's fold=0)."""
        qdt = self.at.dateTime()
        d, t = qdt.date(), qdt.time()
        zone = self.now().tzinfo
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=zone)

    def refresh(self) -> None:
        at = self.moment()
        result = self.decide(at, self.in_progress.isChecked())
        if result is None:
            self.decision.setText(_("Fix the fields marked in red to simulate."))
            self.decision.setProperty("kind", "")
            self.reason.setText("")
        else:
            if result.decision == SEND:
                text = _("Sent now")
            elif result.decision == DEFER and result.next_opening is not None:
                text = _("Deferred to {when}").format(when=describe_moment(result.next_opening, at))
            elif result.decision == DEFER:
                text = _("Deferred")
            else:
                text = _("Not sent")
            self.decision.setText(text)
            self.decision.setProperty("kind", result.decision)
            self.reason.setText(result.reason)
        self.decision.style().unpolish(self.decision)
        self.decision.style().polish(self.decision)
