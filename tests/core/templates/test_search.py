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


def test_a_key_finds_what_the_whole_folded_text_finds():
    from types import SimpleNamespace

    from app.core.common.text import fold
    from app.core.templates.search import search_key

    rng = random.Random(5)
    pieces = [*WORDS, "PÃO", "Pão,", "a´b", "x\u00a0y", "{{nome}}!", "/ola", "ÁÇÍ", "\t", "\n"]
    rows = [
        SimpleNamespace(
            title=" ".join(rng.choices(pieces, k=3)),
            shortcut=rng.choice(["/ola", "/pix", "/Pão"]),
            content=" ".join(rng.choices(pieces, k=rng.randint(0, 30))),
        )
        for _ in range(300)
    ]
    keys = [search_key(row) for row in rows]
    whole = [fold(f"{row.title}\n{row.shortcut}\n{row.content}") for row in rows]
    assert sum(map(len, keys)) < sum(map(len, whole))  # repeated words kept once
    for query in ["pao", "pão de", "a b", "b", "x y", "ola pix", "nome}}!", "aci", "ao,", "q"]:
        assert matching(keys, query) == matching(whole, query), query
