"""The catalogue of hostile input, round two (issue 18): instants at the ends of the calendar.

Year 1 or 9999 made a deadline or a local time fall off Python's calendar later, deep in a
watcher pass or a command (`falha inesperada`). Instants outside 1970–2999 are refused
where they come in (SPEC §14): `--at`, `--now`, `chats import`, with exit 2.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.core.instances.store import create_instance
from app.core.storage.db import close_database, open_database
from app.core.storage.models import Instance
from app.core.templates.store import create_template
from tests.commands.cli_fixture import atende  # noqa: F401 - a fixture
from tests.faults import dump
from tests.test_bad_input import VALID
from tests.test_bad_input_chats import CHAT

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


# -- item 1: a chat stored with a deadline past year 9999 never stops the others -------------


@pytest.mark.sqlite_only("writes the file directly, as an older desk could have")
def test_a_chat_stored_off_the_calendar_never_stops_the_others(shop, atende, db_path, tmp_path):  # noqa: F811
    open_database(db_path)
    Instance.update(timezone="Asia/Tokyo").execute()  # east of UTC: the worst case for display
    close_database()
    config = json.loads(atende("export")[1])
    config["instances"][0]["auto_close"]["enabled"] = True
    (tmp_path / "config.json").write_text(json.dumps(config))
    assert atende("import", "--replace", str(tmp_path / "config.json"))[0] == 0
    lines = [
        {**CHAT, "external_id": "ok", "last_agent_message_at": "2025-03-12T10:00:00-03:00"},
        {**CHAT, "external_id": "far", "last_agent_message_at": "2025-03-12T10:00:00-03:00"},
    ]
    (tmp_path / "chats.jsonl").write_text("\n".join(json.dumps(x) for x in lines))
    assert (
        atende("chats", "import", str(tmp_path / "chats.jsonl"), "--instance", "Loja Centro")[0]
        == 0
    )
    con = sqlite3.connect(db_path)  # as written before input was checked (or by an old desk)
    con.execute("UPDATE chat SET last_agent_message_at = 253402300200000 WHERE external_id = 'far'")
    con.commit()
    con.close()
    code, out, err = atende("watch", "--once", "--now", "2025-03-12T20:00:00Z")
    assert (code, out.splitlines()[0]) == (0, "1 atendimento encerrado"), err
    for extra in ([], ["--json"]):
        code, out, err = atende("chats", "list", "--instance", "Loja Centro", *extra)
        assert code == 0 and "far" in out, err
