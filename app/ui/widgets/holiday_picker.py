"""Which holidays close the agenda (none / national / national + a state), and the next ones."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.schedule.agenda import (
    HOLIDAY_COUNTRY,
    interval_text,
    subdivision_names,
    upcoming_holidays,
)
from app.i18n import N_, _, format_date, weekday_name
from app.ui.widgets.day_editor import QuietComboBox

IGNORE, NATIONAL, STATE = 0, 1, 2
CHOICES = (N_("Ignore holidays"), N_("National holidays"), N_("National and state holidays"))
DEFAULT_STATE = "SP"


class HolidayPicker(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.choice = QuietComboBox()
        for label in CHOICES:
            self.choice.addItem(_(label))
        self.choice.setAccessibleName(_("Holidays"))
        row.addWidget(self.choice)
        self.state = QuietComboBox()
        self.state.setAccessibleName(_("State"))
        names = subdivision_names()
        for code in sorted(names, key=lambda c: names[c]):
            shown = names[code] if names[code] != code else code
            self.state.addItem(f"{shown} ({code})" if len(code) == 2 else shown, code)
        row.addWidget(self.state)
        row.addStretch(1)
        layout.addLayout(row)
        self.upcoming_title = QLabel(objectName="subTitle")
        layout.addWidget(self.upcoming_title)
        self.upcoming = QLabel(objectName="holidayList")
        self.upcoming.setWordWrap(True)
        self.upcoming.setAccessibleName(_("Next holidays"))
        layout.addWidget(self.upcoming)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self.state.currentIndexChanged.connect(self.changed)
        self._set_state(DEFAULT_STATE)
        self._choice_changed(self.choice.currentIndex(), emit=False)

    def value(self) -> dict | None:
        choice = self.choice.currentIndex()
        if choice == IGNORE:
            return None
        subdivision = self.state.currentData() if choice == STATE else None
        return {"country": HOLIDAY_COUNTRY, "subdivision": subdivision}

    def set_value(self, value: dict | None) -> None:
        self.blockSignals(True)
        try:
            if value is None:
                self.choice.setCurrentIndex(IGNORE)
            elif value["subdivision"] is None:
                self.choice.setCurrentIndex(NATIONAL)
            else:
                self._set_state(value["subdivision"])
                self.choice.setCurrentIndex(STATE)
        finally:
            self.blockSignals(False)

    def _set_state(self, code: str) -> None:
        index = self.state.findData(code)
        if index >= 0:
            self.state.setCurrentIndex(index)

    def _choice_changed(self, choice: int, emit: bool = True) -> None:
        self.state.setVisible(choice == STATE)
        if emit:
            self.changed.emit()

    def show_upcoming(self, today: date, special: dict[date, tuple]) -> None:
        """The next 5 holidays of the current choice, noting special dates that reopen them."""
        value = self.value()
        if value is None:
            self.upcoming_title.setText(_("Holidays are ignored: the weekly hours apply."))
            self.upcoming.setText("")
            self.upcoming.hide()
            return
        self.upcoming_title.setText(_("Next holidays — closed on these days:"))
        lines = []
        for day, name in upcoming_holidays(value["country"], value["subdivision"], today):
            line = _("{date} ({weekday}) — {name}").format(
                date=format_date(day), weekday=weekday_name(day.weekday()), name=name
            )
            if day in special:
                intervals = special[day]
                hours = ", ".join(interval_text(i) for i in intervals) or _("closed all day")
                line += " · " + _("special date: {hours}").format(hours=hours)
            lines.append(line)
        self.upcoming.setText("\n".join(lines))
        self.upcoming.show()
