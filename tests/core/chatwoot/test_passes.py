"""A watcher pass over the connections: pull all, deliver all, a person's pass and a 429."""

from __future__ import annotations

from app.core.chatwoot import connection
from app.core.chatwoot.outbox_store import BACKOFF_FIRST, next_try_at
from app.core.chatwoot.passes import deliver_all, pull_all
from tests.fake_chatwoot import ACCOUNT_ID, INBOX_ID, TOKEN


def test_a_persons_pass_waits_out_retry_after_then_delivers(shop):
    shop.fake.fail(429, path=r"/conversations/\d+$", retry_after="3")
    waited = []
    report = deliver_all(shop.now, "desk-a", asked_by_person=True, sleep=waited.append)
    assert waited == [3]
    assert (report.sent, report.resolved, report.retrying) == (3, 3, 0)


def test_the_running_watcher_does_not_wait(shop):
    shop.fake.fail(429, path=r"/conversations/\d+$", retry_after="3")
    waited = []
    report = deliver_all(shop.now, "desk-a", sleep=waited.append)
    assert waited == [] and report.sent == 2 and report.wait == 3


def test_pull_all_reports_a_paused_connection_and_goes_on(shop, make_instance, clock):
    other = make_instance("Loja Norte")
    settings, _problems = connection.validate(shop.fake.url, ACCOUNT_ID, INBOX_ID, TOKEN)
    connection.save(other, settings, clock.now())
    connection.pause(shop.instance.id, "token recusado", clock.now())
    outcomes = {o.instance_name: o for o in pull_all(clock.now())}
    assert (
        outcomes["Loja Centro"].result is None and "token recusado" in outcomes["Loja Centro"].error
    )
    assert outcomes["Loja Norte"].error is None


def test_the_watcher_knows_when_the_next_retry_is(shop):
    assert next_try_at() == shop.now
    shop.fake.fail(500, path=r"/conversations/\d+$", times=3)
    deliver_all(shop.now, "desk-a")
    assert next_try_at() == shop.now + BACKOFF_FIRST
    connection.pause(shop.instance.id, "token recusado", shop.now)
    assert next_try_at() is None  # a paused connection waits for a new token, not a time
