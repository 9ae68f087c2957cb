"""The Priorizar atendimento page and the instance view around it."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox

from app.core.storage.models import Instance
from app.ui.instance_view import InstanceView
from app.ui.main_window import MainWindow
from app.ui.pages.priority import PriorityPage
from app.ui.widgets.switch import Switch
from tests.ui.conftest import find


def test_sidebar_names_the_pages_exactly(qtbot, context, make_instance):
    view = InstanceView(make_instance().id, context)
    qtbot.addWidget(view)
    names = [view.nav.item(i).text() for i in range(view.nav.count())]
    assert names == [
        "Visão geral",
        "ATENDIMENTO",
        "Priorizar atendimento",
        "Encerramento automático",
        "Agenda de funcionamento",
        "Mensagens predefinidas",
        "OPERAÇÃO",
        "Atendimentos",
        "Conexão com o Chatwoot",  # from the catalog (notes/po/chatwoot-ui.po until merged)
        "Histórico",
    ]


def test_switch_saves_through_core_with_history(qtbot, context, make_instance):
    inst = make_instance(plan="intermediario")
    page = PriorityPage(inst.id, context)
    qtbot.addWidget(page)
    switch = find(page, "Priorizar atendimento", Switch)
    assert switch.isEnabled() and not page.save_button.isEnabled()
    switch.click()
    assert page.save_button.isEnabled() and page.has_unsaved_changes()
    with qtbot.waitSignal(context.settings_changed):
        page.save()
    assert Instance.get_by_id(inst.id).prioritize_attendance is True
    assert not page.save_button.isEnabled()


def test_basico_shows_the_switch_disabled_with_the_reason(qtbot, context, make_instance):
    inst = make_instance(plan="basico")
    page = PriorityPage(inst.id, context)
    qtbot.addWidget(page)
    page.show()
    switch = find(page, "Priorizar atendimento", Switch)
    assert not switch.isEnabled()
    assert page.plan_card.parentWidget().isVisible()
    assert "Básico" in page.plan_label.text() and "Intermediário" in page.plan_label.text()


def test_choice_kept_after_downgrade_is_explained_and_can_be_turned_off(
    qtbot, context, make_instance
):
    inst = make_instance(plan="basico")
    inst.prioritize_attendance = True
    inst.save()
    page = PriorityPage(inst.id, context)
    qtbot.addWidget(page)
    page.show()
    label = page.error_labels["prioritize_attendance"]
    assert label.isVisible() and "fica guardada" in label.text()
    switch = find(page, "Priorizar atendimento", Switch)
    assert switch.isEnabled()
    switch.click()
    page.save()
    assert Instance.get_by_id(inst.id).prioritize_attendance is False


def test_leaving_with_unsaved_changes_asks(qtbot, context, make_instance, monkeypatch):
    inst = make_instance(plan="avancado")
    view = InstanceView(inst.id, context)
    qtbot.addWidget(view)
    view.show_page("priority")  # the view opens on Visão geral
    page = view.current_page()
    find(page, "Priorizar atendimento", Switch).click()

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    assert view.show_page("history") is False
    assert view.current_key() == "priority"

    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    assert view.show_page("history") is True
    assert Instance.get_by_id(inst.id).prioritize_attendance is False

    view.show_page("priority")
    find(page, "Priorizar atendimento", Switch).click()
    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Save)
    assert view.show_page("schedule") is True
    assert Instance.get_by_id(inst.id).prioritize_attendance is True


def test_main_window_enters_and_goes_back(qtbot, context, make_instance):
    inst = make_instance("Loja Centro")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.enter_instance(inst.id)
    assert window.stack.currentWidget() is window.instance_view
    assert window.windowTitle() == "Loja Centro — Atende"
    window.go_home()
    assert window.stack.currentWidget() is window.home


def test_cancelling_a_sidebar_click_keeps_the_sidebar_on_the_page(
    qtbot, context, make_instance, monkeypatch
):
    from PySide6.QtCore import Qt

    inst = make_instance(plan="avancado")
    view = InstanceView(inst.id, context)
    qtbot.addWidget(view)
    view.show()
    view.show_page("priority")  # the view opens on Visão geral
    page = view.current_page()
    find(page, "Priorizar atendimento", Switch).click()
    monkeypatch.setattr(page, "ask_unsaved", lambda: QMessageBox.StandardButton.Cancel)
    history_row = next(r for r in range(view.nav.count()) if view.nav.item(r).text() == "Histórico")
    rect = view.nav.visualItemRect(view.nav.item(history_row))
    qtbot.mouseClick(view.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.nav.currentItem().text() == "Priorizar atendimento")
    assert [i.text() for i in view.nav.selectedItems()] == ["Priorizar atendimento"]
    assert view.stack.currentWidget() is page


def _track_color(switch: Switch):
    """The colour of the track's left end (the knob of a switch that is on sits right)."""
    return switch.grab().toImage().pixelColor(8, switch.height() // 2).name()


def test_a_kept_choice_on_basico_is_drawn_kept_not_active(qtbot, context, make_instance):
    kept = make_instance("Clínica", plan="basico")
    kept.prioritize_attendance = True
    kept.save()
    active = make_instance("Loja", plan="avancado")
    active.prioritize_attendance = True
    active.save()
    pages = {}
    for inst in (kept, active):
        pages[inst.plan] = PriorityPage(inst.id, context)
        qtbot.addWidget(pages[inst.plan])
        pages[inst.plan].show()
    accent = pages["avancado"].palette().color(QPalette.ColorRole.Highlight).name()
    on = find(pages["avancado"], "Priorizar atendimento", Switch)
    grey = find(pages["basico"], "Priorizar atendimento", Switch)
    assert on.isChecked() and grey.isChecked()
    assert _track_color(on) == accent
    assert _track_color(grey) != accent  # green would say it works: it does not on Básico
    assert grey.muted and not on.muted
    assert "Guardado, mas sem efeito no plano Básico" == grey.toolTip()
    line = pages["basico"].error_labels["prioritize_attendance"]
    assert line.isVisible() and "Intermediário ou Avançado" in line.text()
