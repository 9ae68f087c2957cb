"""The text rules of a template (SPEC §8), shared by Mensagens predefinidas and the closing
message of Encerramento automático: length, control characters, `{{variables}}`.
"""

from __future__ import annotations

import difflib
import re

from app.core.common.text import fold
from app.core.common.validation import Problem, too_long
from app.i18n import N_, _

CONTENT_MAX = 4096

# Declared once: variable → translatable description (the "Inserir variável" menu, docs).
VARIABLES = {
    "nome": N_("customer's full name"),
    "primeiro_nome": N_("customer's first name"),
    "telefone": N_("customer's phone, e.g. (11) 98765-4321"),
    "protocolo": N_("the chat's protocol (or its id)"),
    "operador": N_("the operator's name"),
    "saudacao": N_("Bom dia, Boa tarde or Boa noite, by the hour"),
    "data": N_("today's date, e.g. 14/03/2025"),
    "hora": N_("the time, e.g. 09:05"),
    "empresa": N_("the instance name"),
}

_BRACES = re.compile(r"\{\{|\}\}")
# A text whose every "{{" … "}}" is a known variable, as `_check_braces` reads it ("{{" and
# "}}" found left to right without overlap; a lone "{" or "}" is text): one regex match tells
# that most templates have no brace problem, without a Python step per brace.
_ALL_KNOWN = re.compile(
    r"(?:[^{}]|\{(?!\{)|\}(?!\}))*"
    r"(?:\{\{\s*(?:" + "|".join(VARIABLES) + r")\s*\}\}(?:[^{}]|\{(?!\{)|\}(?!\}))*)*"
)
# Unicode's "Cc" category (exactly these 65 code points) but line breaks and tabs: one regex
# search instead of a category lookup per character (`atende check` reads every template).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize_content(text: str) -> str:
    """CRLF and lone CR become LF (what WhatsApp and every OS agree on)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def variables_in(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each well-formed `{{ name }}`, known or not."""
    found = []
    opened: int | None = None
    for match in _BRACES.finditer(text):
        if match.group() == "{{":
            opened = match.start()
        elif opened is not None:
            name = text[opened + 2 : match.start()].strip()
            found.append((name, opened, match.end()))
            opened = None
    return found


def suggest(name: str) -> str | None:
    candidate = fold(name.strip()).replace(" ", "_")
    if candidate in VARIABLES:
        return candidate
    close = difflib.get_close_matches(candidate, list(VARIABLES), n=1, cutoff=0.5)
    return close[0] if close else None


def validate_content(text: object, path: str, *, required: bool = True) -> list[Problem]:
    """Every problem of a template text, each with its position (line/column in the message).

    `text` should already be normalized (`normalize_content`).
    """
    if not isinstance(text, str):
        return [Problem(path, _("must be text"))]
    if not text.strip():
        return [Problem(path, _("Write the message."))] if required else []
    problems: list[Problem] = []
    if len(text) > CONTENT_MAX:
        problems.append(
            Problem(
                path,
                too_long(CONTENT_MAX, len(text)),
            )
        )
    control = _CONTROL.search(text)
    if control is not None:
        index = control.start()
        line, column = line_column(text, index)
        problems.append(
            Problem(
                path,
                _("invalid control character (line {line}, column {column})").format(
                    line=line, column=column
                ),
                position=index,
            )
        )
    problems += _check_braces(text, path)
    return problems


def _check_braces(text: str, path: str) -> list[Problem]:
    if _ALL_KNOWN.fullmatch(text):
        return []
    problems: list[Problem] = []
    opened: int | None = None

    def at(position: int) -> dict[str, int]:
        line, column = line_column(text, position)
        return {"line": line, "column": column}

    for match in _BRACES.finditer(text):
        if match.group() == "{{":
            if opened is not None:
                problems.append(
                    Problem(
                        path,
                        _("“{{{{” without “}}}}” (line {line}, column {column})").format(
                            **at(opened)
                        ),
                        position=opened,
                    )
                )
            opened = match.start()
            continue
        if opened is None:
            problems.append(
                Problem(
                    path,
                    _("“}}}}” without “{{{{” (line {line}, column {column})").format(
                        **at(match.start())
                    ),
                    position=match.start(),
                )
            )
            continue
        name = text[opened + 2 : match.start()].strip()
        if name not in VARIABLES:
            problems.append(_unknown(path, name, opened, at(opened)))
        opened = None
    if opened is not None:
        problems.append(
            Problem(
                path,
                _("“{{{{” without “}}}}” (line {line}, column {column})").format(**at(opened)),
                position=opened,
            )
        )
    return problems


def _unknown(path: str, name: str, position: int, where: dict[str, int]) -> Problem:
    if not name:
        message = _("empty variable (line {line}, column {column})").format(**where)
        return Problem(path, message, position=position)
    guess = suggest(name)
    if guess:
        message = _(
            "unknown variable “{name}” (line {line}, column {column}): did you mean {suggestion}?"
        ).format(name=name, suggestion="{{" + guess + "}}", **where)
    else:
        message = _(
            "unknown variable “{name}” (line {line}, column {column}); known: {known}"
        ).format(name=name, known=", ".join(VARIABLES), **where)
    return Problem(path, message, position=position)
