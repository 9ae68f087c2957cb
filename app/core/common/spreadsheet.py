"""Cells of CSV files made to open in a spreadsheet, safe from formula injection.

Excel and LibreOffice run a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula: a template's content "=HYPERLINK(…)" would run on the
desk that opens the export. OWASP's advice is a leading `'`, which the spreadsheet shows
as text. Import takes that one `'` away again, so export → import gives the same text.
"""

from __future__ import annotations

import re

# What a spreadsheet may take for a formula, after any number of protecting quotes: a text
# that already starts with `'=` gets one more `'`, so removing one on import is exact.
_FORMULA = re.compile("'*[=+\\-@\t\r]")


def protect_cell(text: str) -> str:
    """The cell as exported: a leading `'` when a spreadsheet could run it as a formula."""
    return "'" + text if _FORMULA.match(text) else text


def unprotect_cell(text: str) -> str:
    """The cell as imported: the `'` that `protect_cell` added, removed."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text
