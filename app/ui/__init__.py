"""The PySide6 UI, through `app.core`: the shell here; pages/, widgets/, dialogs/, services/.

Importing it also keeps PySide's import hook from holding sources in memory: for every
module imported after PySide6, the hook reads the module's whole source through
`inspect.getsource` to see whether it mentions PySide6, and `linecache` kept every one of
those files for the life of the process — 10 MiB of source lines in the app, a fifth of
what it adds to a bare window (bench/memory.py). The answer is kept; the lines are not.
"""

from __future__ import annotations

import linecache
import sys

import PySide6  # noqa: F401 - installs the hook wrapped below


def _forget_checked_sources() -> None:
    feature = sys.modules.get("PySide6.support.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "forgets_sources", False):
        return

    def uses_pyside(module) -> bool:
        try:
            return check(module)
        finally:
            linecache.cache.pop(getattr(module, "__file__", None), None)

    uses_pyside.forgets_sources = True
    feature._mod_uses_pyside = uses_pyside


_forget_checked_sources()
