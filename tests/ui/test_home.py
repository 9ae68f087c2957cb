"""Home: instance CRUD through the UI, and bad input that saves nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from app.core.storage.models import Instance
from app.ui.dialogs.instance_dialog import InstanceDialog
from app.ui.home import HomePage
from tests.ui.conftest import find


def fill(qtbot, dialog: InstanceDialog, name="Loja Centro", phone="(11) 91234-5678"):
    name_edit = find(dialog, "Nome", QLineEdit)
    name_edit.clear()
    qtbot.keyClicks(name_edit, name)
    phone_edit = find(dialog, "Número do WhatsApp", QLineEdit)
    phone_edit.clear()
    qtbot.keyClicks(phone_edit, phone)


def test_empty_home_invites_to_create(qtbot, context):
    home = HomePage(context)
    qtbot.addWidget(home)
    assert home.stack.currentWidget() is home.empty
    assert not home.enter_button.isEnabled()


def test_create_through_the_dialog(qtbot, context):
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(None)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog)
    find(dialog, "Plano", QComboBox).setCurrentIndex(2)
    assert dialog.save_button.isEnabled()
    dialog.accept()
    inst = Instance.get()
    assert (inst.name, inst.phone, inst.plan, inst.timezone) == (
        "Loja Centro",
        "+5511912345678",
        "avancado",
        "America/Sao_Paulo",
    )
    home.reload(inst.id)
    assert home.model.rows[0].name == "Loja Centro"
    assert home.model.data(home.model.index(0, 1)) == "+55 (11) 91234-5678"
    assert home.model.data(home.model.index(0, 2)) == "Avançado"


def test_bad_phone_shows_the_error_under_the_field_and_saves_nothing(qtbot, context):
    home = HomePage(context)
    dialog = home.open_dialog(None)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, phone="1234")
    assert not dialog.save_button.isEnabled()
    assert dialog.errors["phone"].isVisibleTo(dialog)
    assert "telefone brasileiro" in dialog.errors["phone"].text()
    dialog.accept()
    assert Instance.select().count() == 0


def test_empty_and_duplicate_names_and_unknown_timezone(qtbot, context, make_instance):
    make_instance("Loja Centro")
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(None)
    fill(qtbot, dialog, name="LOJA CENTRO")
    assert "Já existe" in dialog.errors["name"].text()
    fill(qtbot, dialog, name="   ")
    assert dialog.errors["name"].text() == "Informe um nome."
    fill(qtbot, dialog, name="Outra Loja")
    assert not dialog.errors["name"].isVisibleTo(dialog)
    tz = find(dialog, "Fuso horário", QComboBox)
    tz.setCurrentText("Lua/Cratera")
    assert "Fuso horário desconhecido" in dialog.errors["timezone"].text()
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    assert Instance.select().count() == 1


def test_timezone_picker_offers_brazilian_zones_first_by_their_names(qtbot, context):
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(None)
    tz = find(dialog, "Fuso horário", QComboBox)
    assert tz.itemText(0) == "Horário de Brasília (São Paulo)"
    assert tz.itemData(0, Qt.ItemDataRole.ToolTipRole) == "America/Sao_Paulo"  # the detail
    first = [tz.itemText(i) for i in range(16)]
    assert "Horário do Amazonas (Manaus)" in first and "Horário de Fernando de Noronha" in first
    assert tz.currentText() == "Horário de Brasília (São Paulo)"
    assert dialog.values()["timezone"] == "America/Sao_Paulo"


def test_edit_duplicate_delete(qtbot, context, make_instance, monkeypatch):
    inst = make_instance("Loja Centro")
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(home.selected())
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, name="Loja Nova", phone="21 2555-1234")
    dialog.accept()
    assert Instance.get_by_id(inst.id).name == "Loja Nova"
    assert Instance.get_by_id(inst.id).phone == "+552125551234"

    home.reload(inst.id)

    def duplicate_with_its_own_number(dialog):  # a child of home: closed with it
        qtbot.keyClicks(find(dialog, "Número do WhatsApp", QLineEdit), "(11) 95555-0000")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(InstanceDialog, "exec", duplicate_with_its_own_number)
    find(home, "Duplicar", QPushButton).click()
    assert sorted(i.name for i in Instance.select()) == ["Loja Nova", "Loja Nova (cópia)"]

    monkeypatch.setattr(home, "confirm_delete", lambda instance: False)
    home.reload(inst.id)
    find(home, "Excluir", QPushButton).click()
    assert Instance.select().count() == 2  # cancelled
    monkeypatch.setattr(home, "confirm_delete", lambda instance: True)
    find(home, "Excluir", QPushButton).click()
    assert [i.name for i in Instance.select()] == ["Loja Nova (cópia)"]


def test_enter_emits_the_selected_instance(qtbot, context, make_instance):
    inst = make_instance("Loja Centro")
    home = HomePage(context)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.enter_requested) as signal:
        find(home, "Entrar na instância", QPushButton).click()
    assert signal.args == [inst.id]


def test_an_error_under_a_field_never_squeezes_the_fields(qtbot, context):
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    phone = find(dialog, "Número do WhatsApp", QLineEdit)
    fill(qtbot, dialog, phone="1199")
    qtbot.waitUntil(lambda: dialog.errors["phone"].isVisible())
    assert phone.height() >= phone.sizeHint().height()
    assert dialog.height() >= dialog.minimumSizeHint().height()


def test_an_edit_over_someone_elses_keeps_the_typed_values_and_says_what_is_stored(
    qtbot, context, make_instance, clock
):
    from app.core.instances.store import update_instance
    from app.core.storage.models import Instance

    shop = make_instance("Padaria")
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(home.model.rows[0])
    said: list[str] = []
    dialog.show_conflict = said.append
    other = Instance.get_by_id(shop.id)  # another desk renames it meanwhile
    update_instance(
        other,
        {
            "name": "Padaria Central",
            "phone": other.phone,
            "plan": other.plan,
            "timezone": other.timezone,
        },
        clock,
    )
    dialog.plan.setCurrentIndex(dialog.plan.findData("avancado"))
    dialog.accept()
    assert "Padaria Central" in said[0] and "nada foi salvo" in said[0]
    assert Instance.get_by_id(shop.id).plan == "intermediario"  # nothing written
    assert dialog.name.text() == "Padaria"  # the typed values stay
    dialog.accept()  # saving again replaces it, knowingly
    stored = Instance.get_by_id(shop.id)
    assert (stored.name, stored.plan) == ("Padaria", "avancado")


def test_an_edit_of_an_instance_someone_else_deleted_closes_the_dialog(
    qtbot, context, make_instance, clock
):
    from app.core.instances.store import delete_instance
    from app.core.storage.models import Instance

    shop = make_instance("Padaria")
    home = HomePage(context)
    qtbot.addWidget(home)
    dialog = home.open_dialog(home.model.rows[0])
    said: list[str] = []
    dialog.show_conflict = said.append
    delete_instance(Instance.get_by_id(shop.id), clock)
    dialog.plan.setCurrentIndex(dialog.plan.findData("avancado"))
    dialog.accept()
    assert said == ["Outra pessoa excluiu esta instância."]
    assert dialog.result() == 0  # rejected: closed without saving


def test_the_zone_column_reads_whole_while_the_name_takes_the_room(qtbot, context, make_instance):
    make_instance("Açaí do Norte", timezone="America/Manaus")
    home = HomePage(context)
    qtbot.addWidget(home)
    home.resize(1100, 700)
    home.show()
    qtbot.waitExposed(home)
    table = home.table
    header = table.horizontalHeader()
    zone_text = table.model().index(0, 3).data()
    assert zone_text == "Horário do Amazonas (Manaus)"
    # Equal quarters cut it to "Horário do Amazonas (Ma…"; now it fits with room to spare
    assert header.sectionSize(3) > table.fontMetrics().horizontalAdvance(zone_text)
    assert header.sectionSize(0) > max(header.sectionSize(c) for c in (1, 2, 3))
