"""Dark theme: radio buttons are seen (their ring stands out from the background), and
emoji fall back to text when no font can draw them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QRadioButton, QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from app.core.templates import store as templates
from app.ui import emoji, theme
from app.ui.pages.templates import TemplatesPage
from tests.test_packaging import build_linux


@pytest.fixture
def manager(context):
    manager = theme.theme_manager()
    yield manager
    manager.set_choice(theme.LIGHT)


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.red())
        + 0.7152 * channel(color.green())
        + 0.0722 * channel(color.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ring_contrast(qtbot, checked: bool) -> float:
    """The strongest contrast between the radio's indicator and the card behind it."""
    host = QWidget(objectName="card")
    layout = QVBoxLayout(host)
    radio = QRadioButton("Usar este banco")
    radio.setChecked(checked)
    layout.addWidget(radio)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    image: QImage = radio.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(radio)
    rect = radio.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option, radio)
    background = QColor(theme.current_colors().surface)
    return max(
        contrast(QColor(image.pixel(x, y)), background)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize("scheme", [theme.DARK, theme.LIGHT])
def test_radio_buttons_stand_out_in_both_themes(qtbot, manager, scheme):
    manager.set_choice(scheme)
    assert ring_contrast(qtbot, checked=False) >= 3.0  # WCAG: user interface components
    assert ring_contrast(qtbot, checked=True) >= 3.0


@pytest.fixture
def no_emoji_font(monkeypatch):
    """Fonts like DejaVu Sans: ⚠, ✓ and ❤ but no pictographs."""
    monkeypatch.setattr(emoji, "_emoji_font", [False])
    monkeypatch.setattr(emoji, "drawable", lambda cp: cp < 0x2300 or cp in (0x26A0, 0x2713, 0x2764))


def test_without_an_emoji_font_shown_text_names_them(no_emoji_font):
    assert emoji.shown_text("Olá! 👋 Até logo 👍🏽") == "Olá! [emoji] Até logo [emoji]"
    assert emoji.shown_text("Obrigado ❤️ 👨‍👩‍👧 ⏳") == "Obrigado ❤ [emoji] [emoji]"
    assert emoji.shown_text("⚠ Atenção ✓") == "⚠ Atenção ✓"  # drawn by ordinary fonts
    assert emoji.shown_text("Sem emoji") == "Sem emoji"


def test_with_an_emoji_font_the_text_is_untouched(monkeypatch):
    monkeypatch.setattr(emoji, "_emoji_font", [True])
    assert emoji.shown_text("Olá! 👋") == "Olá! 👋"


def test_the_probe_asks_the_installed_fonts(monkeypatch):
    monkeypatch.setattr(emoji, "_emoji_font", [])
    emoji.drawable.cache_clear()
    emoji._fallbacks.cache_clear()
    families = ["DejaVu Sans", "DejaVu Serif", "Liberation Mono", "Noto Color Emoji Fake"]
    monkeypatch.setattr(emoji.QFontDatabase, "families", staticmethod(lambda *_a: families))
    # only the application's font and those named for emoji or symbols are opened
    assert emoji._fallbacks()[1:] == ("DejaVu Sans", "Noto Color Emoji Fake")
    assert emoji.emoji_font_available() is False  # DejaVu Sans has no 🙂…
    assert emoji.drawable(0x26A0)  # …but has ⚠
    emoji.drawable.cache_clear()
    emoji._fallbacks.cache_clear()


def test_the_preview_shows_the_word_and_the_copy_keeps_the_emoji(
    qtbot, context, make_instance, clock, no_emoji_font
):
    instance = make_instance("Loja")
    values = {"title": "Oi 👋", "shortcut": "/oi", "category": None, "content": "Olá! 👋"}
    templates.create_template(instance, values, clock)
    page = TemplatesPage(instance.id, context)
    qtbot.addWidget(page)
    assert "Olá! [emoji]" in page.views.preview_panel.preview.text_label.text()
    assert page.rendered_text() == "Olá! 👋"
    page.copy_rendered()
    assert QGuiApplication.clipboard().text() == "Olá! 👋"


def test_the_deb_recommends_a_colour_emoji_font():
    assert "fonts-noto-color-emoji" in build_linux.RECOMMENDS
