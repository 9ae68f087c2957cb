"""Optimistic versioning: a save over someone else's newer change of the same page is
refused with nothing written; a change to another page is not a conflict."""

from __future__ import annotations

import pytest

from app.core.config import versioning
from app.core.instances import priority
from app.core.instances import store as instances
from app.core.storage.models import AutoCloseSettings, HistoryEvent, Instance
from app.core.watcher import auto_close

ON = {
    "enabled": True,
    "timeout_minutes": 60,
    "close_assigned_by_operator": True,
    "close_started_by_bot_or_workflow": False,
    "closing_message": None,
    "count": "calendar",
    "warning": None,
}


def fresh(instance):
    return Instance.get_by_id(instance.id)


def test_every_configuration_save_bumps_the_version(make_instance, clock):
    shop = make_instance("Padaria")
    assert fresh(shop).config_version == 0
    auto_close.save(fresh(shop), ON, clock)
    assert fresh(shop).config_version == 1
    priority.save(fresh(shop), True, clock)
    assert fresh(shop).config_version == 2
    instances.update_instance(
        fresh(shop),
        {"name": "Padaria Nova", "phone": shop.phone, "plan": shop.plan, "timezone": shop.timezone},
        clock,
    )
    assert fresh(shop).config_version == 3
    assert auto_close.save(fresh(shop), ON, clock) is False  # unchanged: no save, no bump
    assert fresh(shop).config_version == 3


def test_a_stale_save_of_the_same_page_is_refused_and_writes_nothing(make_instance, clock):
    shop = make_instance("Padaria")
    mine = versioning.expect(shop.id, auto_close.SECTION)  # desk A opens the page
    theirs = dict(ON, timeout_minutes=300)
    auto_close.save(fresh(shop), theirs, clock)  # desk B saves first
    events = HistoryEvent.select().count()
    version = fresh(shop).config_version
    with pytest.raises(versioning.ConflictError, match="Outra pessoa alterou esta página"):
        auto_close.save(fresh(shop), dict(ON, timeout_minutes=30), clock, expect=mine)
    assert auto_close.get_settings(fresh(shop)) == theirs  # nothing lost, nothing written
    assert HistoryEvent.select().count() == events
    assert fresh(shop).config_version == version


def test_a_change_to_another_page_is_not_a_conflict(make_instance, clock):
    shop = make_instance("Padaria")
    mine = versioning.expect(shop.id, auto_close.SECTION)
    priority.save(fresh(shop), True, clock)  # someone else, on Priorizar atendimento
    assert auto_close.save(fresh(shop), ON, clock, expect=mine) is True
    assert auto_close.get_settings(fresh(shop)) == ON
    assert fresh(shop).prioritize_attendance is True


def test_a_page_back_to_what_it_showed_is_not_a_conflict(make_instance, clock):
    shop = make_instance("Padaria")
    mine = versioning.expect(shop.id, priority.SECTION)  # desk A shows "off"
    priority.save(fresh(shop), True, clock)  # desk B turns it on, then off again
    priority.save(fresh(shop), False, clock)
    assert priority.save(fresh(shop), True, clock, expect=mine) is True
    assert fresh(shop).prioritize_attendance is True


def test_saving_a_deleted_instance_says_so(make_instance, clock):
    shop = make_instance("Padaria")
    gone = fresh(shop)
    instances.delete_instance(fresh(shop), clock)
    with pytest.raises(versioning.ConflictError, match="excluiu") as exc:
        auto_close.save(gone, ON, clock)
    assert exc.value.deleted
    assert AutoCloseSettings.select().count() == 0


def test_editing_the_instance_keeps_another_desks_page_save(make_instance, clock):
    shop = make_instance("Padaria")
    dialog_copy = fresh(shop)  # the edit dialog read the instance
    priority.save(fresh(shop), True, clock)  # meanwhile Priorizar is turned on elsewhere
    instances.update_instance(
        dialog_copy,
        {"name": "Padaria Nova", "phone": shop.phone, "plan": shop.plan, "timezone": shop.timezone},
        clock,
    )
    stored = fresh(shop)
    assert (stored.name, stored.prioritize_attendance) == ("Padaria Nova", True)


