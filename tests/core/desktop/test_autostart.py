"""“Iniciar com o sistema”: the XDG autostart entry, written and removed at a given path."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from app.core.desktop import autostart


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_path_follows_xdg_config_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert autostart.autostart_path() == tmp_path / "cfg" / "autostart" / "atende.desktop"
    assert autostart.autostart_path(tmp_path) == tmp_path / "autostart" / "atende.desktop"


def test_enable_writes_an_entry_that_starts_minimized_and_disable_removes_it(tmp_path):
    path = autostart.autostart_path(tmp_path)
    assert not autostart.is_enabled(path)
    command = autostart.launch_command(Path("/home/ana/Meus dados/atende.sqlite3"))
    autostart.enable(path, command)
    assert autostart.is_enabled(path)
    entry = read_entry(path)
    assert entry["Type"] == "Application" and entry["Name"] == "Atende"
    argv = shlex.split(entry["Exec"])
    assert argv[-1] == "--minimized"
    assert argv[argv.index("--db") + 1] == "/home/ana/Meus dados/atende.sqlite3"
    assert [p.name for p in path.parent.iterdir()] == ["atende.desktop"]  # no temp left
    autostart.disable(path)
    assert not path.exists()
    autostart.disable(path)  # already off: nothing to do, no error


def test_percent_signs_are_escaped_in_exec():
    entry = autostart.desktop_entry(["/opt/100%/atende", "--minimized"])
    assert "Exec=/opt/100%%/atende --minimized" in entry


def test_without_a_database_option_the_default_is_used():
    command = autostart.launch_command(None)
    assert "--db" not in command and command[-1] == "--minimized"


def test_supported_only_where_xdg_autostart_exists():
    assert autostart.supported("linux")
    assert not autostart.supported("win32")
    assert not autostart.supported("darwin")


def test_the_command_line_accepts_what_the_entry_runs():
    from app.cli import build_parser

    command = autostart.launch_command(Path("/tmp/x.sqlite3"))
    args = build_parser().parse_args(command[command.index("--db") :])
    assert args.minimized is True and args.db == "/tmp/x.sqlite3" and args.command is None
