"""The shortcut's suggestion can be clicked to apply it (issue 17 item 17)."""

from __future__ import annotations

import pytest

from app.core.templates.fields import usable_suggestion
from app.ui.widgets.template_editor import TemplateEditor


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("/Olá Maria", "/ola-maria"),
        ("/bom dia", "/bom-dia"),
        ("/ola", None),  # already fine
        ("/", None),  # nothing close to offer
        ("/!!!", None),
        ("/" + "a" * 31, None),  # too long: a shortened guess would change the meaning
    ],
)
def test_core_offers_a_valid_spelling_only_for_a_refused_shortcut(typed, offered):
    assert usable_suggestion(typed) == offered


def test_clicking_the_suggestion_puts_it_in_the_field(qtbot):
    editor = TemplateEditor()
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.suggestion_button.isVisible()
    qtbot.keyClicks(editor.shortcut_edit, "Bom Dia")  # the "/" comes by itself
    assert editor.shortcut_edit.text() == "/Bom Dia"
    assert editor.suggestion_button.isVisible()
    assert "/bom-dia" in editor.suggestion_button.text()
    with qtbot.waitSignal(editor.edited):
        editor.suggestion_button.click()
    assert editor.shortcut_edit.text() == "/bom-dia"
    assert not editor.suggestion_button.isVisible()
