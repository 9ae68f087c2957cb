"""Counts of zero read as Portuguese (issue 17 item 17): "Nenhum atendimento", never
"0 atendimento(s)"; other counts follow CLDR's pt plural and Babel's digits."""

from __future__ import annotations

from app.i18n import _
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
