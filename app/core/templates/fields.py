"""The field rules of a predefined message (SPEC §8), without the database.

Title, shortcut and category are checked here; the content's rules are shared with the
closing message of Encerramento automático and live in `template_syntax`. Used by the page,
the config file, the CSV import and `atende check` alike.
"""

from __future__ import annotations

import re
from typing import Any

from app.core.common.text import fold
from app.core.common.validation import Problem, too_long
from app.core.templates.syntax import normalize_content, validate_content
from app.i18n import _, format_number

TITLE_MAX = 60
SHORTCUT_MAX = 30  # characters after the "/"
CATEGORY_MAX = 40
FIELDS = ("title", "shortcut", "category", "content")

_SHORTCUT = re.compile(rf"/[a-z0-9_-]{{1,{SHORTCUT_MAX}}}")


# Unicode's "Cc" category is exactly these 65 code points; one regex search instead of a
# category lookup per character (`atende check` validates every stored template).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _one_line(
    value: Any, path: str, maximum: int, *, required: bool
) -> tuple[list[Problem], str | None]:
    if value is None and not required:
        return [], None
    if not isinstance(value, str):
        return [Problem(path, _("must be text"))], None
    text = value.strip()
    if not text:
        if required:
            return [Problem(path, _("Enter a title."))], None
        return [], None
    if _has_control(text):
        return [Problem(path, _("Use a single line without control characters."))], None
    if len(text) > maximum:
        return [
            Problem(
                path,
                too_long(maximum, len(text)),
            )
        ], None
    return [], text


def shortcut_suggestion(text: str) -> str:
    """A valid spelling close to what was typed: "/Olá Maria" → "/ola-maria"."""
    folded = fold(text.strip().lstrip("/"))
    folded = re.sub(r"\s+", "-", folded)
    return "/" + re.sub(r"[^a-z0-9_-]", "", folded)[:SHORTCUT_MAX]


def usable_suggestion(text: str) -> str | None:
    """The spelling to offer in one click for a refused shortcut ("/Olá" → "/ola"), or None
    when `text` is fine or nothing valid is close to it."""
    if not clean_shortcut(text, "")[0] or len(text.strip().lstrip("/")) > SHORTCUT_MAX:
        return None  # fine, or too long: cutting it short would be a guess
    suggestion = shortcut_suggestion(text)
    if suggestion == text.strip() or clean_shortcut(suggestion, "")[0]:
        return None
    return suggestion


def clean_shortcut(value: Any, path: str) -> tuple[list[Problem], str | None]:
    if not isinstance(value, str):
        return [Problem(path, _("must be text"))], None
    text = value.strip().lower()
    if not text or text == "/":
        return [Problem(path, _("Enter a shortcut, e.g. /ola."))], None
    if not text.startswith("/"):
        return [
            Problem(
                path,
                _("Start the shortcut with “/”, e.g. /{example}.").format(
                    example=shortcut_suggestion(text)[1:] or "ola"
                ),
            )
        ], None
    if len(text) - 1 > SHORTCUT_MAX:
        return [
            Problem(
                path,
                _("Use at most {max} characters after the “/” (now {count}).").format(
                    max=format_number(SHORTCUT_MAX), count=format_number(len(text) - 1)
                ),
            )
        ], None
    if not _SHORTCUT.fullmatch(text):
        message = _("Use only letters a–z, digits, “_” and “-” (no spaces or accents).")
        suggestion = shortcut_suggestion(text)
        if len(suggestion) > 1:
            message += " " + _("Suggestion: {shortcut}").format(shortcut=suggestion)
        return [Problem(path, message)], None
    return [], text


def clean_template(data: dict[str, Any], prefix: str = "") -> tuple[list[Problem], dict[str, Any]]:
    """Check every field of one template; returns (problems, normalized values).

    Paths are `prefix + field` (`title`, or `instances[0].templates[2].title`).
    """
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    found, clean["title"] = _one_line(data.get("title"), prefix + "title", TITLE_MAX, required=True)
    problems += found
    found, clean["shortcut"] = clean_shortcut(data.get("shortcut"), prefix + "shortcut")
    problems += found
    found, clean["category"] = _one_line(
        data.get("category"), prefix + "category", CATEGORY_MAX, required=False
    )
    problems += found
    content = data.get("content")
    if isinstance(content, str):
        content = normalize_content(content)
    found = validate_content(content, prefix + "content")
    problems += found
    clean["content"] = content if not found else None
    return problems, clean
