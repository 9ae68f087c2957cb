"""Hatch build hook: compile the gettext catalogs (.po → .mo) into the wheel.

The `.mo` files are build products (not in git); a non-editable `pip install .` must still
find them, so they are compiled here and placed under `app/translations/`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out = Path(tempfile.mkdtemp(prefix="atende-mo-"))
        for po in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
            locale = po.parent.parent.name
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=locale)
            mo = out / locale / po.with_suffix(".mo").name
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as fh:
                write_mo(fh, catalog)
            target = f"app/translations/{locale}/LC_MESSAGES/{mo.name}"
            build_data.setdefault("force_include", {})[str(mo)] = target
