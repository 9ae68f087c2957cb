"""Time zones as people name them: "Horário de Brasília (São Paulo)", not `America/Sao_Paulo`.

The names come from Babel (CLDR) in the current locale: the zone's generic name and its
exemplar city. The IANA name stays what is stored and what `import` reads; the picker shows
it as a detail, and finds a zone by either.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import babel.core
from babel import Locale
from babel.dates import get_timezone, get_timezone_location, get_timezone_name

from app.core.common.text import fold as fold_text
from app.core.instances.timezones import (
    DEFAULT_TIMEZONE,
    all_zones,
    brazilian_zones,
    zones_for_picker,
)
from app.i18n import current_locale


def zone_label(zone: str) -> str:
    """`America/Manaus` → "Horário do Amazonas (Manaus)"; a zone CLDR places nowhere (`UTC`,
    `Etc/GMT+3`) or does not know keeps its IANA name."""
    return zone_labels((zone,))[zone]


def zone_labels(zones: Iterable[str]) -> dict[str, str]:
    """Several zones' labels at once (Início's rows): Babel's global data is read once."""
    locale = current_locale()
    try:
        return {zone: _label(zone, locale) for zone in zones}
    finally:
        forget_global_data()


def forget_global_data() -> None:
    """Babel reads its global CLDR data (zone aliases, meta zones, territories, ~2 MiB of
    objects) on first use and keeps it for the process's life. The window needs it only
    while zone names are worked out (dates and numbers use the pt_BR data, loaded
    separately), and the names are cached here: drop it after each batch, and Babel reads
    it again when asked (`babel.core.get_global`). bench/memory.py: −1.6 MiB on every page."""
    if getattr(babel.core, "_global_data", None) is not None:
        babel.core._global_data = None


@cache
def _label(zone: str, locale: str) -> str:
    try:
        tz = get_timezone(zone)
    except LookupError:
        return zone
    name = get_timezone_name(tz, "long", zone_variant="generic", locale=locale)
    unknown = Locale.parse(locale).territories.get("ZZ", "")
    if unknown and unknown in name:
        return zone
    city = get_timezone_location(tz, locale=locale, return_city=True)
    if "/" in city:  # an alias CLDR has no city for: "Argentina/Buenos Aires"
        city = city.rsplit("/", 1)[-1]
    city = city.replace("_", " ")
    if "(" in name:  # CLDR's fallback already names a place: "Horário Argentina (…)"
        name = name.split(" (", 1)[0]
    return f"{name} ({city})" if city and city not in name else name


def fold(text: str) -> str:
    """Case, accents and underscores set aside: "sao paulo" finds "São Paulo" and
    `America/Sao_Paulo`."""
    return fold_text(text.replace("_", " "))


def search_key(zone: str) -> str:
    """What the picker's search matches (Qt compares ignoring case, not accents): the name
    and the IANA name as written, then folded."""
    text = f"{zone_label(zone)} {zone}"
    return f"{text} {fold(text)}"


def zone_choices() -> list[tuple[str, str]]:
    """(IANA name, label) for the picker: the Brazilian zones first — São Paulo, the other
    cities on Brasília time, then the other Brazilian times — then every other zone, each
    group in the order of its labels, the zones known only by their IANA name last."""
    return list(_choices_now())


def _choices_now() -> tuple[tuple[str, str], ...]:
    try:
        return _choices(current_locale())
    finally:
        forget_global_data()


@cache
def _choices(locale: str) -> tuple[tuple[str, str], ...]:
    brazil = set(brazilian_zones())
    main_name = get_timezone_name(
        get_timezone(DEFAULT_TIMEZONE), "long", zone_variant="generic", locale=locale
    )

    def order(zone: str) -> tuple:
        label = _label(zone, locale)
        return (
            zone not in brazil,
            zone != DEFAULT_TIMEZONE,
            not label.startswith(main_name),
            label == zone,  # the few CLDR does not name (UTC, a new zone) after the named
            fold(label),
            zone,
        )

    return tuple((zone, _label(zone, locale)) for zone in sorted(zones_for_picker(), key=order))


def zone_from_text(text: str) -> str:
    """What the user typed or picked → the IANA name: a label ("Horário do Acre (Rio
    Branco)"), an IANA name in any case (`america/manaus`), or the text as typed (the
    validation then says it is unknown)."""
    text = " ".join((text or "").split())
    if text in all_zones():
        return text
    wanted = text.casefold()
    for zone, label in _choices_now():
        if wanted in (label.casefold(), zone.casefold()):
            return zone
    return text
