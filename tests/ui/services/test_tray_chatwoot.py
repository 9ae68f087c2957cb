"""The tray shows a paused or failing Chatwoot connection, and says once when one pauses."""

from __future__ import annotations

from app.core.chatwoot import connection as connections
from app.core.storage.models import Connection
from app.i18n import _
from app.ui.services.tray import Tray


def connect(instance, clock) -> None:
    Connection.create(
        instance=instance,
        url="https://chat.loja.com.br",
        account_id=1,
        inbox_id=2,
        token="secret-token",
        created_at=clock.now(),
        updated_at=clock.now(),
    )


def menu_lines(tray: Tray) -> list[str]:
    return [action.text() for action in tray.connection_actions]


def test_paused_and_failing_connections_are_in_the_menu_and_said_once(
    qtbot, context, make_instance, clock
):
    shop, clinic = make_instance("Loja Centro"), make_instance("Clínica")
    connect(shop, clock)
    connect(clinic, clock)
    tray = Tray(context)
    shown = []
    tray.icon.showMessage = lambda title, text, *args: shown.append(text)
    assert menu_lines(tray) == []
    connections.pause(shop.id, "O Chatwoot recusou o token de acesso.", clock.now())
    connections.record_error(clinic.id, "O servidor não respondeu.", clock.now())
    tray.refresh()  # the menu opened before the worker's pass said so: the pause is still told
    context.connections_changed.emit(0)
    paused = _("{instance}: the Chatwoot connection is paused (token refused)").format(
        instance="Loja Centro"
    )
    failing = _("{instance}: Chatwoot is not answering; its actions wait").format(
        instance="Clínica"
    )
    assert menu_lines(tray) == [failing, paused]  # by instance name
    assert paused in tray.icon.toolTip() and failing in tray.icon.toolTip()
    assert shown == [paused]  # a failing server is not worth a notification; a pause is
    context.connections_changed.emit(0)
    assert shown == [paused]  # once
    assert "secret-token" not in tray.icon.toolTip()
    # A new token lifts the pause: the line goes away.
    Connection.update(paused_reason=None, last_error=None).execute()
    context.connections_changed.emit(0)
    assert menu_lines(tray) == []
