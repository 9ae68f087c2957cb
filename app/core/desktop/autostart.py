"""“Iniciar com o sistema” on Linux: an XDG autostart entry (no Qt here).

The desktop session runs every `~/.config/autostart/*.desktop` at login (XDG Autostart
specification). The entry starts Atende minimized to the tray, so the watcher keeps closing
inactive attendances without a window popping up. Windows and macOS are documented in the
README (a shortcut in the Startup folder; Login Items).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENTRY_NAME = "atende.desktop"
MINIMIZED_FLAG = "--minimized"


def supported(platform: str | None = None) -> bool:
    """XDG autostart exists on Linux and the BSDs, not on Windows or macOS."""
    platform = platform or sys.platform
    return not (platform.startswith("win") or platform == "darwin")


def autostart_path(config_home: Path | None = None) -> Path:
    """`$XDG_CONFIG_HOME/autostart/atende.desktop` (default `~/.config`)."""
    if config_home is None:
        env = os.environ.get("XDG_CONFIG_HOME")
        config_home = Path(env) if env else Path.home() / ".config"
    return config_home / "autostart" / ENTRY_NAME


def launch_command(db_path: Path | None = None) -> list[str]:
    """How to start this very installation: the frozen executable, or Python with `-m app`."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "app"]
    if db_path is not None:
        command += ["--db", str(Path(db_path).resolve())]
    return command + [MINIMIZED_FLAG]


def desktop_entry(command: list[str]) -> str:
    # The Exec key quotes like a shell, and a literal `%` must be doubled.
    import shlex

    exec_line = " ".join(shlex.quote(part) for part in command).replace("%", "%%")
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Atende\n"
        "Comment=Encerra atendimentos inativos em segundo plano\n"
        f"Exec={exec_line}\n"
        "Icon=atende\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def is_enabled(path: Path) -> bool:
    return path.is_file()


def enable(path: Path, command: list[str]) -> None:
    """Write the entry atomically (a half-written file would be a broken login item)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(desktop_entry(command), "utf-8")
    os.replace(tmp, path)


def disable(path: Path) -> None:
    path.unlink(missing_ok=True)
