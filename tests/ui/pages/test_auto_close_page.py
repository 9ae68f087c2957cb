"""The Encerramento automático page: loading, gating, live errors, the warning, saving."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.core import auto_close
from app.core.models import AutoCloseSettings, HistoryEvent
from app.ui.context import AppContext
from app.ui.pages.auto_close import AutoClosePage
from app.ui.widgets.switch import Switch

OPERATOR = "Encerrar atendimento humano atribuído por outro operador"
BOT = "Encerrar atendimento humano atribuído por chatbot ou workflow"
ENABLE = "Encerrar automaticamente os atendimentos inativos"


def find(page: QWidget, cls, name: str):
    found = [w for w in page.findChildren(cls) if w.accessibleName() == name]
    assert len(found) == 1, f"{cls.__name__} {name!r}: {len(found)} found"
    return found[0]


@pytest.fixture
def context(clock):
    return AppContext(clock=clock)


@pytest.fixture
def page(qtbot, make_instance, context):
    instance = make_instance()
    widget = AutoClosePage(instance.id, context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def save_button(page):
    return find(page, QPushButton, "Salvar")


def error_text(page, path):
    label = page.error_labels[path]
    return label.text() if label.isVisible() else None


def test_loads_the_defaults_disabled(page):
    assert not find(page, Switch, ENABLE).isChecked()
    assert find(page, Switch, OPERATOR).isChecked()
    assert not find(page, Switch, BOT).isChecked()
    assert find(page, QLineEdit, "Tempo limite").text() == "1"
    assert find(page, QComboBox, "Unidade do tempo limite").currentText() == "hora"
    assert not save_button(page).isEnabled()
    # Sub-controls are gated by the main switch.
    assert not find(page, QLineEdit, "Tempo limite").isEnabled()
    assert not find(page, Switch, OPERATOR).isEnabled()
    assert not find(page, QPlainTextEdit, "Mensagem de encerramento").isEnabled()


def test_the_seed_labels_and_explanations_are_shown(page):
    texts = {label.text() for label in page.findChildren(QLabel)}
    assert {OPERATOR, BOT} <= texts
    assert any(t.startswith("Com esta opção ativada, todos os atendimentos humanos atribuídos")
               for t in texts)
    assert any(t.startswith("Quando ativada, todos os atendimentos humanos iniciados por "
                            "chatbot ou workflow") for t in texts)


def test_presets_set_value_and_unit(qtbot, page):
    find(page, Switch, ENABLE).click()
    find(page, QPushButton, "Sugestão: 5 horas").click()
    assert find(page, QLineEdit, "Tempo limite").text() == "5"
    assert find(page, QComboBox, "Unidade do tempo limite").currentText() == "horas"
    assert find(page, QPushButton, "Sugestão: 5 horas").isChecked()
    assert not find(page, QPushButton, "Sugestão: 1 hora").isChecked()
    assert page.read_values()["timeout_minutes"] == 300
    find(page, QPushButton, "Sugestão: 2 dias").click()
    assert page.read_values()["timeout_minutes"] == 2880
    assert find(page, QComboBox, "Unidade do tempo limite").currentText() == "dias"


def test_out_of_bounds_shows_the_error_and_blocks_saving(qtbot, page):
    find(page, Switch, ENABLE).click()
    value = find(page, QLineEdit, "Tempo limite")
    unit = find(page, QComboBox, "Unidade do tempo limite")
    unit.setCurrentIndex(unit.findData("days"))
    value.clear()
    qtbot.keyClicks(value, "91")
    assert error_text(page, "auto_close.timeout_minutes") == "Escolha entre 1 minuto e 90 dias."
    assert not save_button(page).isEnabled()
    assert page.save() is False
    assert AutoCloseSettings.select().count() == 0
    value.clear()
    assert error_text(page, "auto_close.timeout_minutes") is not None  # empty = 0
    qtbot.keyClicks(value, "90")
    assert error_text(page, "auto_close.timeout_minutes") is None
    assert save_button(page).isEnabled()


def test_closing_message_errors_live_under_the_field(qtbot, page):
    find(page, Switch, ENABLE).click()
    editor = find(page, QPlainTextEdit, "Mensagem de encerramento")
    qtbot.keyClicks(editor, "Oi {{nme}}")
    assert "você quis dizer {{nome}}?" in error_text(page, "auto_close.closing_message")
    assert not save_button(page).isEnabled()
    editor.setPlainText("Oi {{nome}}")
    assert error_text(page, "auto_close.closing_message") is None
    assert save_button(page).isEnabled()


def test_both_switches_off_warns_but_saves(qtbot, page, context):
    find(page, Switch, ENABLE).click()
    find(page, Switch, OPERATOR).click()
    warning = page.error_labels["auto_close"]
    assert warning.isVisible() and "nada será encerrado" in warning.text()
    assert warning.objectName() == "fieldWarning"
    assert save_button(page).isEnabled()
    with qtbot.waitSignal(context.settings_changed, timeout=1000):
        save_button(page).click()
    stored = auto_close.get_settings(page.instance())
    assert stored["enabled"] and not stored["close_assigned_by_operator"]


def test_save_writes_once_with_a_history_event(qtbot, page):
    find(page, Switch, ENABLE).click()
    find(page, QPushButton, "Sugestão: 12 horas").click()
    find(page, Switch, BOT).click()
    find(page, QPlainTextEdit, "Mensagem de encerramento").setPlainText("Até mais, {{nome}}!")
    before = HistoryEvent.select().count()
    assert page.save() is True
    assert auto_close.get_settings(page.instance()) == {
        "enabled": True, "timeout_minutes": 720, "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": True, "closing_message": "Até mais, {{nome}}!",
    }
    assert HistoryEvent.select().count() == before + 1
    assert not save_button(page).isEnabled()  # saved = unchanged again
    assert page.status_label.text() == "Salvo."


def test_same_minutes_in_another_unit_is_not_a_change(qtbot, page, clock):
    auto_close.save(page.instance(), {**auto_close.defaults(), "enabled": True}, clock)
    page.load()
    value = find(page, QLineEdit, "Tempo limite")
    unit = find(page, QComboBox, "Unidade do tempo limite")
    unit.setCurrentIndex(unit.findData("minutes"))
    value.setText("60")
    assert not page.has_unsaved_changes()
    assert not save_button(page).isEnabled()
    assert unit.currentText() == "minutos"


@pytest.mark.parametrize(
    ("answer", "leaves", "saved"),
    [
        (QMessageBox.StandardButton.Save, True, True),
        (QMessageBox.StandardButton.Discard, True, False),
        (QMessageBox.StandardButton.Cancel, False, False),
    ],
)
def test_unsaved_changes_guard(page, monkeypatch, answer, leaves, saved):
    find(page, Switch, ENABLE).click()
    monkeypatch.setattr(page, "ask_unsaved", lambda: answer)
    assert page.confirm_leave() is leaves
    assert auto_close.get_settings(page.instance())["enabled"] is saved
    if answer == QMessageBox.StandardButton.Discard:
        assert not find(page, Switch, ENABLE).isChecked()
