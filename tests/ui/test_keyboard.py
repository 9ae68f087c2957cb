"""Keyboard: Ctrl+1…N switch pages, Ctrl+F finds the page's search, Esc closes dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.ui.dialogs.instance_dialog import InstanceDialog
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES


def open_instance(qtbot, context, make_instance):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    window.enter_instance(make_instance().id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    return window, window.instance_view


def test_ctrl_digits_switch_pages_in_sidebar_order(qtbot, context, make_instance):
    window, view = open_instance(qtbot, context, make_instance)
    assert 1 <= len(PAGES) <= 9
    for n, spec in reversed(list(enumerate(PAGES, start=1))):
        qtbot.keyClick(
            view.nav, Qt.Key(Qt.Key.Key_0.value + n), Qt.KeyboardModifier.ControlModifier
        )
        assert view.current_key() == spec.key
        assert view.stack.currentWidget() is view.pages[spec.key]


def test_ctrl_f_focuses_the_search_of_the_current_page(qtbot, context, make_instance):
    window, view = open_instance(qtbot, context, make_instance)
    page = view.current_page()
    assert view.focus_search() is False  # this page has no search box
    search = QLineEdit(page)
    search.setText("boas-vindas")
    page.search_field = search
    search.show()
    view.nav.setFocus()
    qtbot.keyClick(view.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is search
    assert search.selectedText() == "boas-vindas"


def test_escape_closes_dialogs(qtbot, context, tmp_path):
    for dialog in (
        InstanceDialog(context.clock),
        PreferencesDialog(autostart_file=tmp_path / "a.desktop"),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        assert dialog.result() == 0


def test_tab_order_runs_sidebar_then_page_then_footer(qtbot, context, make_instance):
    window, view = open_instance(qtbot, context, make_instance)
    view.show_page("priority")
    chain = []
    widget = view.nav
    while (widget := widget.nextInFocusChain()) is not view.nav:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            chain.append(widget.accessibleName())
    assert chain.index("Priorizar atendimento") < chain.index("Salvar")
    assert chain.index("Descartar alterações") < chain.index("Salvar")


def test_ctrl_f_on_the_history_page(qtbot, context, make_instance):
    window, view = open_instance(qtbot, context, make_instance)
    view.show_page("history")
    view.nav.setFocus()
    qtbot.keyClick(view.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget().accessibleName() == "Pesquisar no histórico"


def test_ctrl_f_on_the_templates_page(qtbot, context, make_instance, clock):
    from app.core.storage.models import Template

    window, view = open_instance(qtbot, context, make_instance)
    Template.create(
        instance=view.instance_id,
        title="Olá",
        shortcut="/ola",
        content="Oi!",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    view.show_page("templates")
    view.current_page().load()
    view.nav.setFocus()
    qtbot.keyClick(view.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.current_page().search_field
