"""`_check_braces`' one-regex answer for texts whose variables are all known agrees with the
brace-by-brace reading on every text, including the tricky ones ("{{{nome}}", "}}}")."""

from __future__ import annotations

import random
import re

from app.core.templates import syntax

PIECES = ["{", "}", "{{", "}}", " ", "\u00a0", "\n", "x", "nome", "data", "nom", "{{nome}}"]
TRICKY = ["{{{nome}}", "{{nome}}}", "{{nome}}}}", "a{{{nome}}", "}{{ nome }}{", "{{}}", "{ {"]


def slow(text: str) -> list:
    saved = syntax._ALL_KNOWN
    syntax._ALL_KNOWN = re.compile(r"(?!)")  # never matches: the brace-by-brace reading
    try:
        return syntax._check_braces(text, "content")
    finally:
        syntax._ALL_KNOWN = saved


def test_the_fast_answer_is_the_slow_one():
    rng = random.Random(19)
    texts = TRICKY + ["".join(rng.choices(PIECES, k=rng.randrange(12))) for _ in range(20000)]
    fast_ones = 0
    for text in texts:
        fast = syntax._ALL_KNOWN.fullmatch(text) is not None
        fast_ones += fast
        assert syntax._check_braces(text, "content") == slow(text), text
        assert not fast or slow(text) == []
    assert fast_ones > 1000  # the fast path is taken, not only the slow one
