"""Light and dark themes: Qt's Fusion style, a palette, and the style sheet template.

`resources/style.qss` names colors as `@token`; the token values come from one of the two
`ThemeColors` below, so a rule is written once for both themes. The user's choice
(Sistema / Claro / Escuro) is kept in QSettings; "Sistema" follows Qt's color scheme and
changes live when the desktop switches (`QStyleHints.colorSchemeChanged`).
"""

from __future__ import annotations

import re
import weakref
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from app.i18n import N_
from app.paths import resources_dir

SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = ((SYSTEM, N_("System")), (LIGHT, N_("Light")), (DARK, N_("Dark")))
SETTING_KEY = "appearance/theme"


class ThemeColors(NamedTuple):
    window: str  # page background
    surface: str  # cards, sidebar, inputs, tables
    surface_alt: str  # alternate rows, subtle fills
    hover: str
    border: str
    border_strong: str  # inputs and buttons
    text: str
    text_muted: str
    text_faint: str
    accent: str  # primary buttons, switches, focus
    accent_hover: str
    accent_text: str  # accent-colored text on the surface (links, selected page)
    accent_soft: str  # selected page in the sidebar
    selection: str  # selected table row
    on_accent: str  # text on an accent background
    accent_disabled: str
    danger: str
    danger_soft: str
    warning: str
    notice_bg: str
    notice_border: str
    notice_text: str
    success: str
    success_soft: str
    disabled_text: str
    disabled_bg: str
    switch_off: str
    chat_bg: str  # the WhatsApp-like preview of a message
    bubble: str
    bubble_text: str
    bubble_time: str


LIGHT_COLORS = ThemeColors(
    window="#f6f7f9",
    surface="#ffffff",
    surface_alt="#fafbfc",
    hover="#f1f3f5",
    border="#e3e6ea",
    border_strong="#cfd5dc",
    text="#1f2933",
    text_muted="#4b5563",
    text_faint="#6b7280",
    accent="#128c7e",
    accent_hover="#0f7a6e",
    accent_text="#0b6e63",
    accent_soft="#e3f4f1",
    selection="#d7efeb",
    on_accent="#ffffff",
    accent_disabled="#a7d3cd",
    danger="#b42318",
    danger_soft="#fef3f2",
    warning="#9a5b00",
    notice_bg="#fff8e6",
    notice_border="#f3d38a",
    notice_text="#6b4e00",
    success="#067647",
    success_soft="#ecfdf3",
    disabled_text="#9aa3ad",
    disabled_bg="#f3f4f6",
    switch_off="#b8c0c9",
    chat_bg="#efeae2",
    bubble="#d9fdd3",
    bubble_text="#111b21",
    bubble_time="#667781",
)

DARK_COLORS = ThemeColors(
    window="#14181d",
    surface="#1d232a",
    surface_alt="#212830",
    hover="#262e37",
    border="#2d353f",
    border_strong="#3b4651",
    text="#e6e9ed",
    text_muted="#aab3bd",
    text_faint="#86909b",
    accent="#14917f",
    accent_hover="#17a591",
    accent_text="#5fd3c0",
    accent_soft="#16332f",
    selection="#1c4540",
    on_accent="#ffffff",
    accent_disabled="#24413d",
    danger="#f97066",
    danger_soft="#3a1d1b",
    warning="#f0b44c",
    notice_bg="#2b2416",
    notice_border="#5e4a1c",
    notice_text="#f1d28f",
    success="#47cd89",
    success_soft="#143324",
    disabled_text="#5f6a76",
    disabled_bg="#1a1f25",
    switch_off="#4a5561",
    chat_bg="#0b141a",
    bubble="#005c4b",
    bubble_text="#e9edef",
    bubble_time="#8ea39c",
)

TOKEN = re.compile(r"@([a-z_]+)")


def colors_for(scheme: str) -> ThemeColors:
    return DARK_COLORS if scheme == DARK else LIGHT_COLORS


def resolve(choice: str, system: str) -> str:
    """The theme actually shown: the user's choice, or the desktop's (`system`, "light" or
    "dark") when it is "Sistema"."""
    if choice in (LIGHT, DARK):
        return choice
    return DARK if system == DARK else LIGHT


def render_style_sheet(template: str, colors: ThemeColors) -> str:
    """Fill the `@token` colors of the style sheet template; an unknown token is a bug."""
    values = colors._asdict()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"style.qss uses an unknown color @{name}")
        return values[name]

    return TOKEN.sub(fill, template)


