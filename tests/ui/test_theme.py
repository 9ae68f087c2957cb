"""Light and dark themes: the choice, the system's scheme, the style sheet template."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QRadioButton

from app.paths import resources_dir
from app.ui import theme
from app.ui.dialogs.preferences import Preferences, PreferencesDialog
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
    assert theme.resolve(theme.SYSTEM, theme.DARK) == theme.DARK
    assert theme.resolve(theme.SYSTEM, theme.LIGHT) == theme.LIGHT
    assert theme.resolve(theme.LIGHT, theme.DARK) == theme.LIGHT
    assert theme.resolve(theme.DARK, theme.LIGHT) == theme.DARK


def test_system_scheme_reads_the_desktop(monkeypatch):
    class Hints:
        def __init__(self, scheme):
            self.scheme = scheme

        def colorScheme(self):  # noqa: N802
            return self.scheme

    for scheme, expected in (
        (Qt.ColorScheme.Dark, theme.DARK),
        (Qt.ColorScheme.Light, theme.LIGHT),
        (Qt.ColorScheme.Unknown, theme.LIGHT),
    ):
        monkeypatch.setattr(theme.QGuiApplication, "styleHints", lambda s=scheme: Hints(s))
        assert theme.system_scheme() == expected


def test_the_first_frame_trusts_the_scheme_seen_last_time_then_follows_the_desktop(
    context, monkeypatch
):
    asked = []

    def desktop():
        asked.append(True)
        return theme.LIGHT

    monkeypatch.setattr(theme, "system_scheme", desktop)
    app = QApplication.instance()
    before = theme.theme_manager(app)
    manager = theme.ThemeManager(app, theme.SYSTEM, last_system=theme.DARK)
    try:
        assert manager.colors == theme.DARK_COLORS and asked == []
        manager.follow_system()  # after the first frame: the desktop is light now
        assert asked == [True] and manager.current == theme.LIGHT
        assert manager.colors == theme.LIGHT_COLORS
        manager.apply()
        assert window_color() == theme.LIGHT_COLORS.window
    finally:  # the shared application gets its own manager and look back
        manager.deleteLater()
        if before is not None:
            theme._managers[app] = before
            before.current = None
            before.apply()


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
    monkeypatch.setattr("app.core.desktop.autostart.supported", lambda platform=None: True)
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
    scheme = {"now": theme.LIGHT}
    monkeypatch.setattr(theme, "system_scheme", lambda: scheme["now"])
    manager.set_choice(theme.SYSTEM)
    manager.follow_system()
    assert window_color() == theme.LIGHT_COLORS.window
    scheme["now"] = theme.DARK
    manager.follow_system()  # what colorSchemeChanged triggers
    assert window_color() == theme.DARK_COLORS.window
    manager.set_choice(theme.LIGHT)  # a forced choice ignores the desktop
    assert window_color() == theme.LIGHT_COLORS.window
