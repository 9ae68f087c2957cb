"""The Mensagens predefinidas page: list, search, editor, guard, preview, copy, CSV."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.core.storage.models import Chat, Template
from app.core.templates import store as templates
from app.ui.context import AppContext
from app.ui.pages.templates import TemplatesPage

SAVE, DISCARD, CANCEL = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)


def add(instance, clock, shortcut, title, content="Olá!", category=None):
    return templates.create_template(
        instance,
        {"title": title, "shortcut": shortcut, "category": category, "content": content},
        clock,
    )


@pytest.fixture
def loja(make_instance):
    return make_instance("Loja Centro")


@pytest.fixture
def make_page(qtbot, clock):
    def make(instance):
        page = TemplatesPage(instance.id, AppContext(clock=clock))
        qtbot.addWidget(page)
        page.resize(1100, 760)
        return page

    return make


def shown_titles(page):
    return [page.model.row_at(i).title for i in range(page.model.rowCount())]


def click_row(page, title):
    position = shown_titles(page).index(title)
    page.views.list_panel.view.setCurrentIndex(page.model.index(position))


def test_empty_state_then_create_the_first(loja, make_page, qtbot):
    page = make_page(loja)
    assert page.views.currentIndex() == 0
    qtbot.mouseClick(_button(page, "Criar a primeira"), Qt.MouseButton.LeftButton)
    assert page.views.currentIndex() == 1 and page.editing and page.current_id is None
    assert not page.save_button.isEnabled()
    assert all(not label.isVisible() or not label.text() for label in page.editor.errors.values())


def _button(page, name):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in page.findChildren(QPushButton) if b.accessibleName() == name)


def test_live_validation_and_save(loja, make_page, qtbot, clock):
    add(loja, clock, "/ola", "Boas-vindas")
    page = make_page(loja)
    page.new_template()
    editor = page.editor
    qtbot.keyClicks(editor.title_edit, "Horario")  # QTest types ASCII only
    editor.title_edit.setText("Horário")
    qtbot.keyClicks(editor.shortcut_edit, "OLA")
    assert editor.shortcut_edit.text() == "/OLA"  # the "/" is typed for the user
    editor.content_edit.setPlainText("Abrimos às 8h, {{nme}}")
    assert "Outra mensagem já usa /ola" in editor.errors["shortcut"].text()
    assert "você quis dizer {{nome}}" in editor.errors["content"].text()
    assert not page.save_button.isEnabled()
    editor.shortcut_edit.setText("/horario")
    editor.content_edit.setPlainText("Abrimos às 8h, {{nome}}")
    assert not editor.errors["shortcut"].text() and not editor.errors["content"].text()
    assert page.save_button.isEnabled()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    editor.content_edit.setFocus()
    qtbot.keyClick(editor.content_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = Template.get(Template.shortcut == "/horario")
    assert (stored.title, stored.content) == ("Horário", "Abrimos às 8h, {{nome}}")
    assert page.current_id == stored.id and not page.save_button.isEnabled()
    assert shown_titles(page) == ["Horário", "Boas-vindas"]  # sorted by shortcut
    assert page.views.list_panel.view.currentIndex().row() == 0
    assert page.status_label.text() == "Salvo."


def test_search_ignores_case_and_accents_and_filters_by_category(loja, make_page, clock):
    add(loja, clock, "/promo", "Promoção de março", "Desconto", "Vendas")
    add(loja, clock, "/horario", "Horário", "Abrimos às 8h", "Atendimento")
    add(loja, clock, "/pix", "Chave Pix", "Não esqueça o comprovante", None)
    page = make_page(loja)
    assert page.views.list_panel.count_label.text() == "3 mensagens"
    page.views.search_edit.setText("PROMOCAO")
    assert shown_titles(page) == ["Promoção de março"]
    page.views.search_edit.setText("horário")
    assert shown_titles(page) == ["Horário"]
    page.views.search_edit.setText("nao esqueca")  # content, accents ignored
    assert shown_titles(page) == ["Chave Pix"]
    assert page.views.list_panel.count_label.text() == "1 de 3 mensagens"
    page.views.search_edit.setText("xyz")
    assert shown_titles(page) == [] and page.views.list_panel.count_label.text() == (
        "Nenhuma mensagem encontrada."
    )
    page.views.search_edit.setText("")
    combo = page.views.list_panel.category_filter
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Todas as categorias",
        "Sem categoria",
        "Atendimento",
        "Vendas",
    ]
    combo.setCurrentIndex(3)
    assert shown_titles(page) == ["Promoção de março"]
    combo.setCurrentIndex(1)
    assert shown_titles(page) == ["Chave Pix"]
    page.views.search_edit.setText("promo")
    assert shown_titles(page) == []


def test_switching_templates_asks_about_unsaved_changes(loja, make_page, clock, monkeypatch):
    add(loja, clock, "/a", "Alfa")
    add(loja, clock, "/b", "Beta")
    page = make_page(loja)
    assert page.editor.title_edit.text() == "Alfa"
    answers = []
    monkeypatch.setattr(page, "ask_unsaved", lambda: answers.pop(0))

    page.editor.title_edit.setText("Alfa editada")
    answers.append(CANCEL)
    click_row(page, "Beta")
    assert page.editor.title_edit.text() == "Alfa editada"
    assert page.views.list_panel.view.currentIndex().row() == shown_titles(page).index("Alfa")

    answers.append(DISCARD)
    click_row(page, "Beta")
    assert page.editor.title_edit.text() == "Beta"
    assert Template.get(Template.shortcut == "/a").title == "Alfa"

    page.editor.title_edit.setText("Beta salva")
    answers.append(SAVE)
    click_row(page, "Alfa")
    assert Template.get(Template.shortcut == "/b").title == "Beta salva"
    assert page.editor.title_edit.text() == "Alfa"
    assert answers == []


def test_leaving_the_page_with_an_invalid_edit_can_be_cancelled(
    loja, make_page, clock, monkeypatch
):
    add(loja, clock, "/a", "Alfa")
    page = make_page(loja)
    assert page.confirm_leave()  # nothing changed: no question
    page.editor.title_edit.setText("")
    monkeypatch.setattr(page, "ask_unsaved", lambda: SAVE)
    assert not page.confirm_leave()  # Salvar with errors does not leave
    monkeypatch.setattr(page, "ask_unsaved", lambda: CANCEL)
    assert not page.confirm_leave()
    monkeypatch.setattr(page, "ask_unsaved", lambda: DISCARD)
    assert page.confirm_leave() and page.editor.title_edit.text() == "Alfa"


def test_count_preview_and_variable_menu(loja, make_page, clock):
    add(loja, clock, "/a", "Alfa")
    page = make_page(loja)
    editor = page.editor
    editor.content_edit.setPlainText("*Olá* {{primeiro_nome}} <b>x</b> ~não~ _sim_ ```c*d*```")
    html = page.views.preview_panel.preview.text_label.text()
    assert "<b>Olá</b> Maria" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<s>não</s>" in html and "<i>sim</i>" in html
    assert '<span style="font-family: monospace">c*d*</span>' in html
    assert page.views.preview_panel.preview.time_label.text() == "10:00 ✓✓"
    assert editor.count_label.text() == f"{len(editor.values()['content'])} / 4.096"
    editor.content_edit.setPlainText("x" * 4097)
    assert editor.count_label.text() == "4.097 / 4.096"
    assert editor.count_label.property("over") is True
    editor.content_edit.setPlainText("Oi ")
    editor.content_edit.moveCursor(editor.content_edit.textCursor().MoveOperation.End)
    action = next(a for a in editor.variable_menu.actions() if a.data() == "empresa")
    assert "o nome da instância" in action.text()
    action.trigger()
    assert editor.content_edit.toPlainText() == "Oi {{empresa}}"
    assert "Oi Loja Centro" in page.views.preview_panel.preview.text_label.text()


def test_copy_renders_for_the_chosen_chat(loja, make_page, clock):
    add(loja, clock, "/a", "Alfa", "{{saudacao}}, {{primeiro_nome}}! Protocolo {{protocolo}}")
    Chat.create(
        instance=loja,
        external_id="wa-7",
        customer_name="Bruna Lima",
        status="open",
        handler="human",
        protocol="P-1",
    )
    Chat.create(
        instance=loja, external_id="wa-8", customer_name="Fechado", status="closed", handler="human"
    )
    page = make_page(loja)
    combo = page.views.preview_panel.chat_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Dados de exemplo",
        "Bruna Lima — P-1",
    ]
    page.views.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Bom dia, Maria! Protocolo 2025031400042"
    combo.setCurrentIndex(1)
    page.views.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Bom dia, Bruna! Protocolo P-1"
    assert "Bruna Lima" in page.status_label.text()
    page.editor.content_edit.setPlainText("{{nme}}")
    assert not page.views.copy_button.isEnabled()


def test_new_chats_appear_when_chats_change(loja, make_page, clock):
    add(loja, clock, "/a", "Alfa")
    page = make_page(loja)
    Chat.create(instance=loja, external_id="n1", customer_name="Nova", status="open", handler="bot")
    page.context.chats_changed.emit(loja.id)
    assert page.views.preview_panel.chat_combo.count() == 2


def test_duplicate_and_delete(loja, make_page, clock, monkeypatch):
    add(loja, clock, "/a", "Alfa")
    add(loja, clock, "/b", "Beta")
    page = make_page(loja)
    page.views.duplicate_button.click()
    copy = Template.get(Template.shortcut == "/a-2")
    assert page.current_id == copy.id and page.editor.title_edit.text() == "Alfa (cópia)"
    monkeypatch.setattr(page, "ask_delete", lambda title, shortcut: False)
    page.views.delete_button.click()
    assert Template.get_or_none(id=copy.id) is not None
    monkeypatch.setattr(page, "ask_delete", lambda title, shortcut: True)
    page.views.delete_button.click()
    assert Template.get_or_none(id=copy.id) is None
    assert page.editor.title_edit.text() in ("Alfa", "Beta")
    for _ in range(2):
        page.views.delete_button.click()
    assert Template.select().count() == 0 and page.views.currentIndex() == 0


def test_csv_import_and_export_from_the_page(loja, make_page, clock, tmp_path, monkeypatch):
    add(loja, clock, "/a", "Alfa")
    page = make_page(loja)
    good = tmp_path / "boas.csv"
    good.write_bytes(
        "titulo;atalho;categoria;conteudo\r\nPromoção;/promo;Vendas;Só hoje\r\n".encode("cp1252")
    )
    bad = tmp_path / "ruim.csv"
    bad.write_text("titulo;atalho;categoria;conteudo\nX;sem-barra;;y\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(page.csv, "show_import_problems", shown.append)
    monkeypatch.setattr(page.csv, "choose_import_file", lambda: str(bad))
    page.views.import_action.trigger()
    assert [str(p) for p in shown[0]] == [
        "linha 2: atalho: Comece o atalho com “/”, ex.: /sem-barra."
    ]
    assert Template.select().count() == 1
    monkeypatch.setattr(page.csv, "choose_import_file", lambda: str(good))
    page.views.import_action.trigger()
    assert "Promoção" in shown_titles(page)
    assert "1 novas" in page.status_label.text() and "Windows-1252" in page.status_label.text()
    out = tmp_path / "saida.csv"
    monkeypatch.setattr(page.csv, "choose_export_file", lambda suggested: str(out))
    page.views.export_action.trigger()
    assert out.read_bytes().decode("utf-8-sig").splitlines()[1:] == [
        "Alfa;/a;;Olá!",
        "Promoção;/promo;Vendas;Só hoje",
    ]


def test_the_page_is_registered_and_guards_page_switches(loja, qtbot, clock, monkeypatch):
    from app.ui.instance_view import InstanceView

    add(loja, clock, "/a", "Alfa")
    view = InstanceView(loja.id, AppContext(clock=clock))
    qtbot.addWidget(view)
    assert view.show_page("templates")
    page = view.current_page()
    assert isinstance(page, TemplatesPage)
    page.editor.title_edit.setText("Mudou")
    monkeypatch.setattr(page, "ask_unsaved", lambda: CANCEL)
    assert not view.show_page("priority")
    monkeypatch.setattr(page, "ask_unsaved", lambda: SAVE)
    assert view.show_page("priority")
    assert Template.get(Template.shortcut == "/a").title == "Mudou"


def test_csv_import_refuses_a_folder_before_reading_it(loja, make_page, tmp_path, monkeypatch):
    page = make_page(loja)
    shown = []
    monkeypatch.setattr(page.csv, "show_import_problems", shown.append)
    monkeypatch.setattr(page.csv, "choose_import_file", lambda: str(tmp_path))
    page.views.import_action.trigger()
    assert [p.path for p in shown[0]] == ["arquivo"]
    assert "não é um arquivo comum" in shown[0][0].message
    assert Template.select().count() == 0
