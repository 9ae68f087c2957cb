"""Encerramento automático (SPEC §6): enable, time limit, the two kinds, closing message.

Labels, bounds, presets and rules come from `app.core.watcher.auto_close`; this page only lays
them out and reports what core says under each field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
)

from app.core.common.validation import Problem
from app.core.templates.syntax import CONTENT_MAX, VARIABLES
from app.core.watcher import auto_close as core
from app.i18n import _, format_number
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.hint import hint_label
from app.ui.widgets.switch import Switch, SwitchRow

TIMEOUT_PATH = "auto_close.timeout_minutes"
MESSAGE_PATH = "auto_close.closing_message"


class AutoClosePage(SettingsPage):
    key = "auto_close"

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        main = self.card()
        self.enabled_switch = self._switch_row(main, "enabled")

        timeout = self.card(_("Time limit"))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Close when the customer does not answer within")))
        # A line edit, not a spin box: under the style sheet a QSpinBox loses its arrows (or,
        # without buttons, its text); the presets cover the common values. Digits only, up to
        # core's maximum in minutes; a value out of bounds is core's to explain under the field.
        self.value_edit = QLineEdit()
        self.value_edit.setValidator(QIntValidator(0, core.TIMEOUT_MAX, self.value_edit))
        self.value_edit.setFixedWidth(80)
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_edit.setAccessibleName(_("Time limit"))
        self.value_edit.textChanged.connect(self.changed)
        row.addWidget(self.value_edit)
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName(_("Unit of the time limit"))
        for unit in core.UNITS:
            self.unit_combo.addItem(core.unit_name(unit.key, 2), unit.key)
        self.unit_combo.currentIndexChanged.connect(self.changed)
        row.addWidget(self.unit_combo)
        row.addStretch(1)
        timeout.addLayout(row)
        timeout.addWidget(self.error_label(TIMEOUT_PATH))
        presets = QHBoxLayout()
        presets.setSpacing(6)
        presets.addWidget(QLabel(_("Suggestions:"), objectName="hint"))
        self.preset_buttons: dict[int, QPushButton] = {}
        for minutes, text in core.preset_labels():
            button = QPushButton(text, objectName="chip")
            button.setCheckable(True)
            button.setAccessibleName(_("Preset: {duration}").format(duration=text))
            button.clicked.connect(lambda _checked=False, m=minutes: self.use_preset(m))
            presets.addWidget(button)
            self.preset_buttons[minutes] = button
        presets.addStretch(1)
        timeout.addLayout(presets)
        timeout.addWidget(hint_label(_(core.setting("timeout_minutes").explanation)))

        kinds = self.card(_("Kinds of closing"))
        self.operator_switch = self._switch_row(kinds, "close_assigned_by_operator")
        self.bot_switch = self._switch_row(kinds, "close_started_by_bot_or_workflow")
        kinds.addWidget(self.error_label("auto_close"))

        message = self.card(_(core.setting("closing_message").label))
        message.addWidget(hint_label(_(core.setting("closing_message").explanation)))
        self.message_edit = QPlainTextEdit()
        self.message_edit.setAccessibleName(_("Closing message"))
        self.message_edit.setPlaceholderText(
            _(
                "E.g.: {{saudacao}}, {{primeiro_nome}}! We are closing this attendance for lack "
                "of an answer. Protocol {{protocolo}}."
            )
        )
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setFixedHeight(110)
        self.message_edit.textChanged.connect(self.changed)
        message.addWidget(self.message_edit)
        message.addWidget(self.error_label(MESSAGE_PATH))
        tools = QHBoxLayout()
        tools.addWidget(self._variables_button())
        tools.addStretch(1)
        self.count_label = QLabel(objectName="hint")
        tools.addWidget(self.count_label)
        message.addLayout(tools)

        self.dependent = [timeout.parentWidget(), kinds.parentWidget(), message.parentWidget()]
        self.body.addStretch(1)
        self.load()

    # -- building ------------------------------------------------------------------------
    def _switch_row(self, layout, key: str) -> Switch:
        spec = core.setting(key)
        row = SwitchRow(_(spec.label), _(spec.explanation))
        row.switch.toggled.connect(self.changed)
        layout.addLayout(row)
        return row.switch

    def _variables_button(self) -> QPushButton:
        button = QPushButton(_("Insert variable"))
        button.setAccessibleName(_("Insert variable"))
        menu = QMenu(button)
        for name, description in VARIABLES.items():
            action = menu.addAction(f"{{{{{name}}}}} — {_(description)}")
            action.triggered.connect(
                lambda _checked=False, n=name: self.message_edit.insertPlainText(f"{{{{{n}}}}}")
            )
        button.setMenu(menu)
        return button

    # -- behaviour -----------------------------------------------------------------------
    def use_preset(self, minutes: int) -> None:
        value, unit_key = core.split_minutes(minutes)
        self._show_timeout(value, unit_key)
        self.changed()

    def _show_timeout(self, value: int, unit_key: str) -> None:
        for widget in (self.value_edit, self.unit_combo):
            widget.blockSignals(True)
        self.value_edit.setText(str(value))
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(unit_key))
        for widget in (self.value_edit, self.unit_combo):
            widget.blockSignals(False)

    def timeout_value(self) -> int:
        """The typed number (0 while empty, which core reports as out of bounds)."""
        text = self.value_edit.text().strip()
        return int(text) if text.isdigit() else 0

    def _refresh_controls(self, values: dict[str, Any]) -> None:
        for widget in self.dependent:
            widget.setEnabled(values["enabled"])
        n = self.timeout_value()
        for index, unit in enumerate(core.UNITS):
            self.unit_combo.setItemText(index, core.unit_name(unit.key, n))
        for minutes, button in self.preset_buttons.items():
            button.setChecked(minutes == values["timeout_minutes"])
        count = len(self.message_edit.toPlainText())
        self.count_label.setText(
            _("{count} of {max} characters").format(
                count=format_number(count), max=format_number(CONTENT_MAX)
            )
        )

    # -- SettingsPage --------------------------------------------------------------------
    def show_values(self, values: dict[str, Any]) -> None:
        self.enabled_switch.setChecked(values["enabled"])
        self._show_timeout(*core.split_minutes(values["timeout_minutes"]))
        self.operator_switch.setChecked(values["close_assigned_by_operator"])
        self.bot_switch.setChecked(values["close_started_by_bot_or_workflow"])
        self.message_edit.setPlainText(values["closing_message"] or "")

    def read_values(self) -> dict[str, Any]:
        # What this page does not edit yet (SPEC §12's count and warning) is kept as stored.
        return core.normalize(
            {
                **(self.session.loaded or {}),
                "enabled": self.enabled_switch.isChecked(),
                "timeout_minutes": core.to_minutes(
                    self.timeout_value(), self.unit_combo.currentData()
                ),
                "close_assigned_by_operator": self.operator_switch.isChecked(),
                "close_started_by_bot_or_workflow": self.bot_switch.isChecked(),
                "closing_message": self.message_edit.toPlainText(),
            }
        )

    def check(self, values: dict[str, Any]) -> list[Problem]:
        self._refresh_controls(values)
        return super().check(values)
