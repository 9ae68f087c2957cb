"""Counts of zero read as Portuguese (issue 17 item 17): "Nenhum atendimento", never
"0 atendimento(s)"; other counts follow CLDR's pt plural and Babel's digits."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core.config.transfer import REPLACE, ImportPlan, InstancePlan
from app.core.watcher.chats_preview import ChatsPreview
from app.i18n import _
from app.ui.dialogs.chats_import_dialog import preview_counts
from app.ui.dialogs.config_dialogs import ImportSummaryDialog
from app.ui.pages.chats import count_text
from app.ui.widgets.template_list import TemplateListPanel


def test_the_attendances_count_says_none_for_zero():
    assert count_text(0) == _("No attendance")
    assert not count_text(0).startswith("0")
    assert count_text(1) == "1 atendimento"
    assert count_text(1234) == "1.234 atendimentos"


def test_the_messages_count_says_none_for_zero(qtbot):
    panel = TemplateListPanel()
    qtbot.addWidget(panel)
    panel.set_rows([], [])
    assert panel.count_label.text() == "Nenhuma mensagem predefinida ainda."


def test_the_chats_import_preview_says_none_for_zero():
    text = preview_counts(ChatsPreview(created=0, updated=3))
    first, second = text.split(", ")
    assert first == _("no new attendance") and second.startswith("3 ")
    assert preview_counts(ChatsPreview(created=2, updated=0)).endswith(_("none already stored"))


def test_the_config_import_summary_says_none_for_zero(qtbot):
    plan = ImportPlan([InstancePlan("Loja Centro", REPLACE, [])], [])
    dialog = ImportSummaryDialog("config.json", plan)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(t.startswith(_("no new instance") + ", 1 ") for t in texts), texts
