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