def build_palette(c: ThemeColors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.surface),
        (role.AlternateBase, c.surface_alt),
        (role.Text, c.text),
        (role.Button, c.surface),
        (role.ButtonText, c.text),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.on_accent),
        (role.Link, c.accent_text),
        (role.LinkVisited, c.accent_text),
        (role.PlaceholderText, c.text_faint),
        (role.ToolTipBase, c.surface),
        (role.ToolTipText, c.text),
        (role.BrightText, c.danger),
        (role.Light, c.surface),
        (role.Midlight, c.border),
        (role.Mid, c.switch_off),
        (role.Dark, c.border_strong),
        (role.Shadow, c.border_strong),
    ):
        p.setColor(r, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c.disabled_text))
    p.setColor(disabled, role.Base, QColor(c.disabled_bg))
    p.setColor(disabled, role.Button, QColor(c.disabled_bg))
    p.setColor(disabled, role.Highlight, QColor(c.accent_disabled))
    return p


def system_scheme() -> str:
    """The desktop's color scheme: DARK, or LIGHT (also when it does not say).

    Reading it makes PySide create the Python side of Qt's `Qt` namespace (about a hundred
    enums, ≈ 11 ms), so the window's first frame uses the scheme seen last time instead
    (ThemeManager's `last_system`) and asks the desktop right after (`follow_system`).
    """
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


class ThemeManager(QObject):
    """Applies the chosen theme to the application and follows the desktop's scheme."""

    changed = Signal(str)  # "light" | "dark", after the application was restyled
    system_seen = Signal(str)  # the desktop's scheme, each time it is asked (to remember)

    def __init__(
        self,
        app: QApplication,
        choice: str = SYSTEM,
        fusion: bool = False,
        last_system: str | None = None,
    ) -> None:
        """`fusion=True`: the application was created with `-style Fusion` already (see
        app.ui.app.create_application), which spares start-up the Python wrapper of QStyle
        and its hundreds of enum members. `last_system`: the desktop's scheme as seen the
        last time, trusted until `follow_system()` asks again (None: ask when needed)."""
        super().__init__(app)
        self.app = app
        self._fusion = fusion
        _managers[app] = self
        self.choice = choice if choice in (SYSTEM, LIGHT, DARK) else SYSTEM
        self.current: str | None = None
        self._system = last_system if last_system in (LIGHT, DARK) else None
        self._template = _read_template()
        hints = QGuiApplication.styleHints()
        if hints is not None:
            # Deferred: the desktop may send several changes in a row; restyle once.
            hints.colorSchemeChanged.connect(lambda *_: QTimer.singleShot(0, self.follow_system))

    @property
    def system(self) -> str:
        """The desktop's scheme (asked once, then kept until `follow_system`)."""
        if self._system is None:
            self._system = system_scheme()
        return self._system

    def follow_system(self) -> None:
        """Ask the desktop for its scheme again; restyle when "Sistema" now means another."""
        self._system = system_scheme()
        self.system_seen.emit(self._system)
        self.apply()

    def _scheme(self) -> str:
        return self.choice if self.choice in (LIGHT, DARK) else resolve(self.choice, self.system)

    @property
    def colors(self) -> ThemeColors:
        return colors_for(self.current or self._scheme())

    def set_choice(self, choice: str) -> None:
        self.choice = choice if choice in (SYSTEM, LIGHT, DARK) else SYSTEM
        self.apply()

    def apply(self) -> None:
        scheme = self._scheme()
        if scheme == self.current:
            return
        colors = colors_for(scheme)
        if not self._fusion:  # once: the palette and the style sheet do the rest
            self.app.setStyle(QStyleFactory.create("Fusion"))
            self._fusion = True
        self.app.setPalette(build_palette(colors))
        self.app.setStyleSheet(render_style_sheet(self._template, colors))
        self.current = scheme
        self.changed.emit(scheme)


def _read_template() -> str:
    qss = resources_dir() / "style.qss"
    return qss.read_text("utf-8") if qss.is_file() else ""


# Each application's ThemeManager, looked up here rather than with findChild: that walks
# the application's children through Python wrappers, its QStyle's included (costly).
_managers: weakref.WeakKeyDictionary[QApplication, ThemeManager] = weakref.WeakKeyDictionary()


def theme_manager(app: QApplication | None = None) -> ThemeManager | None:
    """The application's ThemeManager (it lives as a child of the QApplication)."""
    app = app or QApplication.instance()
    return _managers.get(app) if app is not None else None


def current_colors() -> ThemeColors:
    """The colors on screen now, for widgets that paint themselves (read at paint time)."""
    manager = theme_manager()
    return manager.colors if manager is not None else LIGHT_COLORS
