"""app.ui keeps PySide's import hook from leaving every later module's source in linecache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = (
    "import linecache, PySide6\n"
    "{first}"
    "import calendar\n"
    "print(calendar.__file__ in linecache.cache)\n"
)


def run(first: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CODE.format(first=first)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_hook_still_reads_sources_and_app_ui_forgets_them():
    assert run("") == "True"  # PySide's hook: if it stops caching, the wrapper can go
    assert run("import app.ui\n") == "False"
