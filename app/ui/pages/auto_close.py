"""Encerramento automático (SPEC §6, §12): enable, time limit and how it counts (with a live
example), the two kinds, the warning before closing, the closing message.

Labels, bounds, presets and rules come from `app.core.watcher.auto_close`; this page only lays
them out and reports what core says under each field.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.core.common.validation import Problem
from app.core.schedule.store import load_agenda
from app.core.storage.models import Instance
from app.core.templates.render import render_text, variable_values
from app.core.watcher import auto_close as core
from app.core.watcher import closing_options, time_limit
from app.core.watcher.deadline_text import example_sentence
from app.core.watcher.time_limit import TypedAmount, read_amount, with_typed
from app.i18n import _, format_duration, format_time
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.closing_options import (
    COUNT_PATH,
    MINUTES_PATH,
    WARNING_PATH,
    ClosingWarning,
    CountOption,
    amount_edit,
)
from app.ui.widgets.flow_layout import FlowLayout
from app.ui.widgets.hint import hint_label
from app.ui.widgets.message_field import MessageField
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
        # without buttons, its text); the presets cover the common values. Brazilian decimals
        # ("1,5" hora); what core refuses or bounds is explained under the field.
        self.value_edit = amount_edit(_("Time limit"))
        self.value_edit.textChanged.connect(self.changed)
        row.addWidget(self.value_edit)
        self.unit_combo = QComboBox()
        self.unit_combo.setAccessibleName(_("Unit of the time limit"))
        for unit in core.UNITS:
            self.unit_combo.addItem(core.unit_name(unit.key, 2), unit.key)
        self.unit_combo.currentIndexChanged.connect(self.changed)
        row.addWidget(self.unit_combo)
        # "1,5 hora" → "= 90 minutos": a converted amount is shown, never applied unseen.
        self.minutes_label = QLabel(objectName="hint")
        self.minutes_label.setAccessibleName(_("Time limit in minutes"))
        row.addWidget(self.minutes_label)
        row.addStretch(1)
        timeout.addLayout(row)
        timeout.addWidget(self.error_label(TIMEOUT_PATH))
        # The chips wrap in a narrow window instead of widening the page.
        chips = QWidget()
        presets = FlowLayout(chips)
        suggestions = QLabel(_("Suggestions:"), objectName="hint")
        presets.addWidget(suggestions)
        self.preset_buttons: dict[int, QPushButton] = {}
        for minutes, text in core.preset_labels():
            button = QPushButton(text, objectName="chip")
            button.setCheckable(True)
            button.setAccessibleName(_("Preset: {duration}").format(duration=text))
            button.clicked.connect(lambda _checked=False, m=minutes: self.use_preset(m))
            presets.addWidget(button)
            self.preset_buttons[minutes] = button
        suggestions.setMinimumHeight(button.sizeHint().height())  # centred on the chips' line
        timeout.addWidget(chips)
        timeout.addWidget(hint_label(_(core.setting("timeout_minutes").explanation)))
        self.count_option = CountOption()
        self.count_option.edited.connect(self.changed)
        timeout.addSpacing(6)
        timeout.addWidget(self.count_option)
        timeout.addWidget(self.error_label(COUNT_PATH))

        kinds = self.card(_("Kinds of closing"))
        self.operator_switch = self._switch_row(kinds, "close_assigned_by_operator")
        self.bot_switch = self._switch_row(kinds, "close_started_by_bot_or_workflow")
        kinds.addWidget(self.error_label("auto_close"))

        warning = self.card()
        self.warning = ClosingWarning(self.error_label)
        self.warning.edited.connect(self.changed)
        warning.addWidget(self.warning)
        warning.addWidget(self.error_label(WARNING_PATH))

        message = self.card(_(core.setting("closing_message").label))
        message.addWidget(hint_label(_(core.setting("closing_message").explanation)))
        self.message_field = MessageField(
            _("Closing message"),
            _(
                "E.g.: {{saudacao}}, {{primeiro_nome}}! We are closing this attendance for lack "
                "of an answer. Protocol {{protocolo}}."
            ),
            error=self.error_label(MESSAGE_PATH),
            preview=True,
        )
        self.message_field.edited.connect(self.changed)
        message.addWidget(self.message_field)

        self.dependent = [layout.parentWidget() for layout in (timeout, kinds, warning, message)]
        self.body.addStretch(1)
        self._agenda = load_agenda(self.instance())
        self._example_key: tuple | None = None
        context.settings_changed.connect(self._agenda_changed)
        self.load()

    # -- building ------------------------------------------------------------------------
    def _switch_row(self, layout, key: str) -> Switch:
        spec = core.setting(key)
        row = SwitchRow(_(spec.label), _(spec.explanation))
        row.switch.toggled.connect(self.changed)
        layout.addLayout(row)
        return row.switch

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

    def timeout_amount(self) -> TypedAmount:
        """The typed amount of the chosen unit as core reads it (0 while empty)."""
        return read_amount(self.value_edit.text(), self.unit_combo.currentData())

    def _refresh_controls(self, values: dict[str, Any]) -> None:
        for widget in self.dependent:
            widget.setEnabled(values["enabled"])
        amount = self.timeout_amount()
        for index, unit in enumerate(core.UNITS):
            self.unit_combo.setItemText(index, core.unit_name(unit.key, int(amount.number)))
        converted = amount.minutes is not None and not amount.exact
        self.minutes_label.setText(f"= {format_duration(amount.minutes)}" if converted else "")
        for minutes, button in self.preset_buttons.items():
            button.setChecked(minutes == values["timeout_minutes"])
        self._show_example(values)
        self._show_previews()

    def _agenda_changed(self, instance_id: int = 0) -> None:
        """The example follows the stored agenda, saved on its own page."""
        if instance_id in (0, self.instance_id) and Instance.get_or_none(id=self.instance_id):
            self._agenda = load_agenda(self.instance())
            self.changed()

    def _beyond_horizon(self, values: dict[str, Any]) -> list[Problem]:
        """Core's warning (as in `atende check`) when the agenda cannot hold the time limit
        in business hours: such attendances would never be closed."""
        if not time_limit.in_bounds(values["timeout_minutes"]):
            return []
        return closing_options.horizon_warning(values, self._agenda, core.SECTION_KEY)

    def _show_example(self, values: dict[str, Any]) -> None:
        now = self.context.clock.now()
        # Typing a message changes nothing here: compute only when what it shows moved.
        key = (values["enabled"], values["timeout_minutes"], values["count"], self._agenda, now)
        if key == self._example_key:
            return
        self._example_key = key
        sentence = None  # no example for an invalid time limit, nor beside the warning
        if time_limit.in_bounds(values["timeout_minutes"]) and not self._beyond_horizon(values):
            timeout = values["timeout_minutes"]
            sentence = example_sentence(self._agenda, timeout, values["count"], now)
        self.count_option.show_example(sentence, self._agenda.enabled)

    def _show_previews(self) -> None:
        """Both messages filled with the sample customer's data, as sent now."""
        now = self.context.clock.now()
        instance = self.instance()
        data = variable_values(instance, None, now)
        time_text = format_time(now.astimezone(ZoneInfo(instance.timezone)))
        for field in (self.message_field, self.warning.message):
            field.show_preview(render_text(field.text(), data), time_text)

    # -- SettingsPage --------------------------------------------------------------------
    def show_values(self, values: dict[str, Any]) -> None:
        self.enabled_switch.setChecked(values["enabled"])
        self._show_timeout(*core.split_minutes(values["timeout_minutes"]))
        self.operator_switch.setChecked(values["close_assigned_by_operator"])
        self.bot_switch.setChecked(values["close_started_by_bot_or_workflow"])
        self.message_field.set_text(values["closing_message"] or "")
        self.count_option.show_count(values["count"])
        self.warning.show_value(values["warning"])

    def read_values(self) -> dict[str, Any]:
        # Keys this page does not show (if core ever adds one) are kept as stored.
        return core.normalize(
            {
                **(self.session.loaded or {}),
                "enabled": self.enabled_switch.isChecked(),
                "timeout_minutes": self.timeout_amount().minutes,  # None: refused
                "close_assigned_by_operator": self.operator_switch.isChecked(),
                "close_started_by_bot_or_workflow": self.bot_switch.isChecked(),
                "closing_message": self.message_field.text(),
                "count": self.count_option.count(),
                "warning": self.warning.value(),
            }
        )

    def check(self, values: dict[str, Any]) -> list[Problem]:
        self._refresh_controls(values)
        problems = super().check(values) + self._beyond_horizon(values)
        typed = {TIMEOUT_PATH: self.timeout_amount()}
        if values["warning"] is not None:
            typed[MINUTES_PATH] = self.warning.amount()
        return with_typed(problems, typed)
