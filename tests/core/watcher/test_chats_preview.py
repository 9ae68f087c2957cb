"""What a chats file would change, before it is imported (Arquivo → Importar atendimentos…)."""

from __future__ import annotations

from app.core.storage.models import Chat
from app.core.watcher import chat_import, chats_preview
from app.core.watcher.chats import MAX_PROBLEMS
from app.core.watcher.chats_preview import describe_chat_path, preview_chats, preview_file
from tests.core.watcher.test_chats import jsonl, minimal


def test_counts_new_and_stored_chats_and_writes_nothing(make_instance):
    shop, other = make_instance("Loja Centro"), make_instance("Loja Sul")
    chat_import.import_chats(shop, jsonl(minimal("a"), minimal("b")))
    chat_import.import_chats(other, jsonl(minimal("c")))  # another instance's "c" is not "stored"
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


def test_a_file_is_read_and_counted_a_chunk_at_a_time(make_instance, tmp_path, monkeypatch):
    shop = make_instance()
    chat_import.import_chats(shop, jsonl(*(minimal(f"old-{n}") for n in range(7))))
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl(*(minimal(f"old-{n}") for n in range(7)), minimal("new-1")))
    real = chats_preview.parse_chunks
    monkeypatch.setattr(chats_preview, "parse_chunks", lambda lines: real(lines, 3))
    preview = chats_preview.preview_file(shop.id, str(path))
    assert (preview.created, preview.updated, preview.problems) == (1, 7, [])


def test_a_file_that_cannot_be_read_is_a_problem(make_instance, tmp_path):
    shop = make_instance()
    [problem] = preview_file(shop.id, str(tmp_path / "nada.jsonl")).problems
    assert problem.path == "arquivo"
    wide = tmp_path / "utf16.jsonl"
    wide.write_bytes(jsonl(minimal("a")).encode("utf-16"))
    [problem] = preview_file(shop.id, str(wide)).problems
    assert "UTF-16" in problem.message


def test_problems_are_capped_like_the_import(make_instance):
    shop = make_instance()
    preview = preview_chats(shop, jsonl(*(minimal(f"x{n}", status="?") for n in range(150))))
    assert len(preview.problems) == MAX_PROBLEMS + 1
    assert "50" in preview.problems[-1].message
