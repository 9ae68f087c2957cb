"""Arquivo → Importar atendimentos…: preview, then all or nothing, off the UI thread."""

from __future__ import annotations

import pytest

from app.core.storage.models import Chat
from app.core.watcher import chat_import, chats
from app.ui.context import AppContext
from app.ui.dialogs.chats_import_dialog import ChatsImportDialog
from app.ui.main_window import MainWindow
from tests.core.watcher.test_chats import jsonl, minimal
from tests.faults import dump


@pytest.fixture
def window(qtbot, db, db_path, clock):
    win = MainWindow(AppContext(clock, db_path))
    qtbot.addWidget(win)
    return win


class Answers:
    def __init__(self, actions, confirm=True):
        self.previews, self.problems, self.words = [], [], []
        actions.confirm_chats_import = lambda path, name, preview: (
            self.previews.append((name, preview)) or confirm
        )
        actions.show_problems = lambda title, intro, problems, words=None: (
            self.problems.append((title, intro, problems)),
            self.words.append([words(p.path) for p in problems] if words else None),
        )


def finish(qtbot, actions):
    """Wait for the preview and then the import (each a background job)."""
    qtbot.waitUntil(lambda: actions.chats_job is not None and not actions.chats_job.running)


def test_the_menu_offers_the_chats_import(window):
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == [
        "&Exportar configuração…",
        "&Importar configuração…",
        "Importar &atendimentos…",
    ]


def test_preview_then_import_into_the_instance(window, qtbot, make_instance, tmp_path):
    shop = make_instance("Loja Centro")
    chat_import.import_chats(shop, jsonl(minimal("a")))
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl(minimal("a", customer_name="João"), minimal("b"), minimal("c")))
    answers = Answers(window.file_actions)
    changed = []
    window.context.chats_changed.connect(changed.append)
    window.file_actions.import_chats_from(path, shop)
    qtbot.waitUntil(lambda: changed == [shop.id])
    [(name, preview)] = answers.previews
    assert name == "Loja Centro" and (preview.created, preview.updated) == (2, 1)
    assert Chat.select().where(Chat.instance == shop).count() == 3
    assert chats.get_chat(shop, "a").customer_name == "João"
    said = window.statusBar().currentMessage()
    assert said == "3 atendimentos importados (novos: 2; atualizados: 1)"


def test_declining_the_preview_writes_nothing(window, qtbot, make_instance, tmp_path, db_path):
    shop = make_instance()
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl(minimal("a"), minimal("b")))
    before = dump(db_path)
    answers = Answers(window.file_actions, confirm=False)
    window.file_actions.import_chats_from(path, shop)
    finish(qtbot, window.file_actions)
    assert len(answers.previews) == 1
    assert dump(db_path) == before


def test_a_file_with_errors_lists_them_in_words_and_writes_nothing(
    window, qtbot, make_instance, tmp_path, db_path
):
    shop = make_instance()
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl(minimal("a"), minimal("b", phone="12"), "{"))
    before = dump(db_path)
    answers = Answers(window.file_actions)
    window.file_actions.import_chats_from(path, shop)
    qtbot.waitUntil(lambda: bool(answers.problems))
    title, intro, problems = answers.problems[0]
    assert title == "O arquivo não foi importado"
    assert [p.path for p in problems] == ["linha 2.phone", "arquivo"]
    assert "linha 3" in problems[1].message
    assert answers.words[0] == ["Linha 2 → Telefone", "O arquivo"]
    assert answers.previews == [], "no preview for a bad file"
    assert dump(db_path) == before


def test_the_preview_dialog_says_what_changes(qtbot):
    from app.core.watcher.chats_preview import ChatsPreview

    dialog = ChatsImportDialog("/tmp/c.jsonl", "Loja Centro", ChatsPreview(2, 1))
    qtbot.addWidget(dialog)
    assert dialog.counts.text() == "2 atendimentos novos, 1 já existente (atualizado)"
    assert dialog.ok_button.isEnabled()
    empty = ChatsImportDialog("/tmp/c.jsonl", "Loja Centro", ChatsPreview(0, 0))
    qtbot.addWidget(empty)
    assert not empty.ok_button.isEnabled()


def test_a_file_broken_after_the_preview_imports_nothing(
    window, qtbot, make_instance, tmp_path, db_path
):
    """The import checks the file again: all or nothing."""
    shop = make_instance()
    path = tmp_path / "chats.jsonl"
    path.write_text(jsonl(minimal("a"), minimal("b")))
    before = dump(db_path)
    answers = Answers(window.file_actions)

    def confirm(path_text, name, preview):
        path.write_text(jsonl(minimal("a"), minimal("b", handler="robô")))
        return True

    window.file_actions.confirm_chats_import = confirm
    window.file_actions.import_chats_from(path, shop)
    qtbot.waitUntil(lambda: bool(answers.problems))
    assert [p.path for p in answers.problems[0][2]] == ["linha 2.handler"]
    assert dump(db_path) == before
