"""Long ordered listings read a page at a time by key (keyset pagination), never by OFFSET.

A `Keyset` is a filtered query and the key that orders it totally: a tuple of expressions,
all in one direction, whose values never repeat (end it with a unique column). A page after
a row is `WHERE k1 >= ? AND (k1, k2, …) > (?, ?, …) ORDER BY k1, k2, … LIMIT n`: on an
index whose columns are those expressions (after the filter's equalities) it is one seek
and `n` steps, whatever the page's position — OFFSET walks again over everything before
it. Make the first key nearly unique: SQLite seeks on it alone when it is an expression.
The last page is the same query in reverse. Row values work alike on SQLite (≥ 3.15) and
PostgreSQL.

SQLite matches an index on an expression only when the query writes the same expression
with the same literals (a bound parameter never matches): build key expressions with
`literal` for their constants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from peewee import SQL, Expression, ModelSelect, Tuple

KEY_ALIAS = "keyset_{}"  # each row carries its key values as `keyset_0`, … (raw)
_MARK = "\x00keyset {}\x00"  # stands for a key value while a page's query is compiled


def literal(value: int | str) -> SQL:
    """A constant written into the SQL text (never user data), so an index on it matches."""
    return SQL(str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'")


@dataclass(frozen=True)
class Keyset:
    query: ModelSelect  # filtered, not ordered
    keys: tuple[Expression, ...]  # a total order: the last one unique
    descending: bool = False
    # Rows as named tuples (same attribute names, converted alike): ~2× cheaper than model
    # instances when a list reads every row of a long listing.
    light: bool = False
    # Or rows made by this class (a NamedTuple ending with `keyset_0`, …) from the values as
    # the database returns them, unconverted: the cheapest, for a list of a million rows.
    raw: Any = None
    # (shape, n) → the compiled page query: Peewee takes ~10 ms to compile a listing's
    # query, several times what SQLite takes to read its page.
    _compiled: dict = field(default_factory=dict, compare=False, repr=False)

    def _ordered(self, reverse: bool = False) -> ModelSelect:
        backwards = self.descending != reverse
        selected = self.query.select_extend(
            *(key.alias(KEY_ALIAS.format(i)).coerce(False) for i, key in enumerate(self.keys))
        )
        ordered = selected.order_by(*(key.desc() if backwards else key.asc() for key in self.keys))
        if self.raw is not None:
            return ordered.tuples()
        return ordered.namedtuples() if self.light else ordered

    def _rows(self, query: ModelSelect, sql: str, params: Sequence[Any], reverse: bool) -> list:
        cursor = self.query.model._meta.database.execute_sql(sql, params)
        if self.raw is not None:
            rows = list(map(self.raw._make, cursor.fetchall()))
        else:
            rows = list(query._get_cursor_wrapper(cursor))  # type: ignore[attr-defined]  # Peewee's rows
        if reverse:
            rows.reverse()
        return rows

    def _beyond(self, key: Sequence[Any], reverse: bool) -> Expression:
        # SQLite seeks on a row value only over plain columns: the redundant bound on the
        # first key makes the page a range of the index when that key is an expression.
        row, bound, first = Tuple(*self.keys), Tuple(*key), self.keys[0]
        if self.descending != reverse:
            return (first <= key[0]) & (row < bound)
        return (first >= key[0]) & (row > bound)

    def key_of(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, KEY_ALIAS.format(i)) for i in range(len(self.keys)))

    def ordered(self) -> ModelSelect:
        """The whole listing in order (a query, e.g. for iterating it once)."""
        return self._ordered()

    def count(self) -> int:
        return self.query.count()

    def _page(self, shape: str, n: int, key: Sequence[Any] = ()) -> list[Any]:
        """Run the page query of `shape` ("first", "after", "before", "last") for `key`,
        compiled once per shape and size; rows in the listing's order."""
        reverse = shape in ("before", "last")
        compiled = self._compiled.get((shape, n))
        if compiled is None:
            marks = tuple(_MARK.format(i) for i in range(len(self.keys)))
            query = self._ordered(reverse)
            if key:
                query = query.where(self._beyond(marks, reverse))
            sql, params = query.limit(n).sql()
            slots = [(i, marks.index(p)) for i, p in enumerate(params) if p in marks]
            compiled = self._compiled[(shape, n)] = (query, sql, params, slots)
        query, sql, params, slots = compiled
        values = list(params)
        for index, part in slots:
            values[index] = key[part]
        return self._rows(query, sql, values, reverse)

    def first(self, n: int) -> list[Any]:
        return self._page("first", n)

    def after(self, key: Sequence[Any], n: int) -> list[Any]:
        """The `n` rows that follow the row whose key is `key`."""
        return self._page("after", n, key)

    def before(self, key: Sequence[Any], n: int) -> list[Any]:
        """The `n` rows that precede the row whose key is `key`, in order."""
        return self._page("before", n, key)

    def last(self, n: int) -> list[Any]:
        """The last `n` rows, in order: the reverse order read from its end."""
        return self._page("last", n)

    def at(self, position: int, n: int, total: int | None = None) -> list[Any]:
        """`n` rows from `position` of `total`: a jump far from any page read, so OFFSET
        (once), from whichever end is nearer (from the start when `total` is unknown)."""
        end = position + n if total is None else total
        n = max(0, min(n, end - position))
        from_end = end - position - n
        reverse = total is not None and from_end < position
        query = self._ordered(reverse).limit(n).offset(from_end if reverse else position)
        return self._rows(query, *query.sql(), reverse)
