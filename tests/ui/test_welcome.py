"""First run: the welcome creates the first instance, or loads the example data."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from app.core.storage.models import Instance
from app.ui.main_window import MainWindow
from tests.ui.conftest import find


def test_empty_database_opens_on_the_welcome(qtbot, context):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.welcome


def test_existing_instances_skip_the_welcome(qtbot, context, make_instance):
    make_instance()
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    assert window.welcome is None and window.stack.currentWidget() is window.home


def test_create_the_first_instance_and_land_inside_it(qtbot, context):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    find(window.welcome, "Criar minha primeira instância", QPushButton).click()
    dialog = window.welcome.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(find(dialog, "Nome", QLineEdit), "Doceria Central")
    qtbot.keyClicks(find(dialog, "Número do WhatsApp", QLineEdit), "(31) 99876-5432")
    find(dialog, "Plano", QComboBox).setCurrentIndex(0)
    with qtbot.waitSignal(context.instances_changed):
        dialog.accept()
    inst = Instance.get()
    assert (inst.name, inst.phone, inst.plan) == ("Doceria Central", "+5531998765432", "basico")
    assert window.welcome is None
    assert window.stack.currentWidget() is window.instance_view
    assert window.instance_view.instance_id == inst.id


def test_cancelling_the_dialog_stays_on_the_welcome(qtbot, context):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    window.show()
    window.welcome.create()
    window.welcome.dialog.reject()
    assert Instance.select().count() == 0
    assert window.stack.currentWidget() is window.welcome


def test_example_data_instead(qtbot, context):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(context.instances_changed):
        find(window.welcome, "Usar dados de exemplo", QPushButton).click()
    assert window.stack.currentWidget() is window.home
    assert len(window.home.model.rows) == Instance.select().count() >= 3


def test_home_empty_state_offers_example_data_too(qtbot, context):
    from app.ui.home import HomePage

    home = HomePage(context)
    qtbot.addWidget(home)
    find(home, "Usar dados de exemplo", QPushButton).click()
    assert home.stack.currentWidget() is home.table and home.model.rows


def test_going_home_drops_the_welcome(qtbot, context, make_instance):
    window = MainWindow(context, use_tray=False)
    qtbot.addWidget(window)
    make_instance("Importada")  # as an import from the File menu would
    window.go_home()
    assert window.welcome is None and window.stack.currentWidget() is window.home
    assert [r.name for r in window.home.model.rows] == ["Importada"]
