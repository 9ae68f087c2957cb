"""Crisp line icons at any DPI: the SVGs of `resources/icons`, colored by the current theme.

Each icon is drawn from its SVG at the exact device size asked for (no scaled bitmaps), and
its color is looked up at paint time, so switching between light and dark recolors every
icon on the next repaint without rebuilding widgets.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.paths import resources_dir
from app.ui.theme import current_colors


def icon_path(name: str):
    return resources_dir() / "icons" / f"{name}.svg"


# Qt owns the engine given to QIcon(engine), but not one returned from a Python clone():
# without a reference the clone died on return and the detached icon (a shared icon being
# changed, e.g. addPixmap) painted through freed memory (a crash). Clones are rare and small.
_CLONES: set[QIconEngine] = set()


@cache
def _svg_source(name: str) -> str:
    return icon_path(name).read_text("utf-8")


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    data = _svg_source(name).replace("currentColor", color)
    return QSvgRenderer(QByteArray(data.encode("utf-8")))


class ThemedSvgEngine(QIconEngine):
    """Paints `name` in the theme color `token`; disabled and selected states follow it."""

    def __init__(self, name: str, token: str = "text", selected_token: str = "accent_text"):
        super().__init__()
        self.name = name
        self.token = token
        self.selected_token = selected_token

    def color(self, mode: QIcon.Mode) -> str:
        colors = current_colors()
        if mode == QIcon.Mode.Disabled:
            return colors.disabled_text
        if mode == QIcon.Mode.Selected:
            return getattr(colors, self.selected_token)
        return getattr(colors, self.token)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        _renderer(self.name, self.color(mode)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self,
        size: QSize,
        mode: QIcon.Mode,
        state: QIcon.State,  # noqa: N802
        scale: float,
    ) -> QPixmap:
        device = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        # Transparent from zeroed bytes: QImage.fill()'s overloads would make PySide build
        # the whole `Qt` namespace (≈ 11 ms) before the window's first frame.
        width, height = device.width(), device.height()
        image = QImage(
            bytes(width * height * 4),
            width,
            height,
            width * 4,
            QImage.Format.Format_ARGB32_Premultiplied,
        ).copy()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, device.width(), device.height()), mode, state)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        twin = ThemedSvgEngine(self.name, self.token, self.selected_token)
        _CLONES.add(twin)
        return twin

    def key(self) -> str:
        return "atende-themed-svg"

    def iconName(self) -> str:  # noqa: N802
        return self.name


def icon(name: str, token: str = "text") -> QIcon:
    """The icon `name` (a file in resources/icons) in the theme color `token`.

    Tokens are `ThemeColors` fields: "text", "text_muted", "accent_text", "on_accent",
    "danger", "warning", "success".
    """
    if not icon_path(name).is_file():
        raise FileNotFoundError(icon_path(name))
    return QIcon(ThemedSvgEngine(name, token))
