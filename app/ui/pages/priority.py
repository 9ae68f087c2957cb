"""Priorizar atendimento (SPEC §5): one switch, gated by the plan in core."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core.common.validation import Problem
from app.core.instances import priority
from app.core.instances.plans import allows_prioritize, plan_label
from app.i18n import _
from app.ui.pages import page_title
from app.ui.pages.settings_page import SettingsPage
from app.ui.widgets.hint import hint_label
from app.ui.widgets.switch import SwitchRow


class PriorityPage(SettingsPage):
    key = "priority"

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        card = self.card()
        row = SwitchRow(page_title(self.key))
        self.switch = row.switch
        self.switch.toggled.connect(self.changed)
        card.addLayout(row)
        self.effect_label = hint_label()
        card.addWidget(self.effect_label)
        card.addWidget(self.error_label(priority.SECTION_KEY))

        self.plan_card = self.card(_("Available on the Intermediate and Advanced plans"))
        self.plan_label = QLabel(objectName="notice")
        self.plan_label.setWordWrap(True)
        self.plan_card.addWidget(self.plan_label)
        self.plan_card.parentWidget().setObjectName("noticeCard")
        self.body.addStretch(1)
        self.load()

    def show_values(self, enabled: bool) -> None:
        instance = self.instance()
        allowed = allows_prioritize(instance.plan)
        self.switch.setChecked(enabled)
        # On Básico the switch cannot be turned on; a choice kept from a bigger plan can
        # still be turned off, and is drawn in grey: kept, not in effect (the line under it,
        # core's warning, says until when).
        self.switch.setEnabled(allowed or enabled)
        self.switch.set_muted(not allowed)
        self.plan_card.parentWidget().setVisible(not allowed)
        if not allowed:
            self.plan_label.setText(
                _(
                    "The {plan} plan of this instance does not include this feature. With the "
                    "Intermediate or Advanced plan, your operators can talk to a customer "
                    "without automatic messages (reminders, campaigns, notices) interrupting "
                    "the conversation. Change the plan under Edit instance on the home screen."
                ).format(plan=plan_label(instance.plan))
            )
            self.switch.setToolTip(
                _("Kept, but not in effect on the {plan} plan").format(
                    plan=plan_label(instance.plan)
                )
                if enabled
                else _("Available only on the Intermediate and Advanced plans")
            )
        else:
            self.switch.setToolTip("")

    def read_values(self) -> bool:
        return self.switch.isChecked()

    def check(self, enabled: bool) -> list[Problem]:
        problems = super().check(enabled)  # core's plan warning: on, but not on this plan
        self.effect_label.setVisible(not problems)
        if problems:
            self.effect_label.setText("")
        else:
            self.effect_label.setText(
                _("On: automatic messages wait while a customer is being attended.")
                if enabled
                else _("Off: automatic messages are sent even during an attendance.")
            )
        return problems
