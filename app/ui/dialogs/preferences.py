"""The user's desktop preferences (QSettings) and the Preferências dialog.

These are choices about this computer, not about an instance, so they live in QSettings
(the platform's settings store), never in the database or the config file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.files import os_error_text
from app.core.desktop import autostart
from app.i18n import _
from app.paths import default_db_path
from app.ui import theme
from app.ui.accessibility import name_buttons
from app.ui.settings import Preferences
from app.ui.widgets.hint import hint_label
from app.ui.widgets.switch import SwitchRow


class PreferencesDialog(QDialog):
    """Aparência (Sistema / Claro / Escuro, applied at once) and Iniciar com o sistema."""

    def __init__(
        self,
        db_path: Path | None = None,
        autostart_file: Path | None = None,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.preferences = preferences or Preferences()
        self.db_path = db_path
        self.autostart_file = autostart_file or autostart.autostart_path()
        self.setWindowTitle(_("Preferences"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)

        layout.addWidget(QLabel(_("Appearance"), objectName="cardTitle"))
        row = QHBoxLayout()
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        for key, label in theme.CHOICES:
            button = QRadioButton(_(label))
            button.setAccessibleName(_("Theme: {name}").format(name=_(label)))
            button.setChecked(key == self.preferences.theme)
            button.toggled.connect(lambda on, key=key: on and self.choose_theme(key))
            self.theme_group.addButton(button)
            self.theme_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(
            _("“System” follows the light or dark mode of your desktop."), objectName="hint"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        layout.addSpacing(8)
        layout.addWidget(QLabel(_("Start-up"), objectName="cardTitle"))
        row = SwitchRow(_("Start with the system"))
        self.autostart_switch = row.switch
        layout.addLayout(row)
        self.autostart_hint = hint_label()
        layout.addWidget(self.autostart_hint)
        if autostart.supported():
            self.autostart_switch.setChecked(autostart.is_enabled(self.autostart_file))
            self.autostart_switch.toggled.connect(self.set_autostart)
            self.autostart_hint.setText(
                _(
                    "Atende opens minimized in the system tray when you log in, so inactive "
                    "attendances keep being closed."
                )
            )
        else:
            self.autostart_switch.setEnabled(False)
            self.autostart_hint.setText(
                _(
                    "On this system, add Atende to the programs that start at login: see "
                    "“Start with the system” in the README."
                )
            )

        layout.addSpacing(8)
        layout.addWidget(QLabel(_("Notices"), objectName="cardTitle"))
        row = QHBoxLayout()
        self.notices_button = self._reset_button()
        row.addWidget(self.notices_button)
        row.addStretch(1)
        layout.addLayout(row)

        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _reset_button(self) -> QPushButton:
        button = QPushButton(_("Show hidden notices again"))
        button.setAccessibleName(_("Show hidden notices again"))
        button.clicked.connect(self.show_notices_again)
        return button

    def show_notices_again(self) -> None:
        self.preferences.show_notices_again()
        self.notices_button.setEnabled(False)

    def choose_theme(self, key: str) -> None:
        self.preferences.theme = key
        manager = theme.theme_manager()
        if manager is not None:
            manager.set_choice(key)

    def set_autostart(self, on: bool) -> None:
        db = self.db_path
        same_as_default = db is None or Path(db).resolve() == default_db_path().resolve()
        command = autostart.launch_command(None if same_as_default else db)
        try:
            if on:
                autostart.enable(self.autostart_file, command)
            else:
                autostart.disable(self.autostart_file)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Start with the system"),
                _("Could not change {path}: {error}").format(
                    path=self.autostart_file, error=os_error_text(exc)
                ),
            )
            self.autostart_switch.blockSignals(True)
            self.autostart_switch.setChecked(autostart.is_enabled(self.autostart_file))
            self.autostart_switch.blockSignals(False)
