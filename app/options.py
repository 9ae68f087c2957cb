"""The global options of `atende`, declared once: argparse (app.cli) and the fast path of a
plain window launch (app.__main__.window_options) both read this table.

A leaf: it imports only the N_ marker, so the window's start-up can read it for free.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import N_


@dataclass(frozen=True)
class GlobalOption:
    name: str  # the attribute on the parsed namespace; the flag is `--name`
    takes_value: bool  # `--db PATH` takes one; `--demo` is a switch
    help: str  # N_()-marked, translated when the parser is built
    metavar: str | None = None  # N_()-marked


GLOBAL_OPTIONS = (
    GlobalOption(
        "db",
        True,
        N_(
            "database file, or postgresql:// URL of a shared server (wins over "
            "ATENDE_DATABASE_URL and ATENDE_DB; default: the application data folder)"
        ),
        N_("PATH"),
    ),
    GlobalOption(
        "demo",
        False,
        N_("fill an empty database with example instances before opening the window"),
    ),
    GlobalOption(
        "minimized",
        False,
        N_(
            "start in the system tray, or minimized without one (used when Atende "
            "starts with the system)"
        ),
    ),
)
