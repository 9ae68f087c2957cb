"""A picture of the week: one bar per weekday with its open intervals, and "now".

Given the dates of the week shown, a day with its own hours (a special date) or closed for
a holiday is drawn with those hours in the warning color and named inside its bar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.schedule.agenda import DAY_MINUTES, Interval, interval_text
from app.i18n import _, format_date, weekday_name
from app.ui.theme import current_colors


class WeekStrip(QWidget):
    LABEL_W, ROW_H, BAR_H, AXIS_H = 96, 22, 14, 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: list[tuple[tuple[int, int], ...]] = [()] * 7
        self.now: tuple[int, int] | None = None  # (weekday, minute) in the instance's zone
        self.enabled = True
        self.dates: list[date] | None = None  # the week shown, Monday first
        self.exceptions: dict[int, tuple[tuple[Interval, ...], str]] = {}  # weekday → day
        self.setAccessibleName(_("Week summary of the open hours"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)

    def set_week(
        self,
        week,
        now: tuple[int, int] | None,
        enabled: bool,
        dates: list[date] | None = None,
        exceptions: dict[int, tuple[tuple[Interval, ...], str]] | None = None,
    ) -> None:
        """`exceptions`: weekday → (the hours of that date, why: a holiday's name…)."""
        self.week = [tuple(day) for day in week]
        self.now = now
        self.enabled = enabled
        self.dates = dates
        self.exceptions = exceptions or {}
        self.setAccessibleDescription("; ".join(self._describe(i) for i in range(7)))
        self.update()

    def _describe(self, index: int) -> str:
        intervals, why = self.exceptions.get(index, (self.week[index], ""))
        hours = ", ".join(interval_text(x) for x in intervals) or _("closed all day")
        return f"{self._day_label(index, 'wide')}: {hours}" + (f" ({why})" if why else "")

    def _day_label(self, index: int, width: str = "abbreviated") -> str:
        name = weekday_name(index, width)
        if self.dates is None:
            return name
        return f"{name} {format_date(self.dates[index], 'dd/MM')}"

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(640, 7 * self.ROW_H + self.AXIS_H + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = float(self.LABEL_W)
        width = max(10.0, self.width() - left - 24)

        def x_of(minute: float) -> float:
            return left + width * minute / DAY_MINUTES

        # Theme colors, read at paint time so a light/dark switch repaints right.
        c = current_colors()
        open_color, track, grid = QColor(c.accent), QColor(c.hover), QColor(c.border)
        open_off = QColor(c.switch_off)  # the agenda is off: the pattern shown, not in force
        text, now_color = QColor(c.text_muted), QColor(c.danger)
        special = QColor(c.warning) if self.enabled else open_off
        rows_h = 7 * self.ROW_H
        p.setPen(QPen(grid, 1))
        for hour in range(0, 25, 3):
            x = x_of(hour * 60)
            p.drawLine(int(x), 2, int(x), rows_h)
        fill = open_color if self.enabled else open_off
        for index, day in enumerate(self.week):
            top = index * self.ROW_H + (self.ROW_H - self.BAR_H) / 2
            p.setPen(text)
            p.drawText(
                QRectF(0, index * self.ROW_H, left - 8, self.ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                self._day_label(index),
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track)
            p.drawRoundedRect(QRectF(left, top, width, self.BAR_H), 4, 4)
            day, why = self.exceptions.get(index, (day, ""))
            p.setBrush(special if why else fill)
            for start, end in day:
                rect = QRectF(x_of(start), top, max(2.0, x_of(end) - x_of(start)), self.BAR_H)
                p.drawRoundedRect(rect, 3, 3)
            if why:  # named at the right end of its bar
                p.setPen(special)
                p.drawText(
                    QRectF(left + 4, top - 3, width - 8, self.BAR_H + 6),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                    why,
                )
        if self.now is not None:
            weekday, minute = self.now
            x = x_of(minute)
            top = weekday * self.ROW_H + 1
            p.setPen(QPen(now_color, 2))
            p.drawLine(int(x), int(top), int(x), int(top + self.ROW_H - 2))
        p.setPen(text)
        for hour in range(0, 25, 6):
            x = x_of(hour * 60)
            p.drawText(
                QRectF(x - 30, rows_h + 2, 60, self.AXIS_H),
                Qt.AlignmentFlag.AlignCenter,
                f"{hour:02d}:00",
            )
        p.end()
