"""Small text helpers shared by search and suggestions."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`: "Promoção" → "promocao".

    Used for search haystacks and queries alike, so both sides fold the same way.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
