"""A time of day as Brazilians type it, read into the config file's "HH:MM" (no Qt).

"8", "08", "8h", "18 h", "18hs", "8h30", "8h30min", "8:30", "08:30", "830" and "0830" all
mean what they say; anything else (an hour past 24, minutes past 59, "8h5", letters) reads
as None: the field keeps the text as typed, so the agenda's validation names it under the
field instead of a guess.
"""

from __future__ import annotations

import re

_HOUR = r"(?P<hours>\d{1,2})"
_FORMS = (
    re.compile(_HOUR + r"(?:\s*(?:h|hs|hrs))?"),  # 8, 08, 8h, 18 h, 18hs
    re.compile(_HOUR + r"\s*(?::|h)\s*(?P<minutes>\d{2})(?:\s*min)?"),  # 8h30, 8:30, 8h30min
    re.compile(r"(?P<hours>\d{1,2})(?P<minutes>\d{2})"),  # 830, 0830, 1830
)
# What may still become one of the forms while it is being typed (the field's keystrokes).
TYPABLE = re.compile(r"[0-9:hHsSrRmMiInN ]{0,10}")


def read_typed_time(text: str) -> str | None:
    """The typed time as "HH:MM" ("24:00" included: only an end may use it), or None."""
    cleaned = " ".join(text.split()).lower()
    for form in _FORMS:
        match = form.fullmatch(cleaned)
        if match is None:
            continue
        hours = int(match.group("hours"))
        minutes = int(match.groupdict().get("minutes") or 0)
        if hours > 24 or minutes > 59 or (hours == 24 and minutes):
            return None
        return f"{hours:02d}:{minutes:02d}"
    return None