def test_a_stale_agenda_save_is_refused(make_instance, clock):
    from app.core.schedule import store as schedule
    from tests.core.schedule.test_schedule import clinic_values

    shop = make_instance("Clínica")
    mine = versioning.expect(shop.id, schedule.SECTION)
    theirs = clinic_values()
    schedule.save(fresh(shop), theirs, clock)
    stored = schedule.export_schedule(fresh(shop))
    mine_values = dict(clinic_values(), enabled=False)
    with pytest.raises(versioning.ConflictError):
        schedule.save(fresh(shop), mine_values, clock, expect=mine)
    assert schedule.export_schedule(fresh(shop)) == stored


def test_a_message_changed_or_deleted_elsewhere_is_not_overwritten(make_instance, clock):
    from datetime import timedelta

    from app.core.storage.models import Template
    from app.core.templates import store as templates

    shop = make_instance("Padaria")
    good = {"title": "Boas-vindas", "shortcut": "/ola", "category": None, "content": "Olá!"}
    created = templates.create_template(fresh(shop), good, clock)
    assert fresh(shop).config_version == 1
    shown_at = created.updated_at  # desk A shows the message
    clock.now = lambda: created.updated_at + timedelta(seconds=5)
    templates.update_template(Template.get_by_id(created.id), dict(good, content="Oi!"), clock)
    with pytest.raises(versioning.ConflictError):
        templates.update_template(
            Template.get_by_id(created.id), dict(good, title="Olá"), clock, loaded_at=shown_at
        )
    assert Template.get_by_id(created.id).content == "Oi!"  # theirs, untouched
    gone = Template.get_by_id(created.id)
    templates.delete_template(Template.get_by_id(created.id), clock)
    with pytest.raises(versioning.ConflictError):
        templates.update_template(gone, dict(good, title="Olá"), clock, loaded_at=gone.updated_at)
    assert Template.select().count() == 0


def test_copying_settings_to_an_instance_bumps_its_version(make_instance, clock):
    from app.core.config.transfer import copy_sections

    source, target = make_instance("Padaria"), make_instance("Sorveteria")
    auto_close.save(fresh(source), ON, clock)
    copy_sections(fresh(source), fresh(target), [auto_close.SECTION_KEY], clock)
    assert fresh(target).config_version == 1


def identity(instance, **changes):
    return {
        "name": instance.name,
        "phone": instance.phone,
        "plan": instance.plan,
        "timezone": instance.timezone,
        **changes,
    }


def test_editing_an_instance_someone_else_renamed_is_refused_and_writes_nothing(
    make_instance, clock
):
    shop = make_instance("Padaria")
    dialog_copy = fresh(shop)  # desk A opens the edit dialog
    instances.update_instance(fresh(shop), identity(shop, name="Padaria Central"), clock)
    events, version = HistoryEvent.select().count(), fresh(shop).config_version
    with pytest.raises(versioning.ConflictError, match="Outra pessoa alterou esta instância"):
        instances.update_instance(dialog_copy, identity(shop, plan="avancado"), clock)
    stored = fresh(shop)
    assert (stored.name, stored.plan) == ("Padaria Central", "intermediario")
    assert HistoryEvent.select().count() == events and stored.config_version == version


def test_editing_an_instance_someone_else_deleted_says_so(make_instance, clock):
    shop = make_instance("Padaria")
    dialog_copy = fresh(shop)
    instances.delete_instance(fresh(shop), clock)
    with pytest.raises(versioning.ConflictError, match="excluiu") as exc:
        instances.update_instance(dialog_copy, identity(shop, plan="avancado"), clock)
    assert exc.value.deleted


def test_a_failed_edit_leaves_the_editors_copy_as_shown_so_a_retry_saves(
    make_instance, clock, monkeypatch
):
    from app.core.audit import history

    shop = make_instance("Padaria")
    dialog_copy = fresh(shop)
    record = history.record

    def busy_once(*args, **kwargs):
        monkeypatch.setattr(history, "record", record)
        raise RuntimeError("database is locked")

    monkeypatch.setattr(history, "record", busy_once)
    with pytest.raises(RuntimeError):
        instances.update_instance(dialog_copy, identity(shop, plan="avancado"), clock)
    assert fresh(shop).plan == "intermediario"  # rolled back ...
    assert dialog_copy.plan == "intermediario"  # ... and the copy says so
    assert instances.update_instance(dialog_copy, identity(shop, plan="avancado"), clock)
    assert fresh(shop).plan == "avancado" and dialog_copy.plan == "avancado"
