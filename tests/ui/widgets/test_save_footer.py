"""The one save footer: Salvar/Descartar follow the edits, Ctrl+S saves, Recarregar on refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.core.common.validation import Problem
from app.ui.widgets.save_footer import SaveFooter
from app.ui.widgets.switch import SwitchRow


def make_host(qtbot):
    calls: list[str] = []
    host = QWidget()
    layout = QVBoxLayout(host)
    footer = SaveFooter(
        host, lambda: calls.append("save"), lambda: calls.append("discard"), lambda: None
    )
    layout.addWidget(footer)  # built before the field, as on a settings page
    field = QLineEdit()
    layout.addWidget(field)
    qtbot.addWidget(host)
    host.show()
    return host, footer, field, calls


def test_the_buttons_follow_the_edits(qtbot):
    _host, footer, _field, _calls = make_host(qtbot)
    footer.show_state(dirty=False, problems=[])
    assert not footer.save_button.isEnabled() and not footer.discard_button.isEnabled()
    footer.show_state(dirty=True, problems=[Problem("x", "aviso", warning=True)])
    assert footer.save_button.isEnabled() and footer.discard_button.isEnabled()
    assert footer.status_label.text() == "Alterações não salvas."
    footer.show_state(dirty=True, problems=[Problem("x", "erro")])
    assert not footer.save_button.isEnabled() and footer.discard_button.isEnabled()
    assert footer.status_label.text() == "Corrija os campos marcados em vermelho para salvar."


def test_ctrl_s_saves_and_tab_reaches_the_footer_last(qtbot):
    host, footer, field, calls = make_host(qtbot)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["save"]
    assert field.nextInFocusChain() is footer.discard_button


def test_a_refused_save_offers_reload_unless_the_instance_is_gone(qtbot):
    _host, footer, _field, _calls = make_host(qtbot)
    footer.show_refused("Outra pessoa alterou esta página.", can_reload=True)
    assert footer.reload_button.isVisible()
    assert footer.status_label.text().startswith("Outra pessoa alterou esta página. ")
    footer.show_loaded()
    assert not footer.reload_button.isVisible() and footer.status_label.text() == ""
    footer.show_refused("Outra pessoa excluiu esta instância.", can_reload=False)
    assert not footer.reload_button.isVisible()


def test_a_switch_row_names_its_switch_and_wraps_its_hint(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = SwitchRow("Usar a agenda", "Fora do horário as mensagens esperam.")
    host.setLayout(row)
    assert row.label.buddy() is row.switch
    assert row.switch.accessibleName() == "Usar a agenda"
    assert row.hint.objectName() == "hint" and row.hint.wordWrap()
    assert SwitchRow("Sem dica").label.wordWrap() is False
