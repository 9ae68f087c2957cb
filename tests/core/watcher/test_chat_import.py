"""The streaming `chats import` (issue 19): chunks into a staging table, one upsert, the
same answers as checking and writing the whole file at once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.common.validation import ValidationError
from app.core.schedule import store as schedule
from app.core.storage.db import database
from app.core.storage.models import Chat
from app.core.watcher import auto_close, chat_import, chats
from app.core.watcher.chat_lines import text_lines
from tests.core.watcher.test_chats import jsonl, minimal, stored
from tests.core.watcher.test_deadlines import agenda, line, settings

SP = ZoneInfo("America/Sao_Paulo")
FRIDAY_1750 = datetime(2025, 3, 14, 17, 50, tzinfo=SP)


def run(instance, text, size=3, target=None):
    return chat_import.import_lines(text_lines(text), target or (lambda: instance), size)


def test_lines_are_read_and_staged_a_chunk_at_a_time(make_instance, monkeypatch):
    shop = make_instance("Padaria")
    log = []

    def lines():
        for n in range(10):
            log.append("read")
            yield jsonl(minimal(f"c{n}")).rstrip("\n")

    execute = database.obj.execute_sql

    def spying(sql, params=None, *args, **kwargs):
        if sql.startswith(f"INSERT INTO {chat_import.STAGING}"):
            log.append(len(params) // len(chat_import.COLUMNS))
        return execute(sql, params, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", spying)
    result = chat_import.import_lines(lines(), lambda: shop, 3)
    assert (result.created, result.updated) == (10, 0)
    # Each chunk is staged before the next lines are read: never more than 3 rows held.
    assert log == ["read"] * 3 + [3] + ["read"] * 3 + [3] + ["read"] * 3 + [3] + ["read", 1]
    assert [c["external_id"] for c in stored(shop)] == sorted(f"c{n}" for n in range(10))
    # File order gives the new chats their ids.
    assert [c.external_id for c in Chat.select().order_by(Chat.id)] == [f"c{n}" for n in range(10)]


def test_an_error_in_a_late_chunk_writes_nothing_and_names_its_line(make_instance):
    shop = make_instance("Padaria")
    run(shop, jsonl(minimal("a", customer_name="Antes")))
    before = stored()
    text = jsonl(
        minimal("a", customer_name="Depois"), *(minimal(f"c{n}") for n in range(9)), "{", ""
    )
    opened = []
    with pytest.raises(ValidationError) as exc:
        run(shop, text, target=lambda: opened.append(1) or shop)
    assert opened == [1]  # the early chunks were clean: staged, then rolled back
    assert [str(p) for p in exc.value.problems] == [
        "arquivo: JSON inválido na linha 11, coluna 2: esperava-se uma chave entre aspas duplas"
    ]
    assert stored() == before
    assert run(shop, jsonl(minimal("a", customer_name="Depois"))).updated == 1


def test_a_wrong_first_chunk_never_opens_the_target():
    def target():
        raise AssertionError("the database was touched")

    with pytest.raises(ValidationError) as exc:
        run(None, jsonl(minimal("a", status="?"), *(minimal(f"c{n}") for n in range(5))), 3, target)
    assert [p.path for p in exc.value.problems] == ["linha 1.status"]


def test_wrong_lines_are_told_before_a_target_that_fails(make_instance):
    def target():
        raise LookupError("no such instance")

    good = jsonl(*(minimal(f"c{n}") for n in range(7)))
    with pytest.raises(LookupError):
        run(None, good, 3, target)
    with pytest.raises(ValidationError) as exc:
        run(None, good + jsonl(minimal("z", handler="?")), 3, target)
    assert [p.path for p in exc.value.problems] == ["linha 8.handler"]


def test_the_same_conversation_twice_across_chunks_is_told_as_before(make_instance):
    shop = make_instance("Padaria")
    text = jsonl(
        minimal("a"), minimal("b"), minimal("x", status="?"), minimal("c"), minimal(" a "),
        minimal("b"), minimal("d"), minimal("a"),
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        run(shop, text, size=2)
    told = [str(p) for p in exc.value.problems]
    assert told == [str(p) for p in chats.parse_chats(text)[1]]
    assert told == [
        "linha 3.status: Deve ser um destes: open, closed",
        "linha 5.external_id: “a” já aparece na linha 1",
        "linha 6.external_id: “b” já aparece na linha 2",
        "linha 8.external_id: “a” já aparece na linha 1",
    ]
    assert stored() == []


def test_a_hundred_problems_then_how_many_more_across_chunks(make_instance):
    shop = make_instance("Padaria")
    with pytest.raises(ValidationError) as exc:
        run(shop, jsonl(*["[]"] * 130), size=7)
    assert len(exc.value.problems) == 101
    assert exc.value.problems[99].path == "linha 100"
    assert str(exc.value.problems[-1]) == "arquivo: … e mais 30 erros"


def test_upserts_count_new_and_updated_and_an_empty_file_checks_the_target(make_instance):
    shop = make_instance("Padaria")
    run(shop, jsonl(minimal("a"), minimal("b")))
    result = run(shop, jsonl(minimal("b", status="closed"), minimal("c"), minimal("d")), 2)
    assert (result.created, result.updated) == (2, 1)
    assert chats.get_chat(shop, "b").status == "closed"
    assert run(shop, "\n\n").total == 0

    def missing():
        raise LookupError("no such instance")

    with pytest.raises(LookupError):  # an empty file still names an instance that exists
        run(shop, "", target=missing)
    with pytest.raises(LookupError):
        chat_import.import_lines(iter(()), missing)


@pytest.mark.parametrize("count", ["business_hours", "calendar"])
def test_deadlines_are_stored_as_the_whole_file_upsert_stores_them(make_instance, clock, count):
    text = "\n".join(
        [
            line("answered", FRIDAY_1750, FRIDAY_1750 + timedelta(minutes=1)),
            line("bot", FRIDAY_1750, handler="bot", assigned_via=None),
            line("due", FRIDAY_1750),
            line("later", FRIDAY_1750 + timedelta(hours=3)),
            line("closed", FRIDAY_1750, status="closed", closed_by="agent"),
        ]
    )
    found = {}
    for name, write in (
        ("Padaria", lambda shop: chats.upsert_chats(shop, chats.parse_chats(text)[0])),
        ("Filial", lambda shop: run(shop, text, size=2)),
    ):
        shop = make_instance(name, phone="+5511987654321" if name == "Filial" else "+5511912345678")
        schedule.save(shop, agenda(), clock)
        warning = {"minutes_before": 10, "message": "Oi"}
        auto_close.save(shop, settings(count=count, warning=warning), clock)
        write(shop)
        found[name] = {
            c.external_id: (c.deadline_at, c.warning_at)
            for c in Chat.select().where(Chat.instance == shop)
        }
    assert found["Filial"] == found["Padaria"]
    assert found["Filial"]["due"][0] is not None and found["Filial"]["answered"] == (None, None)
