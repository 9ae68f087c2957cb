"""Atendimentos marks the chats that came from Chatwoot (a synced_conversation row): an icon
and a tooltip line on the customer, looked up in one query for the rows the list holds."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.core.storage.models import SyncedConversation
from app.i18n import _
from app.ui.pages import chats_model as chats_page  # the model looks them up
from app.ui.pages.chats import ChatsPage
from tests.ui.pages.test_chats_page import add_chat


def test_chats_from_chatwoot_are_marked_in_one_query(
    qtbot, context, make_instance, clock, monkeypatch
):
    shop = make_instance()
    now = clock.now()
    for external_id in ("7", "8", "local"):
        add_chat(shop, external_id, now, customer_ago=timedelta(minutes=5))
    for external_id in ("7", "8"):
        SyncedConversation.create(
            instance=shop, external_id=external_id, last_activity_at=now, status="open"
        )
    lookups = []
    real = chats_page.synced_among
    monkeypatch.setattr(
        chats_page, "synced_among", lambda *args: lookups.append(args) or real(*args)
    )
    page = ChatsPage(shop.id, context)
    qtbot.addWidget(page)
    model = page.model
    marked = {}
    for r in range(model.rowCount()):
        name = model.data(model.index(r, 0))
        icon = model.data(model.index(r, 0), Qt.ItemDataRole.DecorationRole)
        tip = model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
        marked[name] = (icon is not None, "Chatwoot" in tip)
    assert marked == {"7": (True, True), "8": (True, True), "Local": (False, False)}
    assert len(lookups) == 1
    tips = {
        model.data(model.index(r, 0)): model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
        for r in range(model.rowCount())
    }
    assert tips["7"].endswith(_("From Chatwoot (conversation {id})").format(id="7"))


def test_an_instance_without_chatwoot_never_looks(
    qtbot, context, make_instance, clock, monkeypatch
):
    shop = make_instance()
    add_chat(shop, "local", clock.now(), customer_ago=timedelta(minutes=5))
    monkeypatch.setattr(chats_page, "synced_among", lambda *args: 1 / 0)
    page = ChatsPage(shop.id, context)
    qtbot.addWidget(page)
    index = page.model.index(0, 0)
    assert page.model.data(index, Qt.ItemDataRole.DecorationRole) is None
