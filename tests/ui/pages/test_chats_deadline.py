"""Atendimentos' countdown with stored deadlines (SPEC §12): past today it names the day."""

from __future__ import annotations

from datetime import timedelta

from app.core.schedule import store as schedule_store
from app.core.storage.models import Chat
from app.core.watcher import auto_close
from app.core.watcher.deadline_text import describe_deadline
from app.core.watcher.deadlines import BUSINESS_HOURS
from app.ui.pages.chats import ChatsPage
from app.ui.pages.chats_model import ChatsModel
from tests.ui.pages.test_auto_close_options import workdays_agenda
from tests.ui.pages.test_chats_page import add_chat, column


def test_the_countdown_names_the_day_of_a_deadline_past_today(qtbot, make_instance, clock, context):
    """Wednesday 10:00, 08:00–18:00 on workdays, 29 business hours: Wed 8 h + Thu 10 h +
    Fri 10 h + Monday 1 h → the stored deadline is Monday 09:00."""
    shop = make_instance()
    now = clock.now()
    add_chat(shop, "maria", now, agent_ago=timedelta(0))
    add_chat(shop, "joao", now, agent_ago=timedelta(minutes=20), assigned_via="chatbot")
    schedule_store.save(shop, workdays_agenda(), clock)
    settings = {**auto_close.defaults(), "enabled": True, "count": BUSINESS_HOURS}
    settings |= {"timeout_minutes": 29 * 60, "close_started_by_bot_or_workflow": True}
    auto_close.save(shop, settings, clock)
    # What the page shows is the stored deadline: one set today reads as a countdown.
    Chat.update(deadline_at=now + timedelta(minutes=10)).where(Chat.external_id == "joao").execute()
    page = ChatsPage(shop.id, context)
    qtbot.addWidget(page)
    maria = Chat.get(Chat.external_id == "maria")
    words = describe_deadline(maria.deadline_at, now, shop.timezone)
    assert words is not None and words.endswith("segunda-feira às 09:00")
    assert column(page, ChatsModel.SITUATION) == ["encerra em 10 min", words]
    assert page.next_label.text().endswith("hoje às 10:10")
