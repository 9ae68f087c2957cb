"""The message field's counter (issue 17 item 16): numbers as Babel writes them, like the
error beside it, and styled like the other counts (muted; red over the maximum)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from app.core.templates.syntax import CONTENT_MAX, validate_content
from app.ui import theme
from app.ui.widgets.message_field import MessageField


@pytest.fixture
def light(context):
    manager = theme.theme_manager()
    manager.set_choice(theme.LIGHT)
    return manager.colors


def text_color(label: QLabel) -> str:
    label.ensurePolished()
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_the_counter_and_the_error_write_the_numbers_alike(qtbot):
    field = MessageField("Mensagem", "")
    qtbot.addWidget(field)
    text = "x" * 5000
    field.set_text(text)
    assert field.count_label.text() == "5.000 / 4.096"
    [problem] = validate_content(text, "content", required=True)
    assert problem.message == "Use no máximo 4.096 caracteres (agora 5.000)."
    assert CONTENT_MAX == 4096


def test_the_counter_looks_like_the_other_counts_and_turns_red_when_over(qtbot, light):
    field = MessageField("Mensagem", "")
    hint = QLabel("7 mensagens", objectName="hint")
    qtbot.addWidget(field)
    qtbot.addWidget(hint)
    field.set_text("Olá")
    assert text_color(field.count_label) == text_color(hint) == light.text_muted
    field.set_text("x" * (CONTENT_MAX + 1))
    assert text_color(field.count_label) == light.danger
