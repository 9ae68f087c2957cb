"""Conexão com o Chatwoot against the fake server: the check runs off the UI thread, a
failure's message goes under its field and nothing is stored; a good save shows conectado;
a refused token (401) shows paused here and in Visão geral."""

from __future__ import annotations

from app.core.chatwoot import connection as connections
from app.core.chatwoot.state import connection_problem
from app.core.storage.models import Connection, Template
from app.i18n import _
from app.ui.pages.connection import ConnectionPage
from app.ui.pages.overview import OverviewPage
from app.ui.widgets import confirm
from tests import fake_chatwoot as fake_module
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN

fake_chatwoot = fake_module.fake_chatwoot


def open_page(qtbot, context, instance_id) -> ConnectionPage:
    page = ConnectionPage(instance_id, context)
    qtbot.addWidget(page)
    page.show()
    return page


def fill(page: ConnectionPage, url: str, token: str, account=ACCOUNT_ID, inbox=INBOX_ID) -> None:
    page.url.setText(url)
    page.account.setText(str(account))
    page.inbox.setText(str(inbox))
    page.token.setText(token)


def save_and_wait(qtbot, page: ConnectionPage) -> None:
    assert page.footer.save_button.isEnabled()
    page.footer.save_button.click()
    assert page.job is not None and not page.footer.save_button.isEnabled()  # busy
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)


def test_a_wrong_token_shows_its_message_and_stores_nothing(
    qtbot, context, make_instance, fake_chatwoot
):
    page = open_page(qtbot, context, make_instance().id)
    fill(page, fake_chatwoot.url, "not-the-token")
    save_and_wait(qtbot, page)
    assert "recusou este token" in page.errors["token"].text()
    assert page.errors["token"].isVisible() and not page.errors["url"].isVisible()
    assert Connection.select().count() == 0
    assert page.state_box.state.text() == _("Not connected")


def test_an_unknown_inbox_is_said_under_the_inbox(qtbot, context, make_instance, fake_chatwoot):
    page = open_page(qtbot, context, make_instance().id)
    fill(page, fake_chatwoot.url, TOKEN, inbox=999)
    save_and_wait(qtbot, page)
    assert "999" in page.errors["inbox"].text() and page.errors["inbox"].isVisible()
    assert Connection.select().count() == 0


def test_a_good_save_stores_and_shows_connected_and_never_the_token(
    qtbot, context, make_instance, fake_chatwoot
):
    inst = make_instance()
    page = open_page(qtbot, context, inst.id)
    fill(page, fake_chatwoot.url + "/", TOKEN)
    with qtbot.waitSignal(context.connections_changed, timeout=30_000) as said:
        page.footer.save_button.click()
    assert said.args == [inst.id]
    conn = connections.get(inst.id)
    assert (conn.url, conn.account_id, conn.inbox_id, conn.token) == (
        fake_chatwoot.url,
        ACCOUNT_ID,
        INBOX_ID,
        TOKEN,
    )
    assert page.state_box.state.text() == _("Connected")
    assert not page.token.isVisible() and page.token_stored.text() == "••••"
    assert page.token.text() == "" and not page.has_unsaved_changes()
    # Changing the inbox alone keeps the stored token.
    page.inbox.setText("999")
    save_and_wait(qtbot, page)
    assert connections.get(inst.id).inbox_id == INBOX_ID  # refused: the old one stays


def test_test_connection_says_the_inbox_and_stores_nothing(
    qtbot, context, make_instance, fake_chatwoot
):
    page = open_page(qtbot, context, make_instance().id)
    fill(page, fake_chatwoot.url, TOKEN)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    assert page.result.isVisible()
    assert page.result.text() == _("Connection works: inbox “{name}”.").format(name="WhatsApp Loja")
    assert page.result.objectName() == "hint", "a success is grey, not in the error's red"
    assert Connection.select().count() == 0


def test_auto_resolve_on_in_chatwoot_is_warned(qtbot, context, make_instance, fake_chatwoot):
    fake_chatwoot.state.account["settings"] = {"auto_resolve_after": 1440}
    page = open_page(qtbot, context, make_instance().id)
    fill(page, fake_chatwoot.url, TOKEN)
    save_and_wait(qtbot, page)
    assert "resolução automática" in page.errors["account"].text().lower()
    assert Connection.select().count() == 1  # a warning, not a refusal


