"""`atende watch --once` on an instance connected to Chatwoot (SPEC §13): pull, close what is
due, deliver the outbox, say what it did; each message once, nothing lost on a failure."""

from __future__ import annotations

import pytest

from app.core.storage.models import Chat, OutboxRow
from tests import fake_chatwoot as fake_module
from tests.commands import cli_fixture
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN, enable_auto_close

atende = cli_fixture.atende
fake_chatwoot = fake_module.fake_chatwoot

LATER = "2100-01-01T12:00:00Z"  # every conversation of the fake is long due by then


@pytest.fixture
def connected(atende, fake_chatwoot, make_instance, monkeypatch):
    monkeypatch.setenv("ATENDE_CHATWOOT_TOKEN", TOKEN)
    shop = make_instance("Loja Centro")
    enable_auto_close(shop.id, "Obrigado, {{primeiro_nome}}!")
    args = ["--url", fake_chatwoot.url, "--account", str(ACCOUNT_ID), "--inbox", str(INBOX_ID)]
    assert atende("connection", "set", "--instance", "Loja Centro", *args)[0] == 0
    fake_chatwoot.add_waiting_conversation(7, "Rita Lima")
    return fake_chatwoot


def test_once_pulls_closes_sends_and_resolves_then_does_nothing_twice(atende, connected):
    code, out, err = atende("watch", "--once", "--now", LATER)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "1 atendimento encerrado",
        "Chatwoot: 1 atendimento atualizado",
        "Chatwoot: 1 mensagem enviada",
        "Chatwoot: 1 conversa resolvida",
    ]
    assert connected.sent(7)[-1] == "Obrigado, Rita!"
    assert connected.state.conversations[7]["status"] == "resolved"
    assert Chat.get(Chat.external_id == "7").status == "closed"
    code, out, err = atende("watch", "--once", "--now", LATER)
    assert (code, err) == (0, "") and out.splitlines()[0] == "Nenhum atendimento encerrado"
    assert connected.sent(7).count("Obrigado, Rita!") == 1


def test_a_refused_token_pauses_says_so_and_keeps_the_actions(atende, connected):
    atende("sync")  # the chat is known here; then the token is revoked in Chatwoot
    connected.fail(401, times=100)
    code, out, err = atende("watch", "--once", "--now", LATER)
    assert code == 1 and out.splitlines()[0] == "1 atendimento encerrado"
    assert "Loja Centro" in err and TOKEN not in out + err
    assert OutboxRow.select().where(OutboxRow.outcome.is_null()).count() == 2  # message, resolve
    assert connected.sent(7) == ["Posso ajudar em algo mais?"]


def test_without_connections_the_output_is_the_plain_one(atende, make_instance):
    make_instance("Loja Centro")
    assert atende("watch", "--once", "--now", LATER) == (0, "Nenhum atendimento encerrado\n", "")


def test_outside_the_24_hour_window_it_resolves_without_the_message_and_says_why(atende, connected):
    connected.state.conversations[7]["can_reply"] = False
    code, out, _err = atende("watch", "--once", "--now", LATER)
    assert code == 0 and "Chatwoot: 1 mensagem não enviada" in out
    assert connected.sent(7) == ["Posso ajudar em algo mais?"]
    assert connected.state.conversations[7]["status"] == "resolved"
    code, out, _err = atende("history", "--instance", "Loja Centro")
    lines = [line for line in out.splitlines() if "[Chatwoot]" in line]
    assert len(lines) == 1 and "24 horas" in lines[0]


def test_a_warning_outside_the_24_hour_window_is_recorded_as_a_warning(atende, connected):
    from app.core.storage.models import AutoCloseSettings

    AutoCloseSettings.update(
        warning_minutes_before=10, warning_message="{{primeiro_nome}}, ainda aí?"
    ).execute()
    connected.state.conversations[7]["can_reply"] = False
    atende("sync")
    warn_at = Chat.get(Chat.external_id == "7").warning_at
    code, out, _err = atende("watch", "--once", "--now", warn_at.isoformat())
    assert code == 0 and "1 aviso de encerramento enviado" in out
    assert "Chatwoot: 1 mensagem não enviada" in out
    code, out, _err = atende("history", "--instance", "Loja Centro")
    lines = [line for line in out.splitlines() if "[Chatwoot]" in line]
    assert len(lines) == 1 and "Aviso de encerramento não enviado" in lines[0]
    assert "resolvida" not in lines[0]  # the conversation is still open there
