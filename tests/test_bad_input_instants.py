"""The catalogue of hostile input, round two (issue 18): instants at the ends of the calendar.

Year 1 or 9999 made a deadline or a local time fall off Python's calendar later, deep in a
watcher pass or a command (`falha inesperada`). Instants outside 1970–2999 are refused
where they come in (SPEC §14): `--at`, `--now`, `chats import`, with exit 2.
"""

from __future__ import annotations

import pytest

from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.templates.store import create_template
from tests.commands.cli_fixture import atende  # noqa: F401 - a fixture
from tests.faults import dump
from tests.test_bad_input import VALID

OUT_OF_RANGE = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+03:00",
    "1969-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
    "9999-12-31T12:00:00Z",
    "9999-12-31T23:59:59-05:00",
]


@pytest.fixture
def shop(db_path, clock):
    open_database(db_path)
    instance = create_instance({**VALID, "name": "Loja Centro"}, clock)
    create_template(
        instance,
        {"title": "Oi", "shortcut": "/oi", "category": None, "content": "{{saudacao}}!"},
        clock,
    )
    close_database()


COMMANDS = {
    "simulate": ["simulate", "--instance", "Loja Centro", "--at"],
    "simulate-json": ["simulate", "--instance", "Loja Centro", "--json", "--at"],
    "render": ["render", "--instance", "Loja Centro", "/oi", "--at"],
    "watch": ["watch", "--once", "--now"],
}


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_an_instant_off_the_calendar_is_exit_2_in_portuguese(
    shop,
    atende,  # noqa: F811
    db_path,
    command,
    value,
):
    before = dump(db_path)
    code, out, err = atende(*COMMANDS[command], value)
    option = COMMANDS[command][-1]
    assert code == 2, err
    assert err.startswith(f"{option}: ") and "entre os anos 1970 e 2999" in err
    assert "falha inesperada" not in err and out == ""
    assert dump(db_path) == before


@pytest.mark.parametrize("value", ["1970-01-01T00:00:00Z", "2999-12-31T23:59:59Z"])
def test_the_ends_of_the_range_are_accepted(shop, atende, value):  # noqa: F811
    assert atende(*COMMANDS["simulate"], value)[0] == 0
    assert atende(*COMMANDS["render"], value)[0] == 0


def test_a_local_time_of_render_is_checked_in_its_zone(shop, atende):  # noqa: F811
    """Without an offset --at is São Paulo's time: 2999-12-31 23:00 there is already 3000."""
    code, _out, err = atende(*COMMANDS["render"], "2999-12-31T23:00:00")
    assert code == 2 and "1970 e 2999" in err
