"""An on/off switch that looks like one (a checkable button painted as a track and knob),
and the row every page builds with it: the switch, its label, an optional hint."""

from __future__ import annotations

from PySide6.QtCore import Property, QEasingCurve, QPropertyAnimation, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QLabel, QSizePolicy, QWidget

from app.ui.widgets.hint import hint_label


class Switch(QAbstractButton):
    TRACK_W, TRACK_H = 40, 22

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._offset = 0.0
        self.muted = False  # on, but not in effect: see set_muted
        self._anim = QPropertyAnimation(self, b"offset", self)
        self._anim.setDuration(120)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.toggled.connect(self._animate)

    def sizeHint(self) -> QSize:
        return QSize(self.TRACK_W + 4, self.TRACK_H + 4)

    def _get_offset(self) -> float:
        return self._offset

    def _set_offset(self, value: float) -> None:
        self._offset = value
        self.update()

    offset = Property(float, _get_offset, _set_offset)

    def _animate(self, checked: bool) -> None:
        self._anim.stop()
        self._anim.setStartValue(self._offset)
        self._anim.setEndValue(1.0 if checked else 0.0)
        self._anim.start()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 (Qt naming)
        super().setChecked(checked)
        self._anim.stop()
        self._offset = 1.0 if checked else 0.0
        self.update()

    def set_muted(self, muted: bool) -> None:
        """A choice kept but not in effect (Priorizar on a plan without it): "on" is drawn
        in a neutral grey instead of the accent, so it does not look active."""
        self.muted = muted
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        track = QRectF(2, 2, self.TRACK_W, self.TRACK_H)
        on = pal.color(
            QPalette.ColorRole.PlaceholderText if self.muted else QPalette.ColorRole.Highlight
        )
        off = pal.color(QPalette.ColorRole.Mid)
        color = QColor(
            int(off.red() + (on.red() - off.red()) * self._offset),
            int(off.green() + (on.green() - off.green()) * self._offset),
            int(off.blue() + (on.blue() - off.blue()) * self._offset),
        )
        if not self.isEnabled():
            color.setAlpha(90)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawRoundedRect(track, self.TRACK_H / 2, self.TRACK_H / 2)
        d = self.TRACK_H - 6
        x = track.left() + 3 + (self.TRACK_W - d - 6) * self._offset
        p.setBrush(QColor("#ffffff") if self.isEnabled() else QColor("#eeeeee"))
        p.drawEllipse(QRectF(x, track.top() + 3, d, d))
        if self.hasFocus():
            pen = p.pen()
            pen.setStyle(Qt.PenStyle.SolidLine)
            pen.setColor(pal.color(QPalette.ColorRole.Highlight))
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(0.5, 0.5, self.TRACK_W + 3, self.TRACK_H + 3), 12, 12)
        p.end()


class SwitchRow(QGridLayout):
    """A switch with its label beside it (the label is its buddy), and an optional hint under
    the label. `switch` is the Switch; the row is a layout, so it spaces like its neighbours."""

    def __init__(self, text: str, hint: str | None = None) -> None:
        super().__init__()
        self.switch = Switch(text)
        self.label = QLabel(text, objectName="switchLabel")
        self.label.setBuddy(self.switch)
        self.addWidget(self.switch, 0, 0)
        self.addWidget(self.label, 0, 1)
        self.setColumnStretch(1, 1)
        if hint is not None:
            self.setHorizontalSpacing(10)
            self.setVerticalSpacing(2)
            self.label.setWordWrap(True)
            self.hint = hint_label(hint)
            self.addWidget(self.hint, 1, 1)
