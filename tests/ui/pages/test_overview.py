"""Visão geral: the cards, and every warning of `atende check` jumping to its page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog

from app.core.instances import priority
from app.core.storage.models import AutoCloseSettings, Chat, Instance, Template
from app.ui.instance_view import InstanceView
from app.ui.pages.overview import INSTANCE, OverviewPage, page_for_path


def test_problem_paths_map_to_the_page_that_fixes_them():
    assert page_for_path("prioritize_attendance") == "priority"
    assert page_for_path("auto_close.closing_message") == "auto_close"
    assert page_for_path("schedule.week.monday[0]") == "schedule"
    assert page_for_path("schedule") == "schedule"
    assert page_for_path("templates[2].content") == "templates"
    assert page_for_path("phone") == INSTANCE
    assert page_for_path("name") == INSTANCE


def test_visao_geral_is_the_first_page_and_ctrl_1(qtbot, context, make_instance):
    view = InstanceView(make_instance().id, context)
    qtbot.addWidget(view)
    assert view.current_key() == "overview"
    assert isinstance(view.current_page(), OverviewPage)


def test_cards_show_the_state_of_the_instance(qtbot, context, make_instance, clock):
    inst = make_instance(plan="avancado")
    AutoCloseSettings.create(instance=inst, enabled=True, timeout_minutes=60)
    agent_at = clock.now() - timedelta(minutes=35)
    for n in range(3):
        Chat.create(
            instance=inst,
            external_id=f"c{n}",
            status="open",
            handler="human",
            assigned_via="operator",
            last_agent_message_at=agent_at,
        )
    Chat.create(instance=inst, external_id="done", status="closed", handler="human")
    for shortcut in ("/ola", "/pix"):
        Template.create(
            instance=inst,
            title=shortcut,
            shortcut=shortcut,
            content="Oi",
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    page = OverviewPage(inst.id, context)
    qtbot.addWidget(page)
    assert page.chats_card.value_label.text() == "3"
    assert page.chats_card.detail_label.text() == "Próximo encerramento automático em 25 minutos."
    assert page.auto_close_card.value_label.text() == "Ligado"
    assert "1 hora" in page.auto_close_card.detail_label.text()
    assert page.templates_card.value_label.text() == "2"
    assert page.priority_card.value_label.text() == "Desligado"
    assert page.all_good.isVisibleTo(page) and page.problem_buttons() == []


def test_an_empty_instance_says_what_to_do(qtbot, context, make_instance):
    page = OverviewPage(make_instance().id, context)
    qtbot.addWidget(page)
    assert page.auto_close_card.value_label.text() == "Desligado"
    assert page.templates_card.detail_label.text().startswith("Nenhuma ainda")
    assert page.chats_card.detail_label.text() == (
        "Nenhum atendimento aguardando encerramento automático."
    )


def test_a_warning_jumps_to_the_page_that_fixes_it(qtbot, context, make_instance, clock):
    inst = make_instance(plan="intermediario")
    priority.save(inst, True, clock)
    inst.plan = "basico"  # a downgrade: the choice is kept but not effective (SPEC §5)
    inst.save()
    view = InstanceView(inst.id, context)
    qtbot.addWidget(view)
    view.show()
    overview = view.current_page()
    assert overview.priority_card.value_label.text() == "Sem efeito"
    rows = overview.problem_buttons()
    assert [b.text() for _p, b in rows] == ["Corrigir em “Priorizar atendimento”"]
    assert not overview.all_good.isVisibleTo(overview)
    rows[0][1].click()
    assert view.current_key() == "priority"
    # Fixed there (turned off and saved): back on Visão geral the warning is gone.
    view.current_page().switch.click()
    view.current_page().save()
    view.show_page("overview")
    assert overview.problem_buttons() == [] and overview.all_good.isVisibleTo(overview)


def test_a_problem_in_the_instance_fields_opens_the_instance_dialog(qtbot, context, make_instance):
    inst = make_instance()
    Instance.update(phone="123").where(Instance.id == inst.id).execute()  # broken by hand
    view = InstanceView(inst.id, context)
    qtbot.addWidget(view)
    view.show()
    rows = view.current_page().problem_buttons()
    assert [b.text() for _p, b in rows] == ["Corrigir em “Editar instância”"]
    rows[0][1].click()
    dialogs = [d for d in view.findChildren(QDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].phone.text().endswith("123")
    dialogs[0].reject()


def test_agenda_card_and_its_warning_jump_to_business_hours(qtbot, context, make_instance, clock):
    from app.core.schedule import store as schedule

    inst = make_instance()
    values = schedule.default_values()
    values["enabled"] = True
    values["week"]["wednesday"] = [["11:00", "12:00"]]  # Wednesday 10:00 now: closed
    schedule.save(inst, values, clock)
    view = InstanceView(inst.id, context)
    qtbot.addWidget(view)
    view.show()
    overview = view.current_page()
    assert overview.schedule_card.value_label.text() == "Fechado"
    assert overview.schedule_card.detail_label.text() == "Fechado agora — abre hoje às 11:00."
    rows = overview.problem_buttons()
    assert [b.text() for _p, b in rows] == ["Corrigir em “Agenda de funcionamento”"]
    rows[0][1].click()
    assert view.current_key() == "schedule"
    view.show_page("overview")
    overview.schedule_card.link.click()
    assert view.current_key() == "schedule"


def test_agenda_off_says_so(qtbot, context, make_instance):
    page = OverviewPage(make_instance().id, context)
    qtbot.addWidget(page)
    assert page.schedule_card.value_label.text() == "Sem agenda"
    assert page.schedule_card.detail_label.text().startswith("Agenda desligada")
