"""Searching text columns ignoring case and accents ("sao" finds "São"), in SQL.

A LIKE pre-filter (C-fast; each letter that has accented forms is LIKE's one-character
wildcard, so every accent and case variant passes) and then the exact test on the folded
text (`dialect.accent_fold`: this module's `fold` registered on SQLite, `translate(lower())`
on PostgreSQL) on what the pre-filter kept: a long table is never loaded, and the Python
fold runs on few rows.
"""

from __future__ import annotations

from peewee import SQL, Expression, NodeList

from app.core.common import text
from app.core.storage import dialect

# Letters that have accented forms in Portuguese (and Spanish).
_ACCENTABLE = set("aeioucny")


def fold(value: str | None) -> str:
    """Lower case without accents: "São Paulo" → "sao paulo" (`common.text.fold`, the one
    Mensagens predefinidas' search uses; a NULL column is "")."""
    return "" if value is None else text.fold(str(value))


def prefilter_pattern(needle: str) -> str:
    """A LIKE pattern that every accent/case variant of `needle` matches ("%s__ p__l_%")."""
    escaped = "".join("_" if c in _ACCENTABLE else "\\" + c if c in "%_\\" else c for c in needle)
    return f"%{escaped}%"


def contains_folded(haystack: Expression, needle: str) -> Expression:
    """`haystack` contains `needle` (already folded), ignoring case and accents."""
    prefilter = NodeList(
        (haystack, dialect.like_ignoring_case(), prefilter_pattern(needle), SQL("ESCAPE '\\'"))
    )
    # SQLite evaluates the terms in this order: `fold` only runs on what LIKE kept.
    return prefilter & dialect.accent_fold(haystack, fold).contains(needle)
