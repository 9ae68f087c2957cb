"""Mensagens predefinidas → Chatwoot's canned responses (SPEC §13).

Each template becomes the canned response whose `short_code` is its shortcut without `/`:
created when the account has none with that code, updated when its text differs, left alone
when equal. Atende never deletes a canned response. Variables with a Chatwoot equivalent
are translated to Chatwoot's own (`{{contact.name}}`, …), `empresa` becomes the instance's
name; a template using one without an equivalent (`saudacao`, `data`, `hora`: Chatwoot
would send the braces as typed) is reported and not pushed.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.chatwoot.client import ChatwootClient
from app.core.storage.models import Instance, Template
from app.core.templates.syntax import variables_in
from app.i18n import N_, _

CHATWOOT_VARIABLES = {
    "nome": "{{contact.name}}",
    "primeiro_nome": "{{contact.first_name}}",
    "telefone": "{{contact.phone}}",
    "operador": "{{agent.name}}",
    "protocolo": "{{conversation.id}}",
}
CREATED, UPDATED, SAME, NOT_SENT = "created", "updated", "same", "not_sent"
OUTCOME_LABELS = {
    CREATED: N_("created"),
    UPDATED: N_("updated"),
    SAME: N_("unchanged"),
    NOT_SENT: N_("not sent"),
}


@dataclass(frozen=True)
class Pushed:
    shortcut: str
    outcome: str
    reason: str | None = None

    def line(self) -> str:
        text = f"{self.shortcut}: {_(OUTCOME_LABELS[self.outcome])}"
        return f"{text}: {self.reason}" if self.reason else text


def translate(content: str, instance_name: str) -> tuple[str, list[str]]:
    """The text with Chatwoot's variables, and the variables it cannot express."""
    pieces, missing, last = [], [], 0
    for name, start, end in variables_in(content):
        replacement = instance_name if name == "empresa" else CHATWOOT_VARIABLES.get(name)
        if replacement is None:
            missing.append(name)
            continue
        pieces += [content[last:start], replacement]
        last = end
    pieces.append(content[last:])
    return "".join(pieces), sorted(set(missing))


def push_templates(instance: Instance, client: ChatwootClient) -> list[Pushed]:
    """Create or update the account's canned responses from the instance's templates."""
    existing = {r.get("short_code"): r for r in client.canned_responses()}
    results = []
    templates = (
        Template.select().where(Template.instance == instance.id).order_by(Template.shortcut)
    )
    for template in templates:
        code = template.shortcut.lstrip("/")
        content, missing = translate(template.content, instance.name)
        if missing:
            names = ", ".join("{{" + name + "}}" for name in missing)
            reason = _("Chatwoot has no variable for {names}").format(names=names)
            results.append(Pushed(template.shortcut, NOT_SENT, reason))
            continue
        current = existing.get(code)
        if current is None:
            client.create_canned_response(code, content)
            results.append(Pushed(template.shortcut, CREATED))
        elif current.get("content") != content:
            client.update_canned_response(int(current["id"]), code, content)
            results.append(Pushed(template.shortcut, UPDATED))
        else:
            results.append(Pushed(template.shortcut, SAME))
    return results
