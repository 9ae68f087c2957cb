"""Reading JSON typed or exported by people, strictly and with Portuguese messages.

`json.loads` alone lets through what SPEC §9 calls errors or what would break later:
a key given twice (the last silently wins), `NaN`/`Infinity`, lone UTF-16 surrogates
(`"\\ud800"`, which SQLite cannot store), nesting deep enough to exhaust the stack, and
integers too long to convert. Each of these becomes a Problem instead of an exception.
"""

from __future__ import annotations

import json
from typing import Any

from app.core.common.files import FILE_PATH
from app.core.common.validation import Problem, join_path
from app.i18n import N_, _

# The messages of Python's JSON decoder, in the order they are matched (prefixes).
_DECODER_MESSAGES = (
    ("Expecting value", N_("a value was expected")),
    ("Expecting ',' delimiter", N_("a “,” was expected")),
    ("Expecting ':' delimiter", N_("a “:” was expected")),
    (
        "Expecting property name enclosed in double quotes",
        N_("a key in double quotes was expected"),
    ),
    ("Unterminated string", N_("text without its closing quote")),
    ("Invalid control character", N_("a control character inside a text")),
    ("Extra data", N_("there is more content after the end of the JSON")),
    ("Invalid \\uXXXX escape", N_("invalid \\uXXXX escape")),
    ("Invalid \\escape", N_("invalid escape sequence")),
    ("Illegal trailing comma", N_("a comma before the closing bracket")),
)


class _Refused(ValueError):
    """A construct the decoder accepts but SPEC §9 does not."""


def decoder_message(message: str) -> str:
    for prefix, text in _DECODER_MESSAGES:
        if message.startswith(prefix):
            return _(text)
    return message


def _pairs(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _Refused(name)


def parse_json(
    text: str, where: str = FILE_PATH, *, line: int = 1, root: str = ""
) -> tuple[Any, list[Problem]]:
    """JSON text → (data, []) or (None, problems at `where`, with line and column).

    For one line of a JSON Lines file, `line` is its number in the file (for the message)
    and `root` the path prefix of problems inside it (`linha 3`).
    """
    duplicates: list[str] = []
    try:
        data = json.loads(
            text,
            object_pairs_hook=lambda pairs: _pairs(pairs, duplicates),
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        message = _("invalid JSON at line {line}, column {column}: {error}").format(
            line=exc.lineno + line - 1, column=exc.colno, error=decoder_message(exc.msg)
        )
        return None, [Problem(where, message)]
    except _Refused as exc:
        return None, [
            Problem(
                where,
                _("{value} is not valid JSON; write a number or null").format(value=exc.args[0]),
            )
        ]
    except RecursionError:
        return None, [Problem(where, _("the JSON is nested too deeply"))]
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        return None, [Problem(where, _("a number in the file has too many digits"))]
    problems = [
        Problem(
            root or where, _("the key “{key}” appears twice in the same object").format(key=key)
        )
        for key in dict.fromkeys(duplicates)
    ]
    problems += _bad_text(data, root)
    return (None, problems) if problems else (data, [])


def _bad_text(data: Any, root: str = "") -> list[Problem]:
    """Texts (values or keys) holding lone surrogates, each at its JSON path."""
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [(root or "$", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                problems.append(
                    Problem(path, _("contains an invalid character (a lone UTF-16 surrogate)"))
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                item_path = join_path("" if path == "$" else path, key)
                if _has_surrogate(key):
                    problems.append(Problem(item_path, _("the key contains an invalid character")))
                stack.append((item_path, item))
        elif isinstance(value, list):
            stack.extend((join_path(path, i), item) for i, item in enumerate(value))
    problems.sort(key=lambda p: p.path)
    return problems


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