def connect(inst, fake, clock) -> None:
    settings = connections.Settings(fake.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connections.save(inst, settings, clock.now())


def test_a_refused_token_shows_paused_here_and_in_visao_geral(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    inst = make_instance()
    connect(inst, fake_chatwoot, clock)
    connections.pause(inst.id, "token recusado (401)", clock.now())
    page = open_page(qtbot, context, inst.id)
    assert page.state_box.state.text() == _("Paused ({reason})").format(
        reason="token recusado (401)"
    )
    assert page.state_box.problem.isVisible()
    overview = OverviewPage(inst.id, context)
    qtbot.addWidget(overview)
    overview.show()
    paused = connection_problem(connections.get(inst.id))
    assert not paused.warning and "401" in paused.message
    rows = [row for row in overview.problem_buttons() if row[0] == paused]
    assert len(rows) == 1
    button = rows[0][1]
    with qtbot.waitSignal(overview.navigate) as went:
        button.click()
    assert went.args == ["connection"]


def test_remove_asks_then_forgets(qtbot, context, make_instance, fake_chatwoot, clock, monkeypatch):
    inst = make_instance()
    connect(inst, fake_chatwoot, clock)
    page = open_page(qtbot, context, inst.id)
    answers = [False, True]
    monkeypatch.setattr(confirm, "ask", lambda *a, **k: answers.pop(0))
    page.remove_button.click()
    assert Connection.select().count() == 1
    page.remove_button.click()
    assert Connection.select().count() == 0
    assert page.token.isVisible() and page.url.text() == ""


def test_push_templates_lists_a_line_per_template(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    inst = make_instance()
    for shortcut, content in (("/ola", "Olá, {{nome}}!"), ("/dia", "{{saudacao}}!")):
        Template.create(
            instance=inst,
            title=shortcut,
            shortcut=shortcut,
            content=content,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    connect(inst, fake_chatwoot, clock)
    page = open_page(qtbot, context, inst.id)
    page.push_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    lines = page.push_results.lines()
    assert lines[0].startswith("/dia: não enviada") and lines[1] == "/ola: criada"


def test_a_paused_connection_opens_the_token_field_and_a_new_token_lifts_the_pause(
    qtbot, context, make_instance, fake_chatwoot, clock
):
    inst = make_instance()
    connect(inst, fake_chatwoot, clock)
    connections.pause(inst.id, "token recusado", clock.now())
    page = open_page(qtbot, context, inst.id)
    assert page.token.isVisible() and not page.replace_button.isVisible()
    assert not page.footer.save_button.isEnabled()  # nothing typed yet
    page.token.setText(TOKEN)
    save_and_wait(qtbot, page)
    assert connections.get(inst.id).paused_reason is None
    assert page.state_box.state.text() == _("Connected")


def test_an_unreachable_server_is_said_under_the_address(
    qtbot, context, make_instance, fake_chatwoot
):
    url = fake_chatwoot.url
    fake_chatwoot.stop()  # nothing listens there any more
    page = open_page(qtbot, context, make_instance().id)
    fill(page, url, TOKEN)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=15_000)
    assert page.errors["url"].isVisible() and page.errors["url"].text()
    assert TOKEN not in page.errors["url"].text()
    assert not page.result.isVisible() and Connection.select().count() == 0


def test_a_test_result_goes_away_when_a_field_changes(qtbot, context, make_instance, fake_chatwoot):
    page = open_page(qtbot, context, make_instance().id)
    fill(page, fake_chatwoot.url, TOKEN)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.job is None, timeout=30_000)
    assert page.result.isVisible()
    page.inbox.setText("4")
    assert not page.result.isVisible()


def test_an_unexpected_failure_is_told_in_portuguese_with_the_details_in_the_log(
    qtbot, context, make_instance, caplog
):
    page = open_page(qtbot, context, make_instance().id)
    page._job_failed(KeyError("internal_secret_column"))
    said = page.footer.status_label.text()
    assert said.startswith("Falha inesperada")  # it said "Something went wrong: 'internal…'"
    assert "internal_secret_column" not in said
    logged = [str(r.exc_info[1]) for r in caplog.records if r.exc_info]
    assert any("internal_secret_column" in text for text in logged)
