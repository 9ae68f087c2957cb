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
)

from app.core.storage.models import AutoCloseSettings, HistoryEvent
from app.core.watcher import auto_close, time_limit
from app.ui.pages.auto_close import AutoClosePage
from app.ui.widgets.switch import Switch
from tests.ui.conftest import find

OPERATOR = "Encerrar atendimento humano atribuído por outro operador"
BOT = "Encerrar atendimento humano atribuído por chatbot ou workflow"
ENABLE = "Encerrar automaticamente os atendimentos inativos"


def open_page(qtbot, instance, context) -> AutoClosePage:
    widget = AutoClosePage(instance.id, context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def page(qtbot, make_instance, context):
    return open_page(qtbot, make_instance(), context)


def save_button(page):
    return find(page, "Salvar", QPushButton)


def error_text(page, path):
    label = page.error_labels[path]
    return label.text() if label.isVisible() else None


def test_loads_the_defaults_disabled(page):
    assert not find(page, ENABLE, Switch).isChecked()
    assert find(page, OPERATOR, Switch).isChecked()
    assert not find(page, BOT, Switch).isChecked()
    assert find(page, "Tempo limite", QLineEdit).text() == "1"
    assert find(page, "Unidade do tempo limite", QComboBox).currentText() == "hora"
    assert not save_button(page).isEnabled()
    # Sub-controls are gated by the main switch.
    assert not find(page, "Tempo limite", QLineEdit).isEnabled()
    assert not find(page, OPERATOR, Switch).isEnabled()
    assert not find(page, "Mensagem de encerramento", QPlainTextEdit).isEnabled()


def test_the_seed_labels_and_explanations_are_shown(page):
    texts = {label.text() for label in page.findChildren(QLabel)}
    assert {OPERATOR, BOT} <= texts
    assert any(
        t.startswith("Com esta opção ativada, todos os atendimentos humanos atribuídos")
        for t in texts
    )
    assert any(
        t.startswith(
            "Quando ativada, todos os atendimentos humanos iniciados por chatbot ou workflow"
        )
        for t in texts
    )


def test_presets_set_value_and_unit(qtbot, page):
    find(page, ENABLE, Switch).click()
    find(page, "Sugestão: 5 horas", QPushButton).click()
    assert find(page, "Tempo limite", QLineEdit).text() == "5"
    assert find(page, "Unidade do tempo limite", QComboBox).currentText() == "horas"
    assert find(page, "Sugestão: 5 horas", QPushButton).isChecked()
    assert not find(page, "Sugestão: 1 hora", QPushButton).isChecked()
    assert page.read_values()["timeout_minutes"] == 300
    find(page, "Sugestão: 2 dias", QPushButton).click()
    assert page.read_values()["timeout_minutes"] == 2880
    assert find(page, "Unidade do tempo limite", QComboBox).currentText() == "dias"


def type_timeout(qtbot, page, text, unit_key):
    """Turn automatic closing on and type `text` in the time limit, in `unit_key`."""
    if not find(page, ENABLE, Switch).isChecked():
        find(page, ENABLE, Switch).click()
    value = find(page, "Tempo limite", QLineEdit)
    unit = find(page, "Unidade do tempo limite", QComboBox)
    unit.setCurrentIndex(unit.findData(unit_key))
    value.clear()
    qtbot.keyClicks(value, text)
    return value


def test_out_of_bounds_shows_the_error_and_blocks_saving(qtbot, page):
    value = type_timeout(qtbot, page, "91", "days")
    assert error_text(page, "auto_close.timeout_minutes") == "Escolha entre 1 minuto e 90 dias."
    assert not save_button(page).isEnabled()
    assert page.save() is False
    assert AutoCloseSettings.select().count() == 0
    value.clear()
    assert error_text(page, "auto_close.timeout_minutes") is not None  # empty = 0
    qtbot.keyClicks(value, "90")
    assert error_text(page, "auto_close.timeout_minutes") is None
    assert save_button(page).isEnabled()


def test_the_field_takes_up_to_core_maximum_in_minutes(qtbot, page):
    """90 days typed in minutes: 129600 is accepted and saved, 129601 is refused by core."""
    value = type_timeout(qtbot, page, str(time_limit.TIMEOUT_MAX), "minutes")
    assert value.text() == "129600"  # every digit typed reaches the field
    assert error_text(page, "auto_close.timeout_minutes") is None
    assert page.save() is True
    assert auto_close.get_settings(page.instance())["timeout_minutes"] == 129600

    type_timeout(qtbot, page, "129601", "minutes")
    assert value.text() == "129601"
    message = auto_close.timeout_bounds_message()
    assert error_text(page, "auto_close.timeout_minutes") == message
    assert not save_button(page).isEnabled() and page.save() is False
    assert auto_close.get_settings(page.instance())["timeout_minutes"] == 129600


def test_closing_message_errors_live_under_the_field(qtbot, page):
    find(page, ENABLE, Switch).click()
    editor = find(page, "Mensagem de encerramento", QPlainTextEdit)
    qtbot.keyClicks(editor, "Oi {{nme}}")
    assert "você quis dizer {{nome}}?" in error_text(page, "auto_close.closing_message")
    assert not save_button(page).isEnabled()
    editor.setPlainText("Oi {{nome}}")
    assert error_text(page, "auto_close.closing_message") is None
    assert save_button(page).isEnabled()


def test_both_switches_off_warns_but_saves(qtbot, page, context):
    find(page, ENABLE, Switch).click()
    find(page, OPERATOR, Switch).click()
    warning = page.error_labels["auto_close"]
    assert warning.isVisible() and "nada será encerrado" in warning.text()
    assert warning.objectName() == "fieldWarning"
    assert save_button(page).isEnabled()
    with qtbot.waitSignal(context.settings_changed, timeout=1000):
        save_button(page).click()
    stored = auto_close.get_settings(page.instance())
    assert stored["enabled"] and not stored["close_assigned_by_operator"]


def test_save_writes_once_with_a_history_event(qtbot, page):
    find(page, ENABLE, Switch).click()
    find(page, "Sugestão: 12 horas", QPushButton).click()
    find(page, BOT, Switch).click()
    find(page, "Mensagem de encerramento", QPlainTextEdit).setPlainText("Até mais, {{nome}}!")
    before = HistoryEvent.select().count()
    assert page.save() is True
    assert auto_close.get_settings(page.instance()) == {
        **auto_close.defaults(),  # and what the page does not edit (SPEC §12)
        "enabled": True,
        "timeout_minutes": 720,
        "close_assigned_by_operator": True,
        "close_started_by_bot_or_workflow": True,
        "closing_message": "Até mais, {{nome}}!",
    }
    assert HistoryEvent.select().count() == before + 1
    assert not save_button(page).isEnabled()  # saved = unchanged again
    assert page.status_label.text() == "Salvo."


def test_same_minutes_in_another_unit_is_not_a_change(qtbot, page, clock):
    auto_close.save(page.instance(), {**auto_close.defaults(), "enabled": True}, clock)
    page.load()
    value = find(page, "Tempo limite", QLineEdit)
    unit = find(page, "Unidade do tempo limite", QComboBox)
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
    find(page, ENABLE, Switch).click()
    monkeypatch.setattr(page, "ask_unsaved", lambda: answer)
    assert page.confirm_leave() is leaves
    assert auto_close.get_settings(page.instance())["enabled"] is saved
    if answer == QMessageBox.StandardButton.Discard:
        assert not find(page, ENABLE, Switch).isChecked()


def test_the_instance_view_opens_the_three_pages(qtbot, make_instance, context):
    from app.ui.instance_view import InstanceView
    from app.ui.pages.chats import ChatsPage
    from app.ui.pages.history import HistoryPage

    view = InstanceView(make_instance().id, context)
    qtbot.addWidget(view)
    assert isinstance(view.page("auto_close"), AutoClosePage)
    assert isinstance(view.page("chats"), ChatsPage)
    assert isinstance(view.page("history"), HistoryPage)
    assert view.show_page("chats") and view.current_key() == "chats"


def test_brazilian_decimal_hours_are_understood_and_shown_in_minutes(qtbot, page):
    """Issue 17 item 1: "1,5" horas stayed "15" and saved 15 hours."""
    value = type_timeout(qtbot, page, "1,5", "hours")
    assert value.text() == "1,5"
    assert error_text(page, "auto_close.timeout_minutes") is None
    assert page.minutes_label.text() == "= 90 minutos"  # the conversion is shown
    assert page.read_values()["timeout_minutes"] == 90
    assert page.save() is True
    assert auto_close.get_settings(page.instance())["timeout_minutes"] == 90


@pytest.mark.parametrize(("text", "hint"), [("1.5", "1,5"), ("1,33", "80 minutos")])
def test_an_amount_that_cannot_be_read_exactly_is_refused_at_the_field(qtbot, page, text, hint):
    type_timeout(qtbot, page, text, "hours")
    message = error_text(page, "auto_close.timeout_minutes")
    assert message is not None and hint in message
    assert not save_button(page).isEnabled() and page.save() is False
    assert AutoCloseSettings.select().count() == 0
