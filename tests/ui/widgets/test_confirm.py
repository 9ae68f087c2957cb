"""Questions answer with verbs (issue 17 item 17): "Excluir / Cancelar", never "Sim / Não".

Cancel is Qt's own button (Portuguese through qtbase_pt_BR, as every dialog's), so these
tests name it by its role, whatever translator an earlier test left installed."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.ui.home import HomePage
from app.ui.widgets import confirm

CANCEL = QMessageBox.StandardButton.Cancel
APP = Path(__file__).resolve().parents[3] / "app"


def test_the_buttons_are_the_action_and_cancel_with_cancel_the_default(qtbot):
    box, yes = confirm.question_box(None, "Excluir instância", "Excluir “Loja”?", "Excluir")
    qtbot.addWidget(box)
    cancel = box.button(CANCEL)
    assert box.buttons() == [yes, cancel] or box.buttons() == [cancel, yes]
    assert yes.text() == "Excluir"
    for answer in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
        assert box.button(answer) is None
    assert box.defaultButton() is cancel and box.escapeButton() is cancel


def answering(monkeypatch, choose) -> None:
    """The box's exec() clicks the button `choose(box)` picks (no modal loop in a test)."""

    def exec_(box):
        choose(box).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_ask_is_true_only_for_the_action(monkeypatch):
    answering(monkeypatch, lambda box: next(b for b in box.buttons() if b.text() == "Excluir"))
    assert confirm.ask(None, "Excluir instância", "Excluir?", "Excluir") is True
    answering(monkeypatch, lambda box: box.button(CANCEL))
    assert confirm.ask(None, "Excluir instância", "Excluir?", "Excluir") is False


def test_no_question_of_the_window_answers_yes_or_no():
    """Every confirmation goes through `confirm.ask`: no `QMessageBox.question` nor a
    Yes/No button anywhere in app/ui (Sim / Não made the owner read the sentence twice)."""
    found = []
    for path in sorted((APP / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("question", "Yes", "No"):
                found.append(f"{path.relative_to(APP)}:{node.lineno} .{node.attr}")
    assert found == []


def test_deleting_an_instance_asks_excluir_or_cancelar(context, make_instance, monkeypatch):
    asked = []
    monkeypatch.setattr(confirm, "ask", lambda *args: asked.append(args) or False)
    page = HomePage(context)
    assert page.confirm_delete(make_instance("Loja Centro")) is False
    [(_parent, _title, text, action)] = asked
    assert "Loja Centro" in text and action == "Excluir"
