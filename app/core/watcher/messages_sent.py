"""The automatic messages of the history as the customer got them (SPEC §12, §14).

A closing keeps its closing message's template and the chat's fields of that moment in the
event's details (set-based SQL cannot render per chat), and so does a warning; rendering
them again with the event's instant and instance name gives the same text every time.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from app.core.audit.history import KIND_AUTO_CLOSE, KIND_AUTO_CLOSE_WARNING
from app.core.templates.render import closing_message_sent

# Which detail holds the template, per kind of event that sends a message.
TEMPLATE_KEYS = {KIND_AUTO_CLOSE: "closing_message", KIND_AUTO_CLOSE_WARNING: "warning_message"}


def message_sent(event: Any, timezone: str) -> str | None:
    """The text a closing or warning event sent, variables filled; None for other events
    (and for a closing without a closing message)."""
    key = TEMPLATE_KEYS.get(event.kind)
    if key is None:
        return None
    details = event.details or {}
    # `closing_message_sent` renders the template it finds under "closing_message".
    seen = SimpleNamespace(
        details={**details, "closing_message": details.get(key)},
        chat_external_id=event.chat_external_id,
        instance_name=event.instance_name,
        at=event.at,
    )
    return closing_message_sent(seen, timezone)
