"""gettext + Babel helpers. Source strings are English; the default locale is pt_BR.

Translate at use, not at import: modules mark constants with `N_()` and call `_()` when the
text is shown. Babel is imported lazily (its locale data costs start-up time).
"""

from __future__ import annotations

import gettext as _gettext
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.paths import translations_dir

if TYPE_CHECKING:
    from datetime import date, datetime, timedelta
    from decimal import Decimal

DOMAIN = "atende"
DEFAULT_LOCALE = "pt_BR"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_locale = DEFAULT_LOCALE


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def load_catalog(locale: str, directory: Path | None = None) -> _gettext.NullTranslations:
    """The compiled catalog of `locale`, or the `.po` source compiled in memory.

    Wheels and installers ship compiled `.mo` files; a source checkout may only have the
    `.po`, which Babel compiles on the fly so the app is never half-translated.
    """
    base = (directory or translations_dir()) / locale / "LC_MESSAGES"
    mo = base / f"{DOMAIN}.mo"
    po = base / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        _cache_compiled(mo, buffer.getvalue())
        buffer.seek(0)
        return _gettext.GNUTranslations(buffer)
    return _gettext.NullTranslations()


def _cache_compiled(mo: Path, data: bytes) -> None:
    """Keep the catalog compiled from the `.po` beside it (a build product git ignores, like
    __pycache__), so the next start reads the `.mo` instead of importing Babel to compile
    again. A folder that cannot be written just means compiling next time too."""
    import os
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(dir=mo.parent, prefix=".atende-", suffix=".mo")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, mo)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


# argparse's own messages, listed so `make translations` extracts (and keeps) them; argparse
# looks them up through `_` at call time (see `install`).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("show program's version number and exit"),
)


def install(locale: str = DEFAULT_LOCALE) -> None:
    """Activate `locale` for `_()`, `ngettext()`, Babel formatting and argparse."""
    global _translation, _locale
    _locale = locale
    _translation = load_catalog(locale) if locale != "en" else _gettext.NullTranslations()
    if "argparse" in sys.modules:  # else the CLI's parser calls translate_argparse itself
        translate_argparse()


def translate_argparse() -> None:
    """argparse looks its messages up through module globals at call time: point them here."""
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def current_locale() -> str:
    return _locale


# --- Babel helpers -----------------------------------------------------------------------


def format_duration(minutes: int) -> str:
    """`60` → "1 hora", `300` → "5 horas", `2880` → "2 dias", `90` → "90 minutos".

    The biggest unit that divides the value exactly, so nothing is rounded away.
    """
    if minutes and minutes % (24 * 60) == 0:
        return format_unit_count(minutes // (24 * 60), "day")
    if minutes and minutes % 60 == 0:
        return format_unit_count(minutes // 60, "hour")
    return format_unit_count(minutes, "minute")


def format_unit_count(count: int, unit: str, length: str = "long") -> str:
    """`count` of `unit` ("minute", "hour", "day") with Babel's plural forms, unrounded;
    `length="short"` gives "42 min", "3 h"."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    seconds = {"minute": 60, "hour": 3600, "day": 86400}[unit]
    # An unreachable threshold makes Babel stop at `granularity` instead of a bigger unit.
    text = format_timedelta(
        timedelta(seconds=count * seconds),
        threshold=1e12,
        granularity=unit,
        format=length,
        locale=_locale,
    )
    # Babel writes the count bare ("12345 minutos"): group it like every number shown.
    return text.replace(str(count), format_number(count), 1)


def format_number(value: float | Decimal) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale)


class NumberTextError(ValueError):
    """Typed text that is not a number as the locale writes it; `suggestions` are Babel's
    readings of what may have been meant ("1.5" in pt_BR → ["15", "1,5"])."""

    def __init__(self, text: str, suggestions: list[str]) -> None:
        super().__init__(text)
        self.suggestions = suggestions


def parse_number(text: str) -> Decimal:
    """A number typed as the locale writes it: "1,5" → 1.5 and "1.000" → 1000 in pt_BR.

    Only ASCII digits, the locale's separators and spaces around them; anything else (a
    sign, an exponent, "1.5" in pt_BR) raises NumberTextError, never a silent reading.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    stripped = text.strip()
    if not stripped or any(not (c.isascii() and (c.isdigit() or c in ".,")) for c in stripped):
        raise NumberTextError(text, [])
    try:
        return parse_decimal(stripped, locale=_locale, strict=True)
    except NumberFormatError as exc:
        raise NumberTextError(text, list(exc.suggestions or [])) from None


def format_date(value: date, fmt: str = "short") -> str:
    """`date(2025, 3, 14)` → "14/03/2025" (short) or "14 de março de 2025" (long)."""
    from babel.dates import format_date as _fd

    if fmt == "short":
        return _fd(value, "dd/MM/yyyy", locale=_locale)
    return _fd(value, format=fmt, locale=_locale)


def format_time(value: datetime) -> str:
    """A local wall time as "09:05"."""
    from babel.dates import format_time as _ft

    return _ft(value, "HH:mm", locale=_locale)


def format_datetime(value: datetime) -> str:
    """A local datetime as "14/03/2025 09:05"."""
    return f"{format_date(value)} {format_time(value)}"


def weekday_name(index: int, width: str = "wide") -> str:
    """Monday = 0 → "segunda-feira" (Babel's names, never a hand-written table)."""
    from babel.dates import get_day_names

    return str(get_day_names(width, context="format", locale=_locale)[index])


def format_relative(delta: timedelta, add_direction: bool = True) -> str:
    """A signed interval as "há 3 horas" / "em 42 minutos"."""
    from babel.dates import format_timedelta

    return format_timedelta(delta, add_direction=add_direction, locale=_locale)
