"""Agenda de funcionamento (SPEC §7): week editor, holidays, special dates, live status,
a week strip and the "Simular" box — all through core (validation, opening, decision)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.common.validation import Problem, errors
from app.core.instances import zone_names
from app.core.schedule import store as schedule
from app.core.schedule.agenda import (
    WEEKDAY_KEYS,
    WORKDAYS,
    Agenda,
    agenda_from_values,
    parse_time,
    week_open_minutes,
)
from app.core.schedule.decision import Decision, decide, status_line
from app.core.schedule.opening import is_open
from app.core.schedule.validation import format_hours
from app.i18n import _, format_time, weekday_name
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.day_editor import DayEditor
from app.ui.widgets.hint import hint_label
from app.ui.widgets.holiday_picker import HolidayPicker
from app.ui.widgets.simulate_box import SimulateBox
from app.ui.widgets.special_dates import SpecialDatesEditor
from app.ui.widgets.switch import SwitchRow
from app.ui.widgets.week_strip import WeekStrip

PATH = schedule.SECTION_KEY


class SchedulePage(SettingsPage):
    key = "schedule"

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
        self.simulation.reset_time()
        self._arm_clock()

    # -- building -------------------------------------------------------------------------
    def _build_agenda_card(self) -> None:
        card = self.card()
        row = SwitchRow(_("Use business hours"))
        self.switch = row.switch
        self.switch.toggled.connect(self.changed)
        card.addLayout(row)
        self.status = QLabel(objectName="statusLine")
        self.status.setAccessibleName(_("Status now"))
        self.status.setWordWrap(True)
        # Two lines kept: a longer status (invalid hours, unsaved changes) does not push
        # the week below it down under the pointer.
        self.status.ensurePolished()
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        card.addWidget(self.status)
        self.zone_label = hint_label()
        card.addWidget(self.zone_label)

    def _build_week_card(self) -> None:
        card = self.card(_("Weekly hours"))
        self.strip = WeekStrip()
        card.addWidget(self.strip)
        # The weekly total, or in its place what core says about the week: two lines kept
        # for either, so the days below stay put when a warning comes or goes.
        summary = QWidget()
        summary_layout = QVBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        self.total_label = QLabel(objectName="hint")
        self.total_label.setWordWrap(True)
        summary_layout.addWidget(self.total_label)
        self.week_error = self.error_label(f"{PATH}.week")
        summary_layout.addWidget(self.week_error)
        summary_layout.addStretch(1)
        summary.setMinimumHeight(2 * self.week_error.fontMetrics().lineSpacing() + 2)
        card.addWidget(summary)
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
                grid.addWidget(line, 2 * index - 1, 0, 1, 2)
            # The day's name with "Copiar para os dias úteis" under it, the hours beside:
            # the page fits a 900 px window without scrolling sideways.
            title = QLabel(name[:1].upper() + name[1:], objectName="dayName")
            copy = QPushButton(_("Copy to weekdays"), objectName="flat")
            copy.setAccessibleName(_("Copy {day} to the weekdays").format(day=name))
            copy.setToolTip(_("Monday to Friday get the hours of {day}").format(day=name))
            copy.clicked.connect(lambda _checked=False, k=key: self.copy_to_workdays(k))
            self.copy_buttons[key] = copy
            name_box = QVBoxLayout()
            name_box.setSpacing(0)
            name_box.addWidget(title)
            name_box.addWidget(copy, 0, Qt.AlignmentFlag.AlignLeft)
            name_box.addStretch(1)
            grid.addLayout(name_box, 2 * index, 0)
            editor = DayEditor(name)
            editor.changed.connect(self.changed)
            self.days[key] = editor
            grid.addWidget(editor, 2 * index, 1)
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
        hint = hint_label(
            _(
                "A date with its own hours (or closed) — e.g. 24/12 08:00–12:00. It "
                "wins over the weekday and over a holiday."
            )
        )
        card.addWidget(hint)
        self.special = SpecialDatesEditor()
        self.special.changed.connect(self.changed)
        card.addWidget(self.special)
        card.addWidget(self.error_label(f"{PATH}.special_dates"))

    def _build_simulate_card(self) -> None:
        card = self.card(_("Simulate"))
        self.simulation = SimulateBox(self._now, self._decide, card.spacing())
        card.addWidget(self.simulation)

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
        self.total_label.setHidden(bool(self.week_error.text()))
        for key, editor in self.days.items():
            editor.show_problems(problems, f"{PATH}.week.{key}")
        self.special.show_problems(problems, f"{PATH}.special_dates")

    def changed(self, *_args) -> None:
        problems = self.session.refresh()
        if not self.session.loading:
            self.refresh_previews(problems)

    # -- actions --------------------------------------------------------------------------
    def copy_to_workdays(self, key: str) -> None:
        week = schedule.copy_to_workdays(self.read_values()["week"], key)
        for index in WORKDAYS:
            other = WEEKDAY_KEYS[index]
            if other != key:
                self.days[other].set_intervals(week[other])
        self.changed()

    # -- previews (status, strip, holidays, simulation) -----------------------------------
    def _now(self) -> datetime:
        return self.context.clock.now().astimezone(self.zone)

    def refresh_previews(self, problems: list[Problem]) -> None:
        """After an edit: the edited agenda (None while invalid) feeds every preview."""
        values = self.read_values()
        valid = not errors(problems)
        self.edited_agenda = agenda_from_values(values, self.zone.key) if valid else None
        self.edited_dirty = values != self.session.loaded
        now = self._now()
        week = [_drawable(values["week"][key]) for key in WEEKDAY_KEYS]
        dates = [now.date() + timedelta(days=i - now.weekday()) for i in range(7)]
        moment = (now.weekday(), now.hour * 60 + now.minute)
        exceptions = _exceptions(self.edited_agenda, dates)
        self.strip.set_week(week, moment, values["enabled"], dates, exceptions)
        total = week_open_minutes(week)  # overlaps typed so far count once
        self.total_label.setText(
            _("Open {duration} a week.").format(duration=format_hours(total))
            if total
            else _("Closed every day of the week.")
        )
        agenda = self.edited_agenda
        self.holidays.show_upcoming(now.date(), agenda.special_dates if agenda else {})
        self.refresh_clock(rearm=False)
        self.simulation.refresh()

    def refresh_clock(self, rearm: bool = True) -> None:
        """The live parts: status line, "now" on the strip, the local time. Each minute."""
        now = self._now()
        self.zone_label.setText(  # the zone by its Portuguese name, the IANA name as tooltip
            _(
                "Time zone of the instance: {zone}, now {time} there. Change "
                "it under Edit instance on the home screen."
            ).format(zone=zone_names.zone_label(self.zone.key), time=format_time(now))
        )
        self.zone_label.setToolTip(self.zone.key)
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

    def _decide(self, at: datetime, in_progress: bool) -> Decision | None:
        agenda = self.edited_agenda
        return None if agenda is None else decide(self.instance(), at, in_progress, agenda)


def _exceptions(agenda: Agenda | None, dates: list[date]) -> dict[int, tuple[Any, str]]:
    """The days of the week shown whose hours are not the weekday's: special dates and
    holidays, with the hours core keeps that day (`Agenda.intervals_on`: a special date wins,
    a holiday is closed). Known once the edited agenda is valid."""
    found: dict[int, tuple[Any, str]] = {}
    for index, day in enumerate(dates if agenda is not None else ()):
        why = _("special date") if day in agenda.special_dates else agenda.holiday_name(day)
        if why is not None:
            found[index] = (agenda.intervals_on(day), why)
    return found


def _drawable(pairs: list[list[str]]) -> tuple[tuple[int, int], ...]:
    """The intervals of a day that can be drawn (valid ones), while the user types."""
    out = []
    for pair in pairs:
        start, end = parse_time(pair[0]), parse_time(pair[1], end=True)
        if start is not None and end is not None and start < end:
            out.append((start, end))
    return tuple(out)
