"""Small text helpers shared by search and suggestions."""

from __future__ import annotations

import re
import unicodedata

# The combining diacritical marks that NFKD splits off Latin letters (á → a + ◌́).
_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`: "Promoção" → "promocao".

    Used for search haystacks and queries alike, so both sides fold the same way. Emoji and
    other symbols are kept. A regular expression instead of a per-character loop: folding
    10k templates is part of opening the page.
    """
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def sentence(text: str) -> str:
    """`text` ending as a sentence does ("… a qualquer hora" → "… a qualquer hora."), for a
    status line shown among sentences (Visão geral's cards)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."
