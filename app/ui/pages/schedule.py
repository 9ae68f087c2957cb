"""Agenda de funcionamento (SPEC §7): week editor, holidays, special dates, live status,
a week strip and the "Simular" box — all through core (validation, opening, decision)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from app.core.common.validation import Problem, errors
from app.core.schedule import store as schedule
from app.core.schedule.agenda import WEEKDAY_KEYS, Agenda, agenda_from_values, parse_time
from app.core.schedule.decision import DEFER, SEND, decide, describe_moment, status_line
from app.core.schedule.opening import is_open
from app.core.schedule.validation import format_hours, validate_schedule
from app.i18n import N_, _, format_time, weekday_name
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.day_editor import DayEditor
from app.ui.widgets.holiday_picker import HolidayPicker
from app.ui.widgets.special_dates import SpecialDatesEditor
from app.ui.widgets.switch import Switch
from app.ui.widgets.week_strip import WeekStrip

PATH = schedule.SECTION_KEY
WALL = QTimeZone(QTimeZone.Initialization.UTC)


class SchedulePage(SettingsPage):
    key = "schedule"
    description = N_(
        "Outside these hours the automatic messages of Notificações Inteligentes wait for the "
        "next opening. Holidays are closed unless a special date says otherwise."
    )

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        self.zone = ZoneInfo(self.instance().timezone)
        self.edited_agenda: Agenda | None = None  # the values on screen, when valid
        self.edited_dirty = False
        self._open_look: bool | None = None
        self._build_agenda_card()
        self._build_week_card()
        self._build_holidays_card()
        self._build_special_card()
        self._build_simulate_card()
        self.body.addStretch(1)
        self.clock_timer = QTimer(self)
        self.clock_timer.setSingleShot(True)
        self.clock_timer.timeout.connect(self.refresh_clock)
        self.load()
        self._reset_simulation_time()
        self._arm_clock()

    # -- building -------------------------------------------------------------------------
    def _build_agenda_card(self) -> None:
        card = self.card()
        row = QHBoxLayout()
        self.switch = Switch(_("Use business hours"))
        self.switch.toggled.connect(self.changed)
        row.addWidget(self.switch)
        label = QLabel(_("Use business hours"), objectName="switchLabel")
        label.setBuddy(self.switch)
        row.addWidget(label, 1)
        card.addLayout(row)
        self.status = QLabel(objectName="statusLine")
        self.status.setAccessibleName(_("Status now"))
        self.status.setWordWrap(True)
        card.addWidget(self.status)
        self.zone_label = QLabel(objectName="hint")
        self.zone_label.setWordWrap(True)
        card.addWidget(self.zone_label)

    def _build_week_card(self) -> None:
        card = self.card(_("Weekly hours"))
        self.strip = WeekStrip()
        card.addWidget(self.strip)
        self.total_label = QLabel(objectName="hint")
        card.addWidget(self.total_label)
        card.addWidget(self.error_label(f"{PATH}.week"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.days: dict[str, DayEditor] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(WEEKDAY_KEYS):
            name = weekday_name(index)
            if index:
                line = QFrame(objectName="separator")
                line.setFrameShape(QFrame.Shape.HLine)
                grid.addWidget(line, 2 * index - 1, 0, 1, 3)
            title = QLabel(name[:1].upper() + name[1:], objectName="dayName")
            title.setMinimumWidth(110)
            grid.addWidget(title, 2 * index, 0, Qt.AlignmentFlag.AlignTop)
            editor = DayEditor(name)
            editor.changed.connect(self.changed)
            self.days[key] = editor
            grid.addWidget(editor, 2 * index, 1)
            copy = QPushButton(_("Copy to weekdays"), objectName="flat")
            copy.setAccessibleName(_("Copy {day} to the weekdays").format(day=name))
            copy.setToolTip(_("Monday to Friday get the hours of {day}").format(day=name))
            copy.clicked.connect(lambda _checked=False, k=key: self.copy_to_workdays(k))
            self.copy_buttons[key] = copy
            grid.addWidget(copy, 2 * index, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        card.addLayout(grid)

    def _build_holidays_card(self) -> None:
        card = self.card(_("Holidays"))
        self.holidays = HolidayPicker()
        self.holidays.changed.connect(self.changed)
        card.addWidget(self.holidays)
        card.addWidget(self.error_label(f"{PATH}.holidays"))
        card.addWidget(self.error_label(f"{PATH}.holidays.subdivision"))

    def _build_special_card(self) -> None:
        card = self.card(_("Special dates"))
        hint = QLabel(
            _(
                "A date with its own hours (or closed) — e.g. 24/12 08:00–12:00. It "
                "wins over the weekday and over a holiday."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        card.addWidget(hint)
        self.special = SpecialDatesEditor()
        self.special.changed.connect(self.changed)
        card.addWidget(self.special)
        card.addWidget(self.error_label(f"{PATH}.special_dates"))

    def _build_simulate_card(self) -> None:
        card = self.card(_("Simulate"))
        hint = QLabel(
            _(
                "What happens to an automatic message at a given moment (with the "
                "hours above, even before saving)."
            ),
            objectName="hint",
        )
        hint.setWordWrap(True)
        card.addWidget(hint)
        row = QHBoxLayout()
        self.sim_at = QDateTimeEdit()
        self.sim_at.setTimeZone(WALL)
        self.sim_at.setCalendarPopup(True)
        self.sim_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.sim_at.setAccessibleName(_("Moment to simulate"))
        self.sim_at.dateTimeChanged.connect(self.refresh_simulation)
        row.addWidget(self.sim_at)
        self.sim_in_progress = QCheckBox(_("Attendance in progress"))
        self.sim_in_progress.setAccessibleName(_("Attendance in progress"))
        self.sim_in_progress.toggled.connect(self.refresh_simulation)
        row.addWidget(self.sim_in_progress)
        now_button = QPushButton(_("Now"), objectName="flat")
        now_button.setAccessibleName(_("Simulate now"))
        now_button.clicked.connect(self._reset_simulation_time)
        row.addWidget(now_button)
        row.addStretch(1)
        card.addLayout(row)
        self.sim_decision = QLabel(objectName="decision")
        self.sim_decision.setAccessibleName(_("Simulated decision"))
        card.addWidget(self.sim_decision)
        self.sim_reason = QLabel(objectName="hint")
        self.sim_reason.setWordWrap(True)
        self.sim_reason.setAccessibleName(_("Reason of the decision"))
        card.addWidget(self.sim_reason)

    # -- SettingsPage ---------------------------------------------------------------------
    def show_values(self, values: dict[str, Any]) -> None:
        self.zone = ZoneInfo(self.instance().timezone)
        self.special.today = self._now().date()
        self.switch.setChecked(values["enabled"])
        for key, editor in self.days.items():
            editor.set_intervals(values["week"][key])
        self.holidays.set_value(values["holidays"])
        self.special.set_values(values["special_dates"])

    def read_values(self) -> dict[str, Any]:
        return {
            "enabled": self.switch.isChecked(),
            "week": {key: editor.intervals() for key, editor in self.days.items()},
            "holidays": self.holidays.value(),
            "special_dates": self.special.values(),
        }

    def show_problems(self, problems: list[Problem]) -> None:
        super().show_problems(problems)
        for key, editor in self.days.items():
            editor.show_problems(problems, f"{PATH}.week.{key}")
        self.special.show_problems(problems, f"{PATH}.special_dates")

    def changed(self, *_args) -> None:
        super().changed()
        if not self.session.loading:
            self.refresh_previews()

    # -- actions --------------------------------------------------------------------------
    def copy_to_workdays(self, key: str) -> None:
        week = schedule.copy_to_workdays(self.read_values()["week"], key)
        for index in range(5):
            other = WEEKDAY_KEYS[index]
            if other != key:
                self.days[other].set_intervals(week[other])
        self.changed()

    # -- previews (status, strip, holidays, simulation) -----------------------------------
    def _now(self) -> datetime:
        return self.context.clock.now().astimezone(self.zone)

    def refresh_previews(self) -> None:
        """After an edit: the edited agenda (None while invalid) feeds every preview."""
        values = self.read_values()
        valid = not errors(validate_schedule(values, PATH))
        self.edited_agenda = agenda_from_values(values, self.zone.key) if valid else None
        self.edited_dirty = values != self.session.loaded
        now = self._now()
        week = [_drawable(values["week"][key]) for key in WEEKDAY_KEYS]
        self.strip.set_week(week, (now.weekday(), now.hour * 60 + now.minute), values["enabled"])
        total = sum(end - start for day in week for start, end in day)
        self.total_label.setText(
            _("Open {duration} a week.").format(duration=format_hours(total))
            if total
            else _("Closed every day of the week.")
        )
        agenda = self.edited_agenda
        self.holidays.show_upcoming(now.date(), agenda.special_dates if agenda else {})
        self.refresh_clock(rearm=False)
        self.refresh_simulation()

    def refresh_clock(self, rearm: bool = True) -> None:
        """The live parts: status line, "now" on the strip, the local time. Each minute."""
        now = self._now()
        self.zone_label.setText(
            _(
                "Time zone of the instance: {zone} (now {time} there). Change "
                "it under Edit instance on the home screen."
            ).format(zone=self.zone.key, time=format_time(now))
        )
        agenda = self.edited_agenda
        if agenda is None:
            self.status.setText(_("Fix the hours marked in red to see whether it is open now."))
            self._set_open_look(False)
        else:
            self._set_open_look(is_open(agenda, now))
            text = status_line(agenda, now)
            if self.edited_dirty:
                text += " " + _("(with the unsaved changes)")
            self.status.setText(text)
        self.strip.now = (now.weekday(), now.hour * 60 + now.minute)
        self.strip.update()
        if rearm:
            self._arm_clock()

    def _set_open_look(self, open_now: bool) -> None:
        # Tracked in Python: reading an unset Qt property leaks None in PySide6 6.12.
        if self._open_look != open_now:
            self._open_look = open_now
            self.status.setProperty("open", open_now)
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)

    def _arm_clock(self) -> None:
        now = self.context.clock.now()
        self.clock_timer.start(60_000 - (now.second * 1000 + now.microsecond // 1000) + 20)

    def _reset_simulation_time(self) -> None:
        now = self._now()
        # The edit holds a plain wall time (UTC spec: no system zone to shift it).
        self.sim_at.setDateTime(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute), WALL)
        )

    def simulation_moment(self) -> datetime:
        """The picked wall time in the instance's zone (a skipped hour reads as before the
        jump, like zoneinfo's fold=0)."""
        qdt = self.sim_at.dateTime()
        d, t = qdt.date(), qdt.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.zone)

    def refresh_simulation(self) -> None:
        agenda = self.edited_agenda
        if agenda is None:
            self.sim_decision.setText(_("Fix the fields marked in red to simulate."))
            self.sim_decision.setProperty("kind", "")
            self.sim_reason.setText("")
        else:
            at = self.simulation_moment()
            result = decide(self.instance(), at, self.sim_in_progress.isChecked(), agenda)
            if result.decision == SEND:
                text = _("Sent now")
            elif result.decision == DEFER and result.next_opening is not None:
                text = _("Deferred to {when}").format(when=describe_moment(result.next_opening, at))
            elif result.decision == DEFER:
                text = _("Deferred")
            else:
                text = _("Not sent")
            self.sim_decision.setText(text)
            self.sim_decision.setProperty("kind", result.decision)
            self.sim_reason.setText(result.reason)
        self.sim_decision.style().unpolish(self.sim_decision)
        self.sim_decision.style().polish(self.sim_decision)


def _drawable(pairs: list[list[str]]) -> tuple[tuple[int, int], ...]:
    """The intervals of a day that can be drawn (valid ones), while the user types."""
    out = []
    for pair in pairs:
        start, end = parse_time(pair[0]), parse_time(pair[1], end=True)
        if start is not None and end is not None and start < end:
            out.append((start, end))
    return tuple(out)
