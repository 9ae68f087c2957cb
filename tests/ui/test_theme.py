"""Light and dark themes: the choice, the system's scheme, the style sheet template."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QRadioButton

from app.paths import resources_dir
from app.ui import theme
from app.ui.preferences import Preferences, PreferencesDialog
from app.ui.widgets.switch import Switch
from tests.ui.conftest import find


@pytest.fixture
def manager(context):
    manager = theme.theme_manager()
    yield manager
    manager.set_choice(theme.LIGHT)


def window_color() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def test_resolve_follows_the_system_only_for_system():
    dark, light = Qt.ColorScheme.Dark, Qt.ColorScheme.Light
    assert theme.resolve(theme.SYSTEM, dark) == theme.DARK
    assert theme.resolve(theme.SYSTEM, light) == theme.LIGHT
    assert theme.resolve(theme.SYSTEM, Qt.ColorScheme.Unknown) == theme.LIGHT
    assert theme.resolve(theme.LIGHT, dark) == theme.LIGHT
    assert theme.resolve(theme.DARK, light) == theme.DARK


def test_every_token_of_the_style_sheet_exists_in_both_themes():
    template = (resources_dir() / "style.qss").read_text("utf-8")
    for colors in (theme.LIGHT_COLORS, theme.DARK_COLORS):
        qss = theme.render_style_sheet(template, colors)
        assert "@" not in qss
    assert "#14181d" in theme.render_style_sheet(template, theme.DARK_COLORS)


def test_an_unknown_token_is_refused():
    with pytest.raises(KeyError, match="@nope"):
        theme.render_style_sheet("QWidget { color: @nope; }", theme.LIGHT_COLORS)


def test_choosing_dark_restyles_the_application(qtbot, manager):
    manager.set_choice(theme.LIGHT)
    assert window_color() == theme.LIGHT_COLORS.window
    with qtbot.waitSignal(manager.changed) as signal:
        manager.set_choice(theme.DARK)
    assert signal.args == [theme.DARK]
    assert window_color() == theme.DARK_COLORS.window
    assert theme.DARK_COLORS.surface in QApplication.instance().styleSheet()


def test_preferences_dialog_applies_and_remembers_the_theme(qtbot, manager, tmp_path):
    manager.set_choice(theme.LIGHT)
    dialog = PreferencesDialog(autostart_file=tmp_path / "autostart" / "atende.desktop")
    qtbot.addWidget(dialog)
    find(dialog, "Tema: Escuro", QRadioButton).click()
    assert window_color() == theme.DARK_COLORS.window
    assert Preferences(QSettings()).theme == theme.DARK
    find(dialog, "Tema: Claro", QRadioButton).click()
    assert window_color() == theme.LIGHT_COLORS.window
    assert Preferences().theme == theme.LIGHT


def test_a_stored_garbage_theme_falls_back_to_system():
    prefs = Preferences()
    prefs.settings.setValue(theme.SETTING_KEY, "purple")
    assert prefs.theme == theme.SYSTEM


def test_preferences_dialog_switches_start_with_the_system(qtbot, context, tmp_path, monkeypatch):
    monkeypatch.setattr("app.core.autostart.supported", lambda platform=None: True)
    entry = tmp_path / "autostart" / "atende.desktop"
    dialog = PreferencesDialog(db_path=tmp_path / "x.sqlite3", autostart_file=entry)
    qtbot.addWidget(dialog)
    switch = find(dialog, "Iniciar com o sistema", Switch)
    assert not switch.isChecked()
    switch.click()
    assert entry.is_file() and "--minimized" in entry.read_text("utf-8")
    assert str(tmp_path / "x.sqlite3") in entry.read_text("utf-8")
    switch.click()
    assert not entry.exists()


def test_system_choice_follows_the_desktop_when_it_switches(qtbot, manager, monkeypatch):
    scheme = {"now": Qt.ColorScheme.Light}
    monkeypatch.setattr(theme, "system_scheme", lambda: scheme["now"])
    manager.set_choice(theme.SYSTEM)
    assert window_color() == theme.LIGHT_COLORS.window
    scheme["now"] = Qt.ColorScheme.Dark
    manager.apply()  # what colorSchemeChanged triggers
    assert window_color() == theme.DARK_COLORS.window
    manager.set_choice(theme.LIGHT)  # a forced choice ignores the desktop
    assert window_color() == theme.LIGHT_COLORS.window
