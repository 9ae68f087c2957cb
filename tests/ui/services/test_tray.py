"""The tray: what closing the window does, the notices, the menu and the notification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from app.core.storage.models import AutoCloseSettings
from app.ui.dialogs.preferences import Preferences
from app.ui.main_window import MainWindow
from app.ui.services.tray import (
    CloseAction,
    Tray,
    close_action,
    closed_notification,
    watcher_status,
)


class FakeWatcher(QObject):
    closed = Signal(int)

    def __init__(self, running=True, next_due=None):
        super().__init__()
        self.running = running
        self.next_due = next_due


@pytest.mark.parametrize(
    ("tray", "running", "enabled", "expected"),
    [
        (True, True, True, CloseAction.HIDE_TO_TRAY),
        (False, True, True, CloseAction.QUIT_WATCHER_STOPS),
        (True, True, False, CloseAction.QUIT),
        (False, True, False, CloseAction.QUIT),
        (True, False, True, CloseAction.QUIT),  # another process runs the watcher
        (False, False, True, CloseAction.QUIT),
    ],
)
def test_close_action(tray, running, enabled, expected):
    assert (
        close_action(tray_available=tray, watcher_running=running, auto_close_enabled=enabled)
        is expected
    )


def test_notification_text_uses_plural_forms():
    assert closed_notification(1) == "1 atendimento encerrado por inatividade"
    assert closed_notification(3) == "3 atendimentos encerrados por inatividade"
    assert closed_notification(1500) == "1.500 atendimentos encerrados por inatividade"


def test_watcher_status_lines(clock):
    now = clock.now()
    common = {"running": True, "elsewhere": False, "auto_close_enabled": True, "now": now}
    assert watcher_status(**common, next_due=now + timedelta(minutes=25)) == (
        "Vigilante ligado · próximo encerramento em 25 minutos"
    )
    assert watcher_status(**common, next_due=None) == (
        "Vigilante ligado · nenhum atendimento aguardando encerramento"
    )
    assert "desligado em todas" in watcher_status(
        **{**common, "auto_close_enabled": False}, next_due=None
    )
    assert watcher_status(**{**common, "running": False}, next_due=None) == "Vigilante parado"
    assert "outro processo" in watcher_status(
        **{**common, "running": False, "elsewhere": True}, next_due=None
    )


@pytest.fixture
def auto_close_on(make_instance):
    inst = make_instance()
    AutoCloseSettings.create(instance=inst, enabled=True)
    return inst


def make_window(qtbot, context, use_tray, watcher=None):
    context.watcher = watcher
    window = MainWindow(context, use_tray=use_tray)
    qtbot.addWidget(window)
    window.show()
    return window


def test_with_a_tray_closing_hides_and_says_so_once(qtbot, context, auto_close_on):
    window = make_window(qtbot, context, True, FakeWatcher())
    asked = []
    window.ask_tray_notice = lambda: asked.append(1) or True  # "Não mostrar novamente"
    window.close()
    assert not window.isVisible() and asked == [1]
    assert Preferences().tray_notice_hidden
    window.bring_to_front()
    assert window.isVisible()
    window.close()
    assert not window.isVisible() and asked == [1]  # not asked again
    # Sair from the tray ends it for real (and asks nothing).
    window.bring_to_front()
    window.tray.quit_requested.emit()
    assert not window.isVisible()
    assert window._quitting


def test_notice_shown_again_when_not_dismissed_for_good(qtbot, context, auto_close_on):
    window = make_window(qtbot, context, True, FakeWatcher())
    asked = []
    window.ask_tray_notice = lambda: asked.append(1) or False
    window.close()
    window.bring_to_front()
    window.close()
    assert asked == [1, 1] and not Preferences().tray_notice_hidden


def test_without_a_tray_closing_says_the_watcher_stops(qtbot, context, auto_close_on):
    window = make_window(qtbot, context, False, FakeWatcher())
    assert window.tray is None
    window.ask_watcher_stops = lambda: (False, False)  # Cancelar
    window.close()
    assert window.isVisible()
    answers = iter([(True, True)])
    window.ask_watcher_stops = lambda: next(answers)  # Fechar + "Não mostrar novamente"
    window.close()
    assert not window.isVisible()
    assert Preferences().no_tray_notice_hidden


def test_nothing_to_watch_closes_like_any_window(qtbot, context, make_instance):
    make_instance()  # auto-close off
    window = make_window(qtbot, context, True, FakeWatcher())
    window.ask_tray_notice = lambda: pytest.fail("no notice when nothing runs in background")
    window.ask_watcher_stops = lambda: pytest.fail("no question either")
    window.close()
    assert not window.isVisible()


def test_tray_menu_state_and_notification_on_closed(qtbot, context, auto_close_on, clock):
    watcher = FakeWatcher(next_due=clock.now() + timedelta(hours=2))
    context.watcher = watcher
    tray = Tray(context)
    assert tray.status_action.text() == "Vigilante ligado · próximo encerramento em 2 horas"
    assert [a.text() for a in tray.menu.actions() if a.text()][1:] == ["Abrir Atende", "Sair"]
    shown = []
    tray.icon.showMessage = lambda title, text, *args: shown.append((title, text))
    watcher.closed.emit(3)
    assert shown == [("Atende", "3 atendimentos encerrados por inatividade")]
    with qtbot.waitSignal(tray.open_requested):
        tray.open_action.trigger()


def test_notices_offer_dont_show_again(qtbot, context):
    import gc

    from PySide6.QtWidgets import QMessageBox

    from app.ui.services.tray import tray_notice_box, watcher_stops_box

    for build in (tray_notice_box, watcher_stops_box):
        box = build(None)
        qtbot.addWidget(box)
        gc.collect()  # the checkbox must belong to the box, not to a Python temporary
        box.show()
        check = box.checkBox()
        assert check is not None and check.isVisible()
        assert check.text() == "Não mostrar novamente"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert [b.text() for b in box.buttons()] != []


def test_escape_on_the_no_tray_question_keeps_the_window(qtbot, context):
    from PySide6.QtCore import QTimer

    from app.ui.services.tray import watcher_stops_notice

    def press_escape():
        box = QApplication.activeModalWidget()
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_escape)
    assert watcher_stops_notice(None) == (False, False)
