"""`atende connection set|show|remove` and `atende sync` against the fake Chatwoot."""

from __future__ import annotations

import io
import json
import os

import pytest

from app.core.storage.models import Connection, Template
from tests import fake_chatwoot as fake_module
from tests.commands import cli_fixture
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN

atende = cli_fixture.atende  # the fixtures, shared with other tests
fake_chatwoot = fake_module.fake_chatwoot


@pytest.fixture
def shop(make_instance, monkeypatch):
    monkeypatch.setenv("ATENDE_CHATWOOT_TOKEN", TOKEN)
    return make_instance("Loja Centro")


def set_args(fake, **changes):
    values = {"--url": fake.url, "--account": str(ACCOUNT_ID), "--inbox": str(INBOX_ID)}
    values.update(changes)
    args = ["connection", "set", "--instance", "Loja Centro"]
    for key, value in values.items():
        args += [key, value]
    return args


def test_set_then_show_never_prints_the_token(atende, fake_chatwoot, shop):
    code, out, err = atende(*set_args(fake_chatwoot))
    assert (code, err) == (0, "") and "WhatsApp Loja" in out and fake_chatwoot.url in out
    code, out, err = atende("connection", "show")
    assert code == 0 and fake_chatwoot.url in out and TOKEN not in out + err
    code, out, _err = atende("connection", "show", "--instance", "Loja Centro", "--json")
    shown = json.loads(out)
    assert code == 0 and TOKEN not in out
    assert shown[0]["account_id"] == ACCOUNT_ID and shown[0]["inbox_id"] == INBOX_ID
    assert shown[0]["paused"] is False and shown[0]["queued_actions"] == 0


def test_the_token_from_one_line_of_stdin(atende, fake_chatwoot, shop, monkeypatch):
    monkeypatch.delenv("ATENDE_CHATWOOT_TOKEN")
    monkeypatch.setattr("sys.stdin", io.StringIO(TOKEN + "\n"))
    assert atende(*set_args(fake_chatwoot))[0] == 0
    assert Connection.get().token == TOKEN


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"--inbox": "99"}, "--inbox"),
        ({"--account": "8"}, "--account"),
        ({"--inbox": "x"}, "--inbox"),
    ],
)
def test_refusals_exit_2_naming_the_option(atende, fake_chatwoot, shop, changes, path):
    code, out, err = atende(*set_args(fake_chatwoot, **changes))
    assert code == 2 and out == "" and err.startswith(f"{path}: ")
    assert Connection.select().count() == 0


def test_a_refused_token_exits_2_without_echoing_it(atende, fake_chatwoot, shop, monkeypatch):
    monkeypatch.setenv("ATENDE_CHATWOOT_TOKEN", "not-the-token-42")
    code, _out, err = atende(*set_args(fake_chatwoot))
    assert code == 2 and err.startswith("token: ") and "not-the-token-42" not in err
    assert Connection.select().count() == 0


def test_plain_http_to_another_machine_is_refused(atende, shop):
    code, _out, err = atende(*set_args(type("F", (), {"url": "http://chat.loja.com.br"})))
    assert code == 2 and err.startswith("--url: ")


def test_an_unreachable_server_exits_1(atende, fake_chatwoot, shop):
    url = fake_chatwoot.url
    fake_chatwoot.stop()
    code, _out, err = atende(*set_args(type("F", (), {"url": url})))
    assert code == 1 and "127.0.0.1" in err
    assert Connection.select().count() == 0


def test_auto_resolve_on_is_a_warning(atende, fake_chatwoot, shop):
    fake_chatwoot.state.account["settings"]["auto_resolve_after"] = 60
    code, _out, err = atende(*set_args(fake_chatwoot))
    assert code == 0 and err.count("\n") == 1 and "--account" in err


def test_remove(atende, fake_chatwoot, shop):
    atende(*set_args(fake_chatwoot))
    assert atende("connection", "remove", "--instance", "Loja Centro")[0] == 0
    code, _out, err = atende("connection", "remove", "--instance", "Loja Centro")
    assert code == 2 and err.startswith("--instance: ")
    assert atende("connection", "remove", "--instance", "Nenhuma")[0] == 2


def test_sync_prints_how_many_chats_were_updated(atende, fake_chatwoot, shop):
    for cid in (1, 2):
        fake_chatwoot.add_conversation(cid)
        fake_chatwoot.add_message(cid, "Olá", 0)
    atende(*set_args(fake_chatwoot))
    code, out, err = atende("sync")
    assert (code, err) == (0, "") and out.startswith("Loja Centro: 2 ")
    code, out, _err = atende("sync", "--instance", "Loja Centro")
    assert code == 0 and out.startswith("Loja Centro: 0 ")


def test_sync_of_a_refused_token_exits_1_and_pauses(atende, fake_chatwoot, shop):
    atende(*set_args(fake_chatwoot))
    fake_chatwoot.fail(401)
    code, _out, err = atende("sync")
    assert code == 1 and err.startswith("Loja Centro: ") and TOKEN not in err
    code, _out, err = atende("sync")  # paused: it does not even ask
    assert code == 1 and "connection set" in err
    assert json.loads(atende("connection", "show", "--json")[1])[0]["paused"] is True


@pytest.mark.parametrize(
    "command",
    [("connection", "show"), ("connection", "remove", "--instance", "X"), ("sync",)],
)
def test_a_missing_database_file_is_not_created(tmp_path, capsys, command):
    from app.cli import main

    path = tmp_path / "nada.sqlite3"
    code = main(["--db", str(path), *command])
    assert code == 2 and str(path) in capsys.readouterr().err
    assert not os.path.exists(path)


def test_push_templates_prints_a_line_per_template(atende, fake_chatwoot, shop, clock):
    for shortcut, content in (("/ola", "Olá, {{nome}}!"), ("/bomdia", "{{saudacao}}!")):
        Template.create(
            instance=shop,
            title=shortcut,
            shortcut=shortcut,
            content=content,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    atende(*set_args(fake_chatwoot))
    code, out, err = atende("connection", "push-templates", "--instance", "Loja Centro")
    lines = out.splitlines()
    assert code == 0 and err == "" and len(lines) == 2
    assert lines[0].startswith("/bomdia: ") and "{{saudacao}}" in lines[0]
    assert lines[1].startswith("/ola: ")
    assert [r["short_code"] for r in fake_chatwoot.state.canned.values()] == ["ola"]
