"""Searching the predefined messages as the person types (case and accents ignored).

Each template is folded once (`search_key`); a query keeps the keys that contain every one
of its words (`matching`). `Narrowing` remembers recent answers so a keystroke rarely scans
every key: a query typed further (each earlier word inside a word of the new one) only
filters what the earlier query found, and erasing back finds the earlier answer kept.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from app.core.common.text import fold

REMEMBERED = 64  # answers kept: a few queries typed letter by letter and erased


def search_key(row: Any) -> str:
    """What a search looks in: title, shortcut and content, folded once per row."""
    return fold(f"{row.title}\n{row.shortcut}\n{row.content}")


def _words(query: str) -> tuple[str, ...]:
    # Longest first: the later words then see few keys.
    return tuple(sorted(set(fold(query).split()), key=len, reverse=True))


def _filter(keys: list[str], words: tuple[str, ...], among: list[int] | None) -> list[int]:
    """The indexes (of `among`, or of all the keys) whose key contains every word."""
    found = among
    for word in words:
        if found is None:
            found = [i for i, key in enumerate(keys) if word in key]
        else:
            found = [i for i in found if word in keys[i]]
    return list(range(len(keys))) if found is None else found


def matching(keys: list[str], query: str) -> list[int]:
    """Indexes of the keys containing every word of `query` (case and accents ignored)."""
    return _filter(keys, _words(query), None)


def _narrows(words: tuple[str, ...], earlier: tuple[str, ...]) -> bool:
    """Whatever matches `words` matches `earlier` too: each earlier word is inside one."""
    return all(any(old in new for new in words) for old in earlier)


class Narrowing:
    """`matching` over fixed keys, reusing the answers to recent queries."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self._answers: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()

    def __call__(self, query: str) -> list[int]:
        words = _words(query)
        found = self._answers.get(words)
        if found is None:
            earlier, among = self._smallest_superset(words)
            # What `among` matches has every earlier word: only the others are looked for.
            found = _filter(self.keys, tuple(w for w in words if w not in earlier), among)
            self._answers[words] = found
            if len(self._answers) > REMEMBERED:
                self._answers.popitem(last=False)
        else:
            self._answers.move_to_end(words)
        return found

    def _smallest_superset(
        self, words: tuple[str, ...]
    ) -> tuple[tuple[str, ...], list[int] | None]:
        """The remembered answer that already holds every match of `words`, the smallest."""
        candidates = [(old, f) for old, f in self._answers.items() if old and _narrows(words, old)]
        return min(candidates, key=lambda c: len(c[1])) if candidates else ((), None)
