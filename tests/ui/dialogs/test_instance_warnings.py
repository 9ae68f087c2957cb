"""The instance dialog guards what identifies an instance: a number another instance uses is
a warning that saving asks to confirm; Duplicar asks the copy's name and number; a plan that
stops Priorizar atendimento says so before saving; zones go by their Portuguese names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.core.storage.models import Instance
from app.ui.dialogs.instance_dialog import InstanceDialog
from app.ui.home import HomePage
from tests.ui.conftest import find

REUSED = "Este número já é usado pela instância “Loja Centro”."


def type_in(qtbot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def new_dialog(qtbot, context, instance=None) -> InstanceDialog:
    dialog = InstanceDialog(context.clock, instance)
    qtbot.addWidget(dialog)
    return dialog


def test_a_number_in_use_is_a_warning_that_saving_asks_to_confirm(qtbot, context, make_instance):
    make_instance("Loja Centro", phone="+5511912345678")
    dialog = new_dialog(qtbot, context)
    type_in(qtbot, dialog.name, "Loja Bairro")
    type_in(qtbot, dialog.phone, "(11) 91234-567")  # not yet a number: no warning
    assert "número brasileiro" not in dialog.errors["phone"].text()
    assert REUSED not in dialog.errors["phone"].text()
    qtbot.keyClicks(dialog.phone, "8")  # now the same number, typed another way
    assert dialog.errors["phone"].isVisibleTo(dialog)
    assert dialog.errors["phone"].text() == REUSED
    assert dialog.errors["phone"].objectName() == "fieldWarning"  # a warning, not an error
    assert dialog.save_button.isEnabled()
    asked: list[list[str]] = []
    dialog.confirm_shared_phone = lambda names: asked.append(names) or False
    dialog.accept()
    assert asked == [["Loja Centro"]] and Instance.select().count() == 1  # declined
    dialog.confirm_shared_phone = lambda names: True
    dialog.accept()
    assert Instance.get(Instance.name == "Loja Bairro").phone == "+5511912345678"


def test_another_number_saves_without_asking(qtbot, context, make_instance):
    make_instance("Loja Centro", phone="+5511912345678")
    dialog = new_dialog(qtbot, context)
    dialog.confirm_shared_phone = lambda names: pytest_fail("asked")
    type_in(qtbot, dialog.name, "Loja Bairro")
    type_in(qtbot, dialog.phone, "(21) 2555-1234")
    assert not dialog.errors["phone"].isVisibleTo(dialog)
    dialog.accept()
    assert Instance.select().count() == 2


def pytest_fail(message):
    raise AssertionError(message)


def test_an_edit_keeping_a_shared_number_warns_but_does_not_ask_again(
    qtbot, context, make_instance
):
    make_instance("Loja Centro", phone="+5511912345678")
    other = make_instance("Loja Bairro", phone="+5511912345678")
    dialog = new_dialog(qtbot, context, instance=other)
    assert dialog.errors["phone"].text() == REUSED  # said at once when editing
    dialog.confirm_shared_phone = lambda names: pytest_fail("asked")
    dialog.plan.setCurrentIndex(dialog.plan.findData("avancado"))
    dialog.accept()
    assert Instance.get_by_id(other.id).plan == "avancado"


def test_duplicar_asks_the_name_and_a_number_and_cancel_creates_nothing(
    qtbot, context, make_instance, monkeypatch
):
    source = make_instance("Loja Centro", phone="+5511912345678", plan="avancado")
    home = HomePage(context)
    qtbot.addWidget(home)
    seen: list[InstanceDialog] = []

    def cancel(dialog):
        seen.append(dialog)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(InstanceDialog, "exec", cancel)
    find(home, "Duplicar", QPushButton).click()
    [dialog] = seen
    assert dialog.windowTitle() == "Duplicar instância"
    assert dialog.name.text() == "Loja Centro (cópia)"
    assert dialog.phone.text() == ""  # never the original's number
    assert dialog.focusWidget() is dialog.phone  # the field to fill first
    assert dialog.plan.currentData() == "avancado"
    assert not dialog.save_button.isEnabled()  # a number is required, as for a new one
    assert Instance.select().count() == 1  # cancelled: nothing created

    def duplicate(dialog):
        type_in(qtbot, dialog.phone, "(11) 91234-5678")  # the original's: a warning
        assert dialog.errors["phone"].text() == REUSED
        dialog.confirm_shared_phone = lambda names: False
        dialog.accept()  # declined: still open
        type_in(qtbot, dialog.name, "Loja Bairro")
        type_in(qtbot, dialog.phone, "(21) 2555-1234")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(InstanceDialog, "exec", duplicate)
    find(home, "Duplicar", QPushButton).click()
    copy = Instance.get(Instance.name == "Loja Bairro")
    assert (copy.phone, copy.plan) == ("+552125551234", "avancado")
    assert home.selected().id == copy.id
    assert source.id != copy.id and Instance.select().count() == 2


def test_a_plan_that_stops_priorizar_says_so_before_saving(qtbot, context, make_instance):
    shop = make_instance("Loja Centro", plan="avancado")
    shop.prioritize_attendance = True
    shop.save()
    dialog = new_dialog(qtbot, context, instance=shop)
    assert not dialog.errors["plan"].isVisibleTo(dialog)
    dialog.plan.setCurrentIndex(dialog.plan.findData("basico"))
    label = dialog.errors["plan"]
    assert label.isVisibleTo(dialog) and label.objectName() == "fieldWarning"
    assert label.text().startswith("No plano Básico, Priorizar atendimento fica desativado")
    assert dialog.save_button.isEnabled()  # a warning: saving is allowed
    dialog.plan.setCurrentIndex(dialog.plan.findData("intermediario"))
    assert not label.isVisibleTo(dialog)


def test_zones_are_found_by_name_or_iana_name_and_saved_as_iana(qtbot, context, make_instance):
    dialog = new_dialog(qtbot, context)
    dialog.show()
    qtbot.waitExposed(dialog)
    tz = dialog.timezone
    edit = tz.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, "cuiaba")  # no accent, as typed in a hurry
    popup = tz.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Horário do Amazonas (Cuiabá)"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tz.currentText() == "Horário do Amazonas (Cuiabá)"
    assert dialog.values()["timezone"] == "America/Cuiaba"
    edit.selectAll()
    qtbot.keyClicks(edit, "America/Rio_Branco")  # the IANA name typed whole
    assert dialog.values()["timezone"] == "America/Rio_Branco"
    assert not dialog.errors["timezone"].isVisibleTo(dialog)


def test_an_edited_instance_shows_its_zone_by_name(qtbot, context, make_instance):
    shop = make_instance("Loja Centro", timezone="America/Noronha")
    dialog = new_dialog(qtbot, context, instance=shop)
    assert dialog.timezone.currentText() == "Horário de Fernando de Noronha"
    assert dialog.timezone.toolTip() == "America/Noronha"
    assert dialog.values()["timezone"] == "America/Noronha"
    home = HomePage(context)
    qtbot.addWidget(home)
    assert home.model.data(home.model.index(0, 3)) == "Horário de Fernando de Noronha"


def test_a_warning_on_two_lines_never_squeezes_the_number_field(qtbot, context, make_instance):
    make_instance("Padaria Filial", phone="(11) 98765-4321")
    source = make_instance("Padaria Pão Quente", phone="(11) 98765-4321")
    dialog = InstanceDialog(context.clock, copy_of=source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.phone, "(11) 98765-4321")
    label = dialog.errors["phone"]
    assert "“Padaria Filial” e “Padaria Pão Quente”" in label.text()
    # At once, not after some later event: the field and the whole warning fit.
    assert label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().height()
    assert dialog.phone.height() >= dialog.phone.sizeHint().height()
