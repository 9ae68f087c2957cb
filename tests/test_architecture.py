"""The walls of STYLE.md: app/core and the CLI never import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_sources_do_not_mention_qt():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app" / "core").rglob("*.py")
        if "PySide6" in p.read_text("utf-8") or "shiboken6" in p.read_text("utf-8")
    ]
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt():
    modules = sorted(
        "app.core." + ".".join(p.relative_to(ROOT / "app" / "core").with_suffix("").parts)
        for p in (ROOT / "app" / "core").rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import app.cli\n"
        "app.cli.build_parser()\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
