"""Properties of the config file (Hypothesis): export∘import is the identity on valid
configs, and no garbage makes the reader or the validator raise.

The generated instances vary the fields and Priorizar; every other registered section gets
the value a new instance exports, so sections added later are exercised without editing
this file (and a richer generator per section can be added next to its own tests).
"""

from __future__ import annotations

import copy
import json
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.common.clock import FixedClock
from app.core.common.files import decode_text
from app.core.common.validation import Problem
from app.core.config.file_format import (
    dumps,
    export_config,
    fold_name,
    import_config,
    parse_text,
    validate_config,
)
from app.core.config.registry import all_sections
from app.core.instances.phones import normalize_phone
from app.core.instances.store import create_instance, normalize_name
from app.core.storage.db import close_database, open_database

CLOCK = FixedClock(datetime(2025, 3, 12, 13, 0, tzinfo=UTC))

# The same numbers typed the ways people type them.
PHONES = [
    "+5511912345678",
    "(11) 91234-5678",
    "11 3456-7890",
    "+55 21 2555-1234",
    "092991234567",
    "+55 (92) 99123-4567",
    "(61) 3322-1100",
]
ZONES = [
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Recife",
    "America/Noronha",
    "America/Rio_Branco",
    "Europe/Lisbon",
    "UTC",
]
PLANS = ["basico", "intermediario", "avancado"]
NAME_CHARS = st.characters(
    codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"], exclude_characters="\x85"
)


@contextmanager
def fresh_database():
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "atende.sqlite3")
        try:
            yield
        finally:
            close_database()


def default_sections() -> dict[str, Any]:
    """What a new instance exports for each registered section."""
    with fresh_database():
        create_instance(
            {"name": "x", "phone": PHONES[0], "plan": "avancado", "timezone": ZONES[0]}, CLOCK
        )
        [item] = export_config()["instances"]
    return {s.key: item[s.key] for s in all_sections()}


DEFAULTS = default_sections()


def clean_name(name: str) -> str:
    return normalize_name(name)  # spaces collapsed, Unicode composed (NFC)


names = st.text(NAME_CHARS, min_size=1, max_size=60).filter(lambda n: 0 < len(clean_name(n)) <= 60)


@st.composite
def instance_items(draw, name: str) -> dict[str, Any]:
    item = {
        "name": name,
        "phone": draw(st.sampled_from(PHONES)),
        "plan": draw(st.sampled_from(PLANS)),
        "timezone": draw(st.sampled_from(ZONES)),
    }
    item.update(copy.deepcopy(DEFAULTS))
    item["prioritize_attendance"] = draw(st.booleans())
    return item


@st.composite
def configs(draw) -> dict[str, Any]:
    chosen = draw(st.lists(names, min_size=0, max_size=6, unique_by=lambda n: fold_name(n)))
    items = [draw(instance_items(n)) for n in chosen]
    return {"format": "atende-config", "version": 1, "instances": items}


@settings(max_examples=40, deadline=None)
@given(configs(), st.randoms(use_true_random=False))
def test_export_after_import_is_the_canonical_identity(config, rnd):
    with fresh_database():
        import_config(copy.deepcopy(config), CLOCK)
        first = dumps(export_config())
    shuffled = json.loads(first)
    rnd.shuffle(shuffled["instances"])
    with fresh_database():
        import_config(shuffled, CLOCK)
        second = dumps(export_config())
    assert first == second, "byte-identical whatever order the input had"
    exported = {i["name"]: i for i in json.loads(first)["instances"]}
    assert len(exported) == len(config["instances"])
    for item in config["instances"]:
        out = exported[clean_name(item["name"])]
        assert out["phone"] == normalize_phone(item["phone"])
        assert {k: out[k] for k in ("plan", "timezone", *DEFAULTS)} == {
            k: item[k] for k in ("plan", "timezone", *DEFAULTS)
        }


# -- garbage ------------------------------------------------------------------------------

KEYS = [
    "format",
    "version",
    "instances",
    "name",
    "phone",
    "plan",
    "timezone",
    *DEFAULTS,
    "enabled",
    "week",
    "templates",
]
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["atende-config", "basico", "America/Sao_Paulo"]),
)
json_trees = st.recursive(
    json_leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=25,
)


@st.composite
def damaged_configs(draw) -> Any:
    """A valid config with one node somewhere replaced by garbage (reaches deep checks)."""
    config = draw(configs())
    nodes: list[tuple[Any, Any]] = []
    stack: list[Any] = [config]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            nodes.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    if not nodes:
        return draw(json_trees)
    node, key = draw(st.sampled_from(nodes))
    node[key] = draw(json_trees)
    return config


def assert_problems(problems: list[Problem]) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem.path, str) and isinstance(problem.message, str)
        assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_trees, damaged_configs()), st.booleans())
def test_the_validator_never_raises_on_garbage(data, replace):
    with fresh_database():
        assert_problems(validate_config(data, replace=replace))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200), json_trees.map(json.dumps)))
def test_the_reader_never_raises_on_any_text(text):
    data, problems = parse_text(text)
    assert_problems(problems)
    assert not problems or data is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_never_raises_on_any_bytes(data):
    text, problems = decode_text(data, "x.json")
    assert_problems(problems)
    assert (text is None) == bool(problems)
