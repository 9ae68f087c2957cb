"""What a chats file would change, before it is imported (Arquivo → Importar atendimentos…)."""

from __future__ import annotations

from app.core.storage.models import Chat
from app.core.watcher import chats
from app.core.watcher.chats_preview import describe_chat_path, preview_chats
from tests.core.watcher.test_chats import jsonl, minimal


def test_counts_new_and_stored_chats_and_writes_nothing(make_instance):
    shop, other = make_instance("Loja Centro"), make_instance("Loja Sul")
    chats.import_chats(shop, jsonl(minimal("a"), minimal("b")))
    chats.import_chats(other, jsonl(minimal("c")))  # another instance's "c" is not "stored"
    preview = preview_chats(shop, jsonl(minimal("a"), minimal("c"), minimal("d")))
    assert (preview.created, preview.updated, preview.problems) == (2, 1, [])
    assert preview.total == 3
    assert Chat.select().where(Chat.instance == shop).count() == 2


def test_problems_come_with_their_lines(make_instance):
    shop = make_instance()
    preview = preview_chats(shop, jsonl(minimal("a"), minimal("b", status="talvez")))
    assert preview.total == 0
    assert [p.path for p in preview.problems] == ["linha 2.status"]


def test_a_problem_path_in_words():
    assert describe_chat_path("linha 2.status") == "Linha 2 → Situação"
    assert describe_chat_path("linha 7.phone") == "Linha 7 → Telefone"
    assert describe_chat_path("linha 3") == "Linha 3"
    assert describe_chat_path("linha 4.last_agent_msg_at") == "Linha 4 → “last_agent_msg_at”"
    assert describe_chat_path("arquivo") == "O arquivo"
