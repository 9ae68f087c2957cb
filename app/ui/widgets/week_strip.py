"""A picture of the week: one bar per weekday with its open intervals, and "now"."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.core.agenda import DAY_MINUTES, interval_text
from app.i18n import _, weekday_name

OPEN = QColor("#128c7e")
OPEN_OFF = QColor("#a9b4bf")  # the agenda is off: the pattern is shown but not in force
TRACK = QColor("#eef1f4")
GRID = QColor("#dde2e7")
TEXT = QColor("#4b5563")
NOW = QColor("#d92d20")


class WeekStrip(QWidget):
    LABEL_W, ROW_H, BAR_H, AXIS_H = 64, 22, 14, 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: list[tuple[tuple[int, int], ...]] = [()] * 7
        self.now: tuple[int, int] | None = None  # (weekday, minute) in the instance's zone
        self.enabled = True
        self.setAccessibleName(_("Week summary of the open hours"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(360)

    def set_week(self, week, now: tuple[int, int] | None, enabled: bool) -> None:
        self.week = [tuple(day) for day in week]
        self.now = now
        self.enabled = enabled
        self.setAccessibleDescription(
            "; ".join(
                f"{weekday_name(i)}: "
                + (", ".join(interval_text(x) for x in day) or _("closed all day"))
                for i, day in enumerate(self.week)
            )
        )
        self.update()

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

        rows_h = 7 * self.ROW_H
        p.setPen(QPen(GRID, 1))
        for hour in range(0, 25, 3):
            x = x_of(hour * 60)
            p.drawLine(int(x), 2, int(x), rows_h)
        fill = OPEN if self.enabled else OPEN_OFF
        for index, day in enumerate(self.week):
            top = index * self.ROW_H + (self.ROW_H - self.BAR_H) / 2
            p.setPen(TEXT)
            p.drawText(
                QRectF(0, index * self.ROW_H, left - 8, self.ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                weekday_name(index, "abbreviated"),
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(TRACK)
            p.drawRoundedRect(QRectF(left, top, width, self.BAR_H), 4, 4)
            p.setBrush(fill)
            for start, end in day:
                rect = QRectF(x_of(start), top, max(2.0, x_of(end) - x_of(start)), self.BAR_H)
                p.drawRoundedRect(rect, 3, 3)
        if self.now is not None:
            weekday, minute = self.now
            x = x_of(minute)
            top = weekday * self.ROW_H + 1
            p.setPen(QPen(NOW, 2))
            p.drawLine(int(x), int(top), int(x), int(top + self.ROW_H - 2))
        p.setPen(TEXT)
        for hour in range(0, 25, 6):
            x = x_of(hour * 60)
            p.drawText(
                QRectF(x - 30, rows_h + 2, 60, self.AXIS_H),
                Qt.AlignmentFlag.AlignCenter,
                f"{hour:02d}:00",
            )
        p.end()
