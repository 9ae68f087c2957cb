"""What `atende watch` does with the Chatwoot connections around each pass of the rules:
pull before it, deliver the outbox after it, and say what happened in Portuguese.

The watcher itself (app.core.watcher) never knows about a platform: it closes chats and
writes outbox rows; this module asks the connector (app.core.chatwoot.passes) to act.
"""

from __future__ import annotations

from datetime import datetime

from app.core.chatwoot.outbox_store import DeliveryReport
from app.core.chatwoot.passes import PullOutcome, deliver_all, pull_all
from app.core.chatwoot.state import PULL_EVERY_SECONDS, desk_name  # noqa: F401 (watch.py)
from app.core.common.clock import SystemClock
from app.core.storage.models import Connection
from app.i18n import _, format_number, ngettext


def any_connection() -> bool:
    return Connection.select().exists()


def pull(now: datetime) -> list[PullOutcome]:
    return pull_all(now)


def deliver(*, asked_by_person: bool) -> DeliveryReport:
    # The network's clock is the real one (leases, backoff), whatever --now says of the rules.
    return deliver_all(SystemClock().now(), desk_name(), asked_by_person=asked_by_person)


def pull_failures(outcomes: list[PullOutcome]) -> list[str]:
    return [f"{o.instance_name}: {o.error}" for o in outcomes if o.error is not None]


def pull_line(outcomes: list[PullOutcome]) -> str | None:
    updated = sum(o.result.updated for o in outcomes if o.result is not None)
    if not updated:  # nothing new in the inboxes: nothing to say
        return None
    return ngettext(
        "Chatwoot: {count} chat updated", "Chatwoot: {count} chats updated", updated
    ).format(count=format_number(updated))


def delivery_lines(report: DeliveryReport) -> list[str]:
    """What the delivery did, one line per kind of outcome that happened."""
    counts = (
        (report.sent, ngettext("{count} message sent", "{count} messages sent", report.sent)),
        (
            report.resolved,
            ngettext(
                "{count} conversation resolved", "{count} conversations resolved", report.resolved
            ),
        ),
        (
            report.not_sent,
            ngettext(
                "{count} message not sent (outside WhatsApp's 24-hour window)",
                "{count} messages not sent (outside WhatsApp's 24-hour window)",
                report.not_sent,
            ),
        ),
        (
            report.kept_open,
            ngettext(
                "{count} conversation kept open (the customer wrote meanwhile)",
                "{count} conversations kept open (the customer wrote meanwhile)",
                report.kept_open,
            ),
        ),
        (
            report.gone,
            ngettext(
                "{count} conversation deleted in Chatwoot, closed here",
                "{count} conversations deleted in Chatwoot, closed here",
                report.gone,
            ),
        ),
        (
            report.retrying,
            ngettext(
                "{count} action waiting to be tried again",
                "{count} actions waiting to be tried again",
                report.retrying,
            ),
        ),
    )
    return ["Chatwoot: " + text.format(count=format_number(n)) for n, text in counts if n]


def paused_lines(report: DeliveryReport) -> list[str]:
    return [
        _("{instance}: the Chatwoot connection is paused (token refused); its actions wait").format(
            instance=name
        )
        for name in sorted(report.paused)
    ]
