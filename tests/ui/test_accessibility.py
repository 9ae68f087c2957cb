"""Walk every page of an instance (and the windows around them): each interactive widget
has a Portuguese accessibleName, and no visible text escapes the pt_BR catalog."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.core.instances.store import get_by_name
from app.demo.instances import populate_if_empty
from app.ui.dialogs.instance_dialog import InstanceDialog
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.home import HomePage
from app.ui.instance_view import InstanceView
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES
from app.ui.welcome import WelcomePage
from tests.ui.accessibility import database_strings, unknown_texts, unnamed_widgets


@pytest.fixture
def demo(context, clock):
    populate_if_empty(clock)
    return context


def check(root: QWidget) -> None:
    assert unnamed_widgets(root) == []
    assert unknown_texts(root, database_strings()) == []


@pytest.mark.parametrize("spec", PAGES, ids=[s.key for s in PAGES])
@pytest.mark.parametrize("instance", ["Padaria Pão Quente", "Clínica Sorriso"])
def test_every_page_is_named_and_translated(qtbot, demo, spec, instance):
    view = InstanceView(get_by_name(instance).id, demo)
    qtbot.addWidget(view)
    view.show()
    assert view.show_page(spec.key)
    check(view)


def test_windows_and_dialogs_are_named_and_translated(qtbot, demo, tmp_path):
    window = MainWindow(demo, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    check(window)
    for widget in (
        HomePage(demo),
        WelcomePage(demo),
        InstanceDialog(demo.clock),
        InstanceDialog(demo.clock, get_by_name("Clínica Sorriso")),
        PreferencesDialog(autostart_file=tmp_path / "a.desktop"),
    ):
        qtbot.addWidget(widget)
        widget.show()
        check(widget)
    texts = [a.text() for m in window.menuBar().actions() for a in [m, *m.menu().actions()]]
    assert unknown_texts_of(texts) == []


def unknown_texts_of(texts):
    from tests.ui.accessibility import plain, text_is_known

    return [t for t in texts if t and not text_is_known(plain(t), set())]


def test_the_walk_catches_what_it_should(qtbot, context):
    root = QWidget()
    qtbot.addWidget(root)
    QPushButton("Salvar", root)  # a translation, but no accessibleName
    QLabel("Save changes", root)  # English that never went through the catalog
    QLabel("Salvar", root)
    QLabel("Loja Centro — Atende", root)  # data and brand
    QLabel("Loja Centro — texto inventado", root)  # data glued to an unknown text
    root.show()
    assert len(unnamed_widgets(root)) == 1
    bad = unknown_texts(root, {"Loja Centro"})
    assert any("Save changes" in b for b in bad)
    assert any("texto inventado" in b for b in bad)
    assert len(bad) == 2


def test_qt_dialog_buttons_speak_portuguese(context):
    from tests.ui.accessibility import qt_button_texts

    assert {"Cancelar", "Salvar", "Fechar"} <= qt_button_texts()
    assert "Cancel" not in qt_button_texts()
