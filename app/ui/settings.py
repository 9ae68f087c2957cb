"""The user's desktop preferences, kept in QSettings (the platform's settings store).

These are choices about this computer, not about an instance, so they never go to the
database or the config file. The Preferências dialog that edits them is app.ui.dialogs.preferences.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.ui import theme

LAST_SYSTEM_SCHEME_KEY = "appearance/last_system_scheme"
TRAY_NOTICE_KEY = "notices/tray_hidden"
NO_TRAY_NOTICE_KEY = "notices/no_tray_hidden"


class Preferences:
    """Typed access to the QSettings keys Atende uses."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings()

    def _flag(self, key: str) -> bool:
        return str(self.settings.value(key, "false")).lower() in ("true", "1")

    @property
    def theme(self) -> str:
        value = str(self.settings.value(theme.SETTING_KEY, theme.SYSTEM))
        return value if value in (theme.SYSTEM, theme.LIGHT, theme.DARK) else theme.SYSTEM

    @theme.setter
    def theme(self, value: str) -> None:
        self.settings.setValue(theme.SETTING_KEY, value)

    @property
    def last_system_scheme(self) -> str | None:
        """The desktop's scheme as Atende saw it last ("light"/"dark"), for the first frame."""
        value = self.settings.value(LAST_SYSTEM_SCHEME_KEY)
        return value if value in (theme.LIGHT, theme.DARK) else None

    @last_system_scheme.setter
    def last_system_scheme(self, value: str) -> None:
        self.settings.setValue(LAST_SYSTEM_SCHEME_KEY, value)

    @property
    def tray_notice_hidden(self) -> bool:
        return self._flag(TRAY_NOTICE_KEY)

    @tray_notice_hidden.setter
    def tray_notice_hidden(self, value: bool) -> None:
        self.settings.setValue(TRAY_NOTICE_KEY, bool(value))

    @property
    def no_tray_notice_hidden(self) -> bool:
        return self._flag(NO_TRAY_NOTICE_KEY)

    @no_tray_notice_hidden.setter
    def no_tray_notice_hidden(self, value: bool) -> None:
        self.settings.setValue(NO_TRAY_NOTICE_KEY, bool(value))

    def show_notices_again(self) -> None:
        self.tray_notice_hidden = False
        self.no_tray_notice_hidden = False
