"""The at-a-glance figures of the desktop: Visão geral and "is the watcher worth keeping"."""

from __future__ import annotations

from datetime import timedelta

from app.core.desktop.status import auto_close_enabled_anywhere, instance_overview
from app.core.schedule import store as schedule
from app.core.storage.models import Chat
from app.core.watcher import auto_close


def auto_close_values(**changes):
    values = auto_close.defaults()
    values.update(changes)
    return values


def week(**days):
    values = schedule.default_values()
    values["enabled"] = True
    values["week"].update(days)
    return values


def test_auto_close_enabled_anywhere(make_instance, clock):
    a, b = make_instance("A"), make_instance("B")
    assert not auto_close_enabled_anywhere()
    auto_close.save(b, auto_close_values(enabled=True), clock)
    assert auto_close_enabled_anywhere()
    auto_close.save(b, auto_close_values(enabled=False), clock)
    assert not auto_close_enabled_anywhere()
    assert a.id != b.id


def test_overview_figures(make_instance, clock):
    inst = make_instance()
    other = make_instance("Outra")
    auto_close.save(inst, auto_close_values(enabled=True, timeout_minutes=60), clock)
    agent_at = clock.now() - timedelta(minutes=50)
    for n, status in enumerate(("open", "open", "closed")):
        Chat.create(
            instance=inst,
            external_id=f"c{n}",
            status=status,
            handler="human",
            assigned_via="operator",
            last_agent_message_at=agent_at,
        )
    Chat.create(instance=other, external_id="x", status="open", handler="bot")
    # Wednesday 10:00 in São Paulo: open 08:00–12:00 on Wednesdays only.
    schedule.save(inst, week(wednesday=[["08:00", "12:00"]]), clock)
    o = instance_overview(inst, clock.now())
    assert (o.open_chats, o.auto_close_enabled, o.timeout_minutes) == (2, True, 60)
    assert o.next_closure == agent_at + timedelta(minutes=60)
    assert o.schedule_enabled and o.open_now
    assert o.schedule_line == "Aberto agora — fecha hoje às 12:00."
    # Open only 4 h a week: the agenda warns, with a path relative to the instance.
    assert [(p.path, p.warning) for p in o.problems] == [("schedule.week", True)]
    assert "4 horas por semana" in o.problems[0].message


def test_overview_of_a_fresh_instance(make_instance, clock):
    o = instance_overview(make_instance(), clock.now())
    assert (o.open_chats, o.next_closure, o.auto_close_enabled) == (0, None, False)
    assert not o.schedule_enabled and o.open_now
    assert o.template_count == 0 and o.problems == ()
    # A sentence among the cards' sentences: it ends with a period (issue 17 item 17).
    assert o.schedule_line == "Agenda desligada: as mensagens automáticas saem a qualquer hora."


def test_next_closure_is_a_deadline_never_the_warning_before_it(make_instance, clock):
    inst = make_instance()
    warning = {"minutes_before": 10, "message": "Ainda está aí?"}
    auto_close.save(inst, auto_close_values(enabled=True, warning=warning), clock)
    agent_at = clock.now() - timedelta(minutes=5)
    Chat.create(
        instance=inst,
        external_id="c1",
        status="open",
        handler="human",
        assigned_via="operator",
        last_agent_message_at=agent_at,
    )
    o = instance_overview(inst, clock.now())
    assert o.next_closure == agent_at + timedelta(minutes=60)  # the warning is due at +50
