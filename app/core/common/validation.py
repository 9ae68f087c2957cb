"""Validation returns data, not dialogs: a list of Problem(path, message)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from app.i18n import _, format_number


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) with the input, at `path`.

    `path` names the field or JSON path (`instances[0].phone`); `message` is already in
    Portuguese (translated at the moment the problem is built).
    """

    path: str
    message: str
    warning: bool = False
    # Character offset inside a text field (template content), for highlighting.
    position: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(Exception):
    """Raised by core save functions when the input has errors; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if not p.warning]
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.warning]


def raise_if_errors(problems: list[Problem]) -> None:
    if errors(problems):
        raise ValidationError(problems)


def first_unprintable(text: str, allowed: str = "") -> int | None:
    """Index of the first control character or lone surrogate not in `allowed`, or None.

    Such characters are invisible in every field, break exports, and a lone surrogate
    cannot even be stored (SQLite wants valid UTF-8).
    """
    for index, char in enumerate(text):
        if char not in allowed and unicodedata.category(char) in ("Cc", "Cs"):
            return index
    return None


def too_long(maximum: int, count: int | None = None) -> str:
    """ "Use no máximo 4.096 caracteres (agora 5.000).": the numbers as Babel writes them,
    like the field's counter."""
    if count is None:
        return _("Use at most {max} characters.").format(max=format_number(maximum))
    return _("Use at most {max} characters (now {count}).").format(
        max=format_number(maximum), count=format_number(count)
    )


def join_path(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    return f"{base}.{key}" if base else key


def check_keys(value: dict, expected: set[str], path: str) -> list[Problem]:
    """Unknown and missing keys of a JSON object, each at its path (sorted, stable)."""
    problems = [
        Problem(join_path(path, key), _("unknown key"))
        for key in sorted(set(value) - expected, key=str)
    ]
    problems += [
        Problem(join_path(path, key), _("required key is missing"))
        for key in sorted(expected - set(value))
    ]
    return problems
