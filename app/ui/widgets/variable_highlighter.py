"""Colours `{{variables}}` as they are typed: known in green, unknown or unbalanced in red."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from app.core.templates.syntax import VARIABLES, variables_in
from app.ui.theme import current_colors, theme_manager

_BRACES = re.compile(r"\{\{|\}\}")


def utf16_offset(text: str, index: int) -> int:
    """Qt counts UTF-16 code units: an emoji before a variable takes two."""
    return len(text[:index].encode("utf-16-le")) // 2


def _format(color: str, *, bold: bool = False, wave: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    if wave:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(color))
    return fmt


class VariableHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._restyle()
        manager = theme_manager()
        if manager is not None:  # light ↔ dark: recolor what is already highlighted
            manager.changed.connect(self._restyle)

    def _restyle(self, *_scheme: str) -> None:
        colors = current_colors()
        self.known = _format(colors.success, bold=True)
        self.unknown = _format(colors.danger, bold=True, wave=True)
        if _scheme:
            self.rehighlight()

    def spans(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, known) in Python indexes for each variable or stray brace pair."""
        found = [(start, end, name in VARIABLES) for name, start, end in variables_in(text)]
        inside = [(start, end) for start, end, _known in found]
        for match in _BRACES.finditer(text):
            if not any(start <= match.start() < end for start, end in inside):
                found.append((match.start(), match.end(), False))
        return found

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for start, end, known in self.spans(text):
            begin = utf16_offset(text, start)
            self.setFormat(
                begin, utf16_offset(text, end) - begin, self.known if known else self.unknown
            )
