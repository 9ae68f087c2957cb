"""Searching the predefined messages as the person types (case and accents ignored).

Each template is folded once (`search_key`); a query keeps the keys that contain every one
of its words (`matching`). `Narrowing` remembers recent answers so a keystroke rarely scans
every key: a query typed further (each earlier word inside a word of the new one) only
filters what the earlier query found, and erasing back finds the earlier answer kept.
`Narrowing.start` hands out the work in slices (`Search.step`), so a list can show the
first matches of 100k templates at once and find the rest over the next frames.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from app.core.common.text import fold

REMEMBERED = 64  # answers kept: a few queries typed letter by letter and erased


def search_key(row: Any) -> str:
    """What a search looks in: the distinct words of the title, shortcut and content, one
    per line, folded once per row. A query's words hold no whitespace, so one is inside the
    text exactly when it is inside one of its words: a word said again need not be kept
    twice, which makes the keys ~40 % shorter and searching them as much faster."""
    words = f"{row.title}\n{row.shortcut}\n{row.content}".split()
    return fold("\n".join(dict.fromkeys(words)))


def _words(query: str) -> tuple[str, ...]:
    # Longest first: the later words then see few keys.
    return tuple(sorted(set(fold(query).split()), key=len, reverse=True))


def _filter(keys: list[str], words: tuple[str, ...], among: Sequence[int] | None) -> list[int]:
    """The indexes (of `among`, or of all the keys) whose key contains every word."""
    found = among
    for word in words:
        if found is None:
            found = [i for i, key in enumerate(keys) if word in key]
        else:
            found = [i for i in found if word in keys[i]]
    return list(range(len(keys))) if found is None else list(found)


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
        search = self.start(query)
        search.step()
        return search.found

    def start(self, query: str) -> Search:
        """The search for `query`, done at once when its answer is remembered."""
        words = _words(query)
        found = self._answers.get(words)
        if found is not None:
            self._answers.move_to_end(words)
            return Search(self, words, (), [], found)
        earlier, among = self._smallest_superset(words)
        # What `among` matches has every earlier word: only the others are looked for.
        todo = tuple(w for w in words if w not in earlier)
        if not todo:  # nothing more to look for ("" is every key)
            return self._remember(words, list(range(len(self.keys))) if among is None else among)
        return Search(self, words, todo, among, [])

    def _remember(self, words: tuple[str, ...], found: list[int]) -> Search:
        self._answers[words] = found
        if len(self._answers) > REMEMBERED:
            self._answers.popitem(last=False)
        return Search(self, words, (), [], found)

    def _smallest_superset(
        self, words: tuple[str, ...]
    ) -> tuple[tuple[str, ...], list[int] | None]:
        """The remembered answer that already holds every match of `words`, the smallest."""
        candidates = [(old, f) for old, f in self._answers.items() if old and _narrows(words, old)]
        return min(candidates, key=lambda c: len(c[1])) if candidates else ((), None)


class Search:
    """One query's filtering, in slices: `step(n)` looks at the next `n` candidates (every
    key, or what a remembered answer found) and returns the matches among them, in order;
    `found` holds all so far. Once `done`, the answer is remembered by its `Narrowing`."""

    def __init__(
        self,
        owner: Narrowing,
        words: tuple[str, ...],
        todo: tuple[str, ...],
        among: list[int] | None,
        found: list[int],
    ) -> None:
        self._owner, self.words, self._todo, self._among = owner, words, todo, among
        self.found = found
        self._next = 0
        self._end = len(owner.keys) if among is None else len(among)
        self.done = not todo

    def step(self, count: int | None = None) -> list[int]:
        if self.done:
            return []
        start = self._next
        stop = self._end if count is None else min(self._end, start + count)
        if self._among is None and start == 0 and stop == self._end:
            new = _filter(self._owner.keys, self._todo, None)  # one pass over every key
        elif self._among is None:
            new = _filter(self._owner.keys, self._todo, range(start, stop))
        else:
            new = _filter(self._owner.keys, self._todo, self._among[start:stop])
        self._next = stop
        self.found += new
        if stop == self._end:
            self.done = True
            self._owner._remember(self.words, self.found)
        return new
