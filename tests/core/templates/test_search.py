"""Search as you type: the remembered answers give what a full search gives, with few scans."""

from __future__ import annotations

import random

from app.core.templates.search import Narrowing, matching

WORDS = "pão de queijo promoção pix chave entrega horário São Paulo açaí".split()


class CountedKeys(list):
    """The keys, counting the searches that look at every one of them."""

    scans = 0

    def __iter__(self):
        type(self).scans += 1
        return super().__iter__()


def typed_and_erased(*queries: str) -> list[str]:
    steps = []
    for query in queries:
        steps += [query[:i] for i in range(1, len(query) + 1)]
        steps += [query[:i] for i in range(len(query) - 1, -1, -1)]
    return steps


def test_remembered_answers_equal_a_full_search():
    rng = random.Random(3)
    keys = CountedKeys(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))).lower() for _ in range(400)
    )
    keys[:3] = ["sao paulo", "pao de queijo", "horario"]  # folded, as search_key gives
    search = Narrowing(keys)
    steps = typed_and_erased("pao de queijo", "pix  chave", "horario", "Pão de")
    plain = list(keys)
    CountedKeys.scans = 0
    for query in steps:
        assert search(query) == matching(plain, query), query
    # Only a query that extends nothing remembered reads every key: "p", "h", and "" is
    # every index without reading any.
    assert CountedKeys.scans == 2
    assert search("pao de") == [i for i, key in enumerate(keys) if "pao" in key and "de" in key]
