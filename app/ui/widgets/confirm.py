"""A question whose buttons say what they do ("Excluir" / "Cancelar"), never "Sim / Não":
the owner reads the button, not the sentence above it. Cancel is the default (Enter and
Esc do nothing irreversible)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


def question_box(
    parent: QWidget | None, title: str, text: str, action: str
) -> tuple[QMessageBox, QPushButton]:
    """The box (not shown) and its `action` button (a verb: "Excluir", "Remover")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)  # "Cancelar" (qtbase_pt_BR)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, yes


def ask(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """True when the owner chose `action`."""
    box, yes = question_box(parent, title, text, action)
    box.exec()
    return box.clickedButton() is yes
