"""Emoji where no font can draw them.

Emoji live outside the Basic Multilingual Plane (plus a few symbols followed by U+FE0F);
without a font that has them (Debian/Ubuntu: fonts-noto-color-emoji, which the .deb
recommends) Qt draws empty boxes. What is only shown (the list of messages, the preview)
then says "[emoji]" instead; what is edited or copied keeps the real characters.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

from app.i18n import _

# An emoji: a symbol of the emoji blocks, maybe a skin tone or U+FE0F, maybe joined (U+200D)
# to more; the Basic Multilingual Plane's (⏳ ☕ ✅ ⭐) included.
SYMBOL = "\U0001f000-\U0001faff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff"
EMOJI = re.compile(f"[{SYMBOL}][\U0001f3fb-\U0001f3ff\ufe0f]?(?:\u200d[{SYMBOL}][\ufe0f]?)*")
JOINERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")
EMOJI_PROBE = 0x1F642  # 🙂
FALLBACK_WORDS = ("emoji", "symbol", "dejavu sans")
_emoji_font: list[bool] = []  # asked once per run


def emoji_font_available() -> bool:
    """Whether an installed font draws emoji (Qt then picks it as a fallback by itself)."""
    if not _emoji_font:
        _emoji_font.append(drawable(EMOJI_PROBE))
    return _emoji_font[0]


@functools.cache
def drawable(codepoint: int) -> bool:
    """Whether a font Qt falls back to has this character (⚠ and ✓ are in DejaVu Sans)."""
    return any(QFontMetrics(QFont(family)).inFontUcs4(codepoint) for family in _fallbacks())


@functools.cache
def _fallbacks() -> tuple[str, ...]:
    """The fonts worth asking: the application's own and those named for emoji or symbols.
    Asking every installed family opened every font file (~7 MiB on a desktop's fonts)."""
    families = QFontDatabase.families()
    named = [f for f in families if any(word in f.casefold() for word in FALLBACK_WORDS)]
    return (QGuiApplication.font().family(), *named)


def shown_text(text: str) -> str:
    """`text` as it can be drawn here: each emoji no font has becomes "[emoji]"."""
    if emoji_font_available() or not EMOJI.search(text):
        return text
    return EMOJI.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    symbols = JOINERS.sub("", match.group())
    return symbols if all(drawable(ord(c)) for c in symbols) else _("[emoji]")
