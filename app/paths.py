"""Where the app finds its bundled files and keeps the user's data (no Qt here)."""

from __future__ import annotations

import os
import re
import stat
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


DATABASE_URL_ENV = "ATENDE_DATABASE_URL"


def database_choice_path() -> Path:
    """Where Arquivo → Banco de dados… keeps this computer's choice (it may hold a password,
    so it is written readable by its owner only)."""
    return data_dir() / "database.json"


def saved_database_choice() -> str | None:
    """The file path or postgresql:// URL chosen in the window, or None (the default file)."""
    try:
        text = _read_small_regular(database_choice_path()).decode("utf-8")
    except (OSError, ValueError):
        return None
    import json  # only when a choice was saved: most starts never need it

    try:
        data = json.loads(text)
    except ValueError:
        return None
    value = data.get("database") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def save_database_choice(value: str | None) -> None:
    """Remember `value` (a file path or a URL) for the next start; None forgets it."""
    target = database_choice_path()
    if value is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    import json  # only when a choice is saved, like tempfile: most starts never save
    import tempfile

    # A new file (mode 0600) renamed over the old one: a link planted at database.json is
    # replaced, never followed, and a crash leaves the old choice whole.
    fd, tmp = tempfile.mkstemp(prefix=".database.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"database": value}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_CHOICE_MAX_BYTES = 64 * 1024


def _read_small_regular(path: Path) -> bytes:
    """The bytes of a small regular file, opened without following a link (OSError else)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _CHOICE_MAX_BYTES:
            raise OSError(f"{path} is not a small regular file")
        return os.read(fd, _CHOICE_MAX_BYTES)
    finally:
        os.close(fd)


def resolve_db_path(cli_value: str | None) -> Path | str:
    """Where the database is: a file Path, or a `postgresql://` URL (a str).

    `--db` (a path or a URL) wins over `ATENDE_DATABASE_URL`, then `ATENDE_DB`, then the
    choice saved in the window (Arquivo → Banco de dados…), then the platform default file.
    """
    for value in (
        cli_value,
        os.environ.get(DATABASE_URL_ENV),
        os.environ.get("ATENDE_DB"),
        saved_database_choice(),
    ):
        if value and value.strip():
            return _location(value.strip())
    return default_db_path()


DATABASE_URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(value: object) -> bool:
    """A `postgresql://` URL (team mode) rather than a file path."""
    return isinstance(value, str) and value.strip().lower().startswith(DATABASE_URL_SCHEMES)


def normalized_url(url: str) -> str:
    """`url` with its scheme written `postgresql://`: `postgres://` and capitals mean the
    same, and libpq otherwise took such a URL for a database name and ignored its user,
    host and port. (Here, not in the storage wing: the lock files name a server by it before
    the window's first frame, without loading Peewee.)"""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in ("postgresql", "postgres"):
        return "postgresql://" + rest
    return url


def _location(value: str) -> Path | str:
    if is_database_url(value):
        return value
    return Path(value).expanduser()


def masked(location: Path | str | None) -> str:
    """The location for messages and the window: a URL's password becomes `***`."""
    if location is None:
        return ""
    if not is_database_url(location):
        return str(location)
    return mask_secrets(str(location).strip())


# `scheme://user:password@host…` (the password may hold a raw `@`: the last one ends it) and
# `password=…` as a URL parameter or in a libpq key=value string.
_URL_AUTHORITY = re.compile(r"(?i)\b(postgres(?:ql)?://)([^/?#\s]*)")
_PASSWORD_PARAMETER = re.compile(
    r"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^&#\s'\"]+)"
)


def mask_secrets(text: str) -> str:
    """`text` with every PostgreSQL password in it replaced by `***` (URLs, parameters)."""
    text = _URL_AUTHORITY.sub(_mask_authority, text)
    return _PASSWORD_PARAMETER.sub(lambda m: m.group(1) + "***", text)


def _mask_authority(match: re.Match[str]) -> str:
    userinfo, at, host = match.group(2).rpartition("@")
    if not at or ":" not in userinfo:
        return match.group(0)
    user = userinfo.split(":", 1)[0]
    return f"{match.group(1)}{user}:***@{host}"
