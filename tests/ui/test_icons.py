"""Icons: every SVG the UI names exists, and icons take the current theme's colors."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon

from app.ui import theme
from app.ui.icons import icon, icon_path
from app.ui.instance_view import NAV_ICONS
from app.ui.pages import PAGES


def darkest_pixel(qicon: QIcon, mode=QIcon.Mode.Normal, scale: float = 1.0) -> tuple[QColor, QSize]:
    pixmap = qicon.pixmap(QSize(24, 24), scale, mode)
    image = pixmap.toImage()
    best = None
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255 and (best is None or c.lightness() < best.lightness()):
                best = c
    return best, image.size()


def test_every_page_has_an_icon_file():
    for spec in PAGES:
        assert icon_path(NAV_ICONS[spec.key]).is_file(), spec.key


def test_unknown_icon_is_an_error():
    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")


def test_icons_follow_the_theme_and_state(context):
    manager = theme.theme_manager()
    try:
        manager.set_choice(theme.LIGHT)
        color, _size = darkest_pixel(icon("plus"))
        assert color.name() == theme.LIGHT_COLORS.text
        manager.set_choice(theme.DARK)
        color, _size = darkest_pixel(icon("plus", "danger"))
        assert color.name() == theme.DARK_COLORS.danger
        color, _size = darkest_pixel(icon("plus"), QIcon.Mode.Disabled)
        assert color.name() == theme.DARK_COLORS.disabled_text
    finally:
        manager.set_choice(theme.LIGHT)


def test_icons_are_drawn_at_the_device_size(context):
    _color, size = darkest_pixel(icon("plus"), scale=2.0)
    assert size == QSize(48, 48)  # crisp on a 2× screen, not a scaled 24 px bitmap


def test_a_shared_icon_changed_keeps_painting(context):
    # QIcon(icon) shares the engine; changing the copy clones it (QIcon::detach). The clone,
    # made in Python, died on return and the copy painted through freed memory (a crash).
    shared = icon("search")
    copy = QIcon(shared)
    copy.addPixmap(shared.pixmap(16))
    gc.collect()
    assert not copy.pixmap(QSize(24, 24)).isNull()
    assert not shared.pixmap(QSize(24, 24)).isNull()
