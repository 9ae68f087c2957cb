"""Filling a template's `{{variables}}` for a chat at a moment (SPEC §8).

Times are the instance's local wall time; dates and times go through Babel. Without a chat
(the page's preview, `atende render` without `--chat`) the customer's values come from
`SAMPLE_CHAT`, declared once here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast
from zoneinfo import ZoneInfo

from peewee import fn

from app.core.instances.phones import format_phone_national
from app.core.storage import dialect
from app.core.storage.models import Chat, Instance, Template
from app.core.templates.syntax import variables_in
from app.i18n import N_, _, format_date, format_time

# The customer shown in the preview: a plausible chat, so the text reads like the real one.
SAMPLE_CHAT = SimpleNamespace(
    customer_name="Maria Aparecida Souza",
    phone="+5511987654321",
    protocol="2025031400042",
    external_id="exemplo",
    operator_name="Ana",
)

# Saudação by the local hour: [05:00, 12:00) morning, [12:00, 18:00) afternoon, else night.
GREETINGS = ((5, 12, N_("Good morning")), (12, 18, N_("Good afternoon")))
NIGHT = N_("Good evening")


def greeting(local: datetime) -> str:
    for start, end, text in GREETINGS:
        if start <= local.hour < end:
            return _(text)
    return _(NIGHT)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else ""


def variable_values(instance: Instance, chat: Chat | Any | None, at: datetime) -> dict[str, str]:
    """The value of every variable of `VARIABLES` for `chat` (or the sample) at `at`."""
    source = chat if chat is not None else SAMPLE_CHAT
    local = at.astimezone(ZoneInfo(instance.timezone))
    name = " ".join((source.customer_name or "").split())
    values = {
        "nome": name,
        "primeiro_nome": first_name(name),
        "telefone": format_phone_national(source.phone) if source.phone else "",
        "protocolo": source.protocol or source.external_id or "",
        "operador": source.operator_name or "",
        "saudacao": greeting(local),
        "data": format_date(local.date()),
        "hora": format_time(local),
        "empresa": instance.name,
    }
    return values


def render_text(content: str, values: dict[str, str]) -> str:
    """Replace each known `{{ name }}`; anything else is left as written."""
    pieces: list[str] = []
    last = 0
    for name, start, end in variables_in(content):
        if name in values:
            pieces.append(content[last:start])
            pieces.append(values[name])
            last = end
    pieces.append(content[last:])
    return "".join(pieces)


def render_template(
    template: Template | str, instance: Instance, chat: Chat | None, at: datetime
) -> str:
    content = template if isinstance(template, str) else template.content
    return render_text(content, variable_values(instance, chat, at))


CHAT_CHOICES_LIMIT = 500


def chat_choices(instance_id: int, limit: int = CHAT_CHOICES_LIMIT) -> list[tuple[int, str]]:
    """(id, label) of the instance's open chats, most recent activity first, for a picker.

    Capped: the picker is for "the customer I am talking to now", not a chat browser.
    """
    last = dialect.greatest(
        fn.COALESCE(Chat.last_customer_message_at, 0), fn.COALESCE(Chat.last_agent_message_at, 0)
    )
    query = (
        Chat.select(Chat.id, Chat.customer_name, Chat.protocol, Chat.external_id)
        .where((Chat.instance == instance_id) & (Chat.status == "open"))
        .order_by(last.desc(), Chat.id.desc())
        .limit(limit)
        .tuples()
    )
    choices = []
    for chat_id, name, protocol, external_id in cast(Iterable[tuple], query):
        name = " ".join((name or "").split()) or _("(no name)")
        choices.append((chat_id, f"{name} — {protocol or external_id}"))
    return choices


def closing_message_sent(event: Any, timezone: str) -> str | None:
    """The closing message of an automatic-closure history event, as the customer got it.

    The event keeps the template text and the chat's fields of that moment (set-based SQL
    cannot render per chat); rendering them again here gives the same text every time —
    the instance name is the one at the closure, the time is the closure's.
    """
    details = event.details or {}
    template = details.get("closing_message")
    if not template:
        return None
    return render_snapshot(
        template, details, event.chat_external_id, event.instance_name, timezone, event.at
    )


def render_snapshot(
    template: str,
    details: dict[str, Any],
    external_id: str | None,
    instance_name: str,
    timezone: str,
    at: datetime,
) -> str:
    """`template` for a chat known only by the fields kept of it (`customer_name`, `phone`,
    `protocol`, `operator_name` in `details`): a history event, an outbox row."""
    chat = SimpleNamespace(
        customer_name=details.get("customer_name"),
        phone=details.get("phone"),
        protocol=details.get("protocol"),
        external_id=external_id,
        operator_name=details.get("operator_name"),
    )
    instance = SimpleNamespace(name=instance_name, timezone=timezone)
    return render_template(template, instance, chat, at)  # type: ignore[arg-type]
