"""The window's Chatwoot worker: it delivers the outbox on its own thread (the event loop keeps
running while the server is slow), pulls at most once a minute, and wakes for the outbox's
next retry; a refused token shows paused on the connection page and in Visão geral."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import QTimer

from app.core.chatwoot import connection as connections
from app.core.chatwoot.passes import pull_all
from app.core.chatwoot.state import connection_problem
from app.core.common.clock import FixedClock
from app.core.storage.models import Chat, OutboxRow
from app.core.watcher import closing
from app.i18n import _
from app.ui.pages.connection import ConnectionPage
from app.ui.pages.overview import OverviewPage
from app.ui.services.chatwoot_worker import IDLE_MS, SPIN_GUARD_MS, ChatwootDriver
from app.ui.services.watcher import start_watcher
from tests import fake_chatwoot as fake_module
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN, enable_auto_close

fake_chatwoot = fake_module.fake_chatwoot


def connect_with_a_due_closing(make_instance, fake, clock, close=True):
    """A connected instance whose conversation 7 the closing pass has closed locally: its
    closing message and resolve wait in the outbox (with `close=False`: it is due)."""
    shop = make_instance("Loja Centro")
    enable_auto_close(shop.id, "Obrigado, {{primeiro_nome}}!")
    settings = connections.Settings(fake.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connections.save(shop, settings, clock.now())
    fake.add_waiting_conversation(7, "Rita Lima")
    pull_all(clock.now())
    clock.advance(timedelta(days=2))
    if not close:
        return shop
    assert closing.watcher_pass(clock.now()).closed_count == 1
    assert OutboxRow.select().where(OutboxRow.outcome.is_null()).count() == 2
    return shop


def test_delivers_a_due_closing_while_the_window_keeps_running(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    connect_with_a_due_closing(make_instance, fake_chatwoot, clock)
    gate = threading.Event()
    fake_chatwoot.before(r"/conversations/7", lambda: gate.wait(20))  # a slow server
    ticks = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start(5)
    driver = ChatwootDriver(context)
    try:
        driver.kick()
        # The server holds the request; the event loop still runs the ticker.
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)
        assert driver.busy and fake_chatwoot.sent(7) == ["Posso ajudar em algo mais?"]
        with qtbot.waitSignal(driver.passed, timeout=20_000) as passed:
            gate.set()
        report = passed.args[0].report
        assert (report.sent, report.resolved) == (1, 1)
        assert fake_chatwoot.sent(7)[-1] == "Obrigado, Rita!"
        assert fake_chatwoot.state.conversations[7]["status"] == "resolved"
        assert OutboxRow.select().where(OutboxRow.outcome.is_null()).count() == 0
        assert Chat.get(Chat.external_id == "7").status == "closed"
    finally:
        gate.set()
        ticker.stop()
        driver.stop()


def test_the_window_watcher_closes_then_its_worker_delivers(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    connect_with_a_due_closing(make_instance, fake_chatwoot, clock, close=False)
    watcher = start_watcher(context)
    try:
        assert isinstance(watcher.platforms, ChatwootDriver)
        qtbot.waitUntil(lambda: fake_chatwoot.sent(7)[-1] == "Obrigado, Rita!", timeout=30_000)
        qtbot.waitUntil(lambda: fake_chatwoot.state.conversations[7]["status"] == "resolved")
    finally:
        watcher.stop()
    assert fake_chatwoot.sent(7).count("Obrigado, Rita!") == 1


def test_kicks_while_busy_run_once_more_and_pulls_wait_a_minute(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    connect_with_a_due_closing(make_instance, fake_chatwoot, clock)
    network = FixedClock(clock.now())
    driver = ChatwootDriver(context, network=network)
    lists = r"/conversations$"
    before = fake_chatwoot.count("GET", lists)
    passes = []
    driver.passed.connect(passes.append)
    try:
        driver.kick()
        driver.kick()  # while busy: one more pass after this one, not two at once
        assert driver.again
        qtbot.waitUntil(lambda: len(passes) == 2 and not driver.busy, timeout=30_000)
        assert len(passes[0].pulls) == 1 and fake_chatwoot.count("GET", lists) > before
        assert passes[1].pulls == []  # pulled less than a minute ago
        # Nothing queued: the next wake is the next pull, a minute after the last one.
        assert driver.timer.isActive() and driver.timer.interval() == IDLE_MS
        network.advance(timedelta(seconds=50))
        assert driver.interval_ms(None, True, network.now()) == 10_000
        retry = network.now()  # an outbox retry due already: not sooner than the guard
        assert driver.interval_ms(retry, True, network.now()) == SPIN_GUARD_MS
    finally:
        driver.stop()


def test_a_refused_token_pauses_and_the_page_and_visao_geral_say_so(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    shop = connect_with_a_due_closing(make_instance, fake_chatwoot, clock)
    page = ConnectionPage(shop.id, context)
    overview = OverviewPage(shop.id, context)
    for widget in (page, overview):
        qtbot.addWidget(widget)
        widget.show()
    assert page.state_box.state.text() == _("Connected")
    fake_chatwoot.fail(401, times=100)
    driver = ChatwootDriver(context)
    try:
        with qtbot.waitSignal(context.connections_changed, timeout=30_000):
            driver.kick()
    finally:
        driver.stop()
    conn = connections.get(shop.id)
    assert conn.paused_reason
    assert page.state_box.state.text().startswith(_("Paused ({reason})").split("(")[0])
    assert page.state_box.queued.text() == "2"  # the actions wait
    problem = connection_problem(conn)
    assert [p for p, _button in overview.problem_buttons()][0] == problem
    assert fake_chatwoot.sent(7) == ["Posso ajudar em algo mais?"]
