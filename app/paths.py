"""Where the app finds its bundled files and keeps the user's data (no Qt here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Atende"
_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent


def _bundled(name: str) -> Path:
    """`name` inside the installed package (wheel, PyInstaller) or the source checkout."""
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _SOURCE_ROOT / name


def resources_dir() -> Path:
    return _bundled("resources")


def translations_dir() -> Path:
    return _bundled("translations")


def data_dir() -> Path:
    """The platform's application data folder for Atende (created on demand by callers)."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "atende"


def default_db_path() -> Path:
    return data_dir() / "atende.sqlite3"


def resolve_db_path(cli_value: str | None) -> Path:
    """`--db` wins over `ATENDE_DB`, which wins over the platform default."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("ATENDE_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()
