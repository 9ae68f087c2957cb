"""Variable colouring: known green, unknown or unbalanced red, at UTF-16 positions."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from app.ui.widgets.variable_highlighter import VariableHighlighter, utf16_offset


def test_spans_of_known_unknown_and_stray_braces(qapp):
    highlighter = VariableHighlighter(QTextDocument())
    text = "{{nome}} {{ nme }} }} {{"
    assert sorted(highlighter.spans(text)) == [
        (0, 8, True),
        (9, 18, False),
        (19, 21, False),
        (22, 24, False),
    ]


def test_formats_land_after_an_emoji_at_utf16_positions(qapp):
    document = QTextDocument()
    highlighter = VariableHighlighter(document)
    document.setPlainText("😀 {{nome}}")
    highlighter.rehighlight()
    formats = document.firstBlock().layout().formats()
    assert [(f.start, f.length) for f in formats] == [(3, 8)]  # the emoji is 2 code units
    assert formats[0].format.foreground().color() == highlighter.known.foreground().color()
    assert utf16_offset("😀 {{", 2) == 3
