"""Questions answer with verbs (issue 17 item 17): "Excluir / Cancelar", never "Sim / Não"."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui.widgets import confirm


def test_the_buttons_are_the_action_and_cancelar_with_cancel_the_default(qtbot, context):
    box, yes = confirm.question_box(None, "Excluir instância", "Excluir “Loja”?", "Excluir")
    qtbot.addWidget(box)
    assert [b.text() for b in box.buttons()] == ["Excluir", "Cancelar"]
    assert box.button(QMessageBox.StandardButton.Yes) is None
    assert box.button(QMessageBox.StandardButton.No) is None
    assert box.defaultButton().text() == box.escapeButton().text() == "Cancelar"


def clicking(monkeypatch, text: str) -> None:
    """The box's exec() clicks the button saying `text` (no modal loop in a test)."""

    def exec_(box):
        next(b for b in box.buttons() if b.text() == text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_ask_is_true_only_for_the_action(context, monkeypatch):
    clicking(monkeypatch, "Excluir")
    assert confirm.ask(None, "Excluir instância", "Excluir?", "Excluir") is True
    clicking(monkeypatch, "Cancelar")
    assert confirm.ask(None, "Excluir instância", "Excluir?", "Excluir") is False
