"""Emoji where no font can draw them.

Emoji live outside the Basic Multilingual Plane (plus a few symbols followed by U+FE0F);
without a font that has them (Debian/Ubuntu: fonts-noto-color-emoji, which the .deb
recommends) Qt draws empty boxes. What is only shown (the list of messages, the preview)
then says "[emoji]" instead; what is edited or copied keeps the real characters.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from app.i18n import _

EMOJI = re.compile(
    "(?:[\U0001f000-\U0001faff][\U0001f3fb-\U0001f3ff\ufe0f]?"
    "(?:\u200d[\U0001f000-\U0001faff\u2600-\u27bf]\ufe0f?)*)|[\u2600-\u27bf]\ufe0f"
)
EMOJI_PROBE = 0x1F642  # 🙂
_emoji_font: list[bool] = []  # asked once per run


def emoji_font_available() -> bool:
    """Whether an installed font draws emoji (Qt then picks it as a fallback by itself)."""
    if not _emoji_font:
        _emoji_font.append(
            any(
                QFontMetrics(QFont(family)).inFontUcs4(EMOJI_PROBE)
                for family in QFontDatabase.families()
            )
        )
    return _emoji_font[0]


def shown_text(text: str) -> str:
    """`text` as it can be drawn here: each emoji becomes "[emoji]" without an emoji font."""
    if emoji_font_available() or not EMOJI.search(text):
        return text
    return EMOJI.sub(_("[emoji]"), text)
