"""Why and when one chat will be closed automatically — or why it will not (Atendimentos'
detail panel).

The answer reads the due rule itself (`due.eligible_condition`, `due.awaiting_customer`,
evaluated by the database for this chat) and the stored deadline and warning moment
(`chat.deadline_at`, `chat.warning_at`, kept by the triggers and `deadlines`), so what the
panel says is what the watcher does. Only the choice of words is made here: which part of
the rule keeps the chat open, in the order a person checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.storage.models import AutoCloseSettings, Chat
from app.core.watcher.auto_close import SWITCHES, setting
from app.core.watcher.deadlines import BUSINESS_HOURS
from app.core.watcher.due import awaiting_customer, eligible_condition, with_settings
from app.i18n import _, format_duration

# What decides, in the order the panel explains it.
CLOSED = "closed"
OFF = "off"
BOT = "bot"
NO_AGENT_MESSAGE = "no_agent_message"
CUSTOMER_WROTE_LAST = "customer_wrote_last"
NOT_ASSIGNED = "not_assigned"
SWITCH_OFF = "switch_off"
NO_DEADLINE = "no_deadline"
DUE = "due"
WILL_CLOSE = "will_close"


@dataclass(frozen=True)
class ChatOutlook:
    reason: str  # one of the keys above
    why: str  # the reason in words (Portuguese once translated)
    closes_at: datetime | None  # the stored deadline (past: due at the next pass)
    warns_at: datetime | None  # the warning moment still to come, if any
    warned_at: datetime | None  # the last warning sent in this silence


def _rule_row(chat: Chat) -> dict:
    """The chat's instance settings and the rule's parts, evaluated by the database."""
    query = with_settings(
        Chat.select(
            AutoCloseSettings.enabled,
            AutoCloseSettings.timeout_minutes,
            AutoCloseSettings.count_mode,
            awaiting_customer().alias("awaiting"),
            eligible_condition().alias("eligible"),
        ),
        outer=True,
    )
    return query.where(Chat.id == chat.id).dicts().get()


def _switch_words(chat: Chat) -> str:
    by_operator, by_bot = SWITCHES
    if chat.assigned_via == "operator":
        key, text = by_operator, _("It was assigned by an operator, and “{switch}” is off.")
    else:
        key, text = by_bot, _("It was started by a chatbot or workflow, and “{switch}” is off.")
    return text.format(switch=_(setting(key).label))


def _reason(chat: Chat, rule: dict, now: datetime) -> tuple[str, str]:
    if chat.status != "open":
        return CLOSED, chat.close_reason or _("The attendance is closed.")
    if not rule["enabled"]:
        return OFF, _("Automatic closing is off for this instance.")
    if chat.handler != "human":
        return BOT, _("The chatbot handles it: only attendances handled by a person are closed.")
    if not rule["awaiting"]:
        if chat.last_agent_message_at is None:
            return NO_AGENT_MESSAGE, _(
                "The attendant has not written yet: the time limit starts at their message."
            )
        return CUSTOMER_WROTE_LAST, _(
            "The customer wrote last: it waits for the attendant's answer, and the time limit "
            "starts again when they answer."
        )
    if not rule["eligible"]:
        if chat.assigned_via is None:
            return NOT_ASSIGNED, _(
                "Nobody is recorded as having assigned it (operator, chatbot or workflow), so "
                "it is never closed automatically."
            )
        return SWITCH_OFF, _switch_words(chat)
    if chat.deadline_at is None:
        return NO_DEADLINE, _(
            "The business hours do not open long enough in the coming months to reach the "
            "time limit."
        )
    limit = format_duration(int(rule["timeout_minutes"]))
    if rule["count_mode"] == BUSINESS_HOURS:
        rule_words = _("{limit} of business hours without an answer from the customer")
    else:
        rule_words = _("{limit} without an answer from the customer")
    rule_words = rule_words.format(limit=limit)
    if chat.deadline_at <= now:
        return DUE, _("Due now ({rule}): closed at the next pass.").format(rule=rule_words)
    return WILL_CLOSE, _("It will be closed after {rule}, unless someone writes.").format(
        rule=rule_words
    )


def outlook(chat: Chat, now: datetime) -> ChatOutlook:
    """What the watcher will do with `chat` (a full `Chat` row), and why."""
    rule = _rule_row(chat)
    reason, why = _reason(chat, rule, now)
    closing = reason in (DUE, WILL_CLOSE)
    warns_at = chat.warning_at if closing and chat.warning_at and chat.warning_at > now else None
    return ChatOutlook(
        reason=reason,
        why=why,
        closes_at=chat.deadline_at if closing else None,
        warns_at=warns_at,
        warned_at=chat.warned_at if closing else None,
    )
