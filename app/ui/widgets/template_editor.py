"""The form of one predefined message: title, shortcut, category, content.

It only shows values and problems; the page validates through core and saves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem
from app.core.templates.syntax import CONTENT_MAX, VARIABLES, normalize_content
from app.i18n import _, format_number
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.variable_highlighter import VariableHighlighter


class ContentEdit(QPlainTextEdit):
    """A text box that asks for a few lines (it still grows with a taller window), so the
    preview under it is visible without scrolling in the default window size."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, 100)


class TemplateEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, FieldError] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.title_edit = self._line(_("Title"), _("e.g. Welcome"))
        self.shortcut_edit = self._line(_("Shortcut"), "/ola")
        self.category_edit = self._line(_("Category"), _("optional, e.g. Sales"))
        self.shortcut_edit.textEdited.connect(self._prefix_slash)
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.category_edit.setCompleter(self.completer)
        # Title across the width; shortcut and category side by side under it.
        for row, column, span, (label, edit, path) in (
            (0, 0, 2, (_("Title"), self.title_edit, "title")),
            (3, 0, 1, (_("Shortcut"), self.shortcut_edit, "shortcut")),
            (3, 1, 1, (_("Category"), self.category_edit, "category")),
        ):
            caption = QLabel(label, objectName="fieldLabel")
            caption.setBuddy(edit)
            grid.addWidget(caption, row, column, 1, span)
            grid.addWidget(edit, row + 1, column, 1, span)
            grid.addWidget(self._error(path), row + 2, column, 1, span, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        head = QHBoxLayout()
        caption = QLabel(_("Message"), objectName="fieldLabel")
        head.addWidget(caption)
        head.addStretch(1)
        self.variable_button = QToolButton(objectName="variableButton")
        self.variable_button.setText(_("Insert variable"))
        self.variable_button.setAccessibleName(_("Insert variable"))
        self.variable_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.variable_menu = QMenu(self.variable_button)
        for name, description in VARIABLES.items():
            action = self.variable_menu.addAction(f"{{{{{name}}}}}  —  {_(description)}")
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self.insert_variable(n))
        self.variable_button.setMenu(self.variable_menu)
        head.addWidget(self.variable_button)
        layout.addLayout(head)
        self.content_edit = ContentEdit()
        self.content_edit.setAccessibleName(_("Message"))
        self.content_edit.setPlaceholderText(
            _("{{saudacao}}, {{primeiro_nome}}! How can we help you?")
        )
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setMinimumHeight(90)
        caption.setBuddy(self.content_edit)
        self.highlighter = VariableHighlighter(self.content_edit.document())
        self.content_edit.textChanged.connect(self._content_changed)
        layout.addWidget(self.content_edit, 1)
        foot = QHBoxLayout()
        foot.addWidget(self._error("content"), 1, Qt.AlignmentFlag.AlignTop)
        self.count_label = QLabel(objectName="charCount")
        self.count_label.setAccessibleName(_("Character count"))
        foot.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(foot)
        self._update_count()

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.edited)
        return edit

    def _error(self, path: str) -> FieldError:
        label = FieldError(self)
        self.errors[path] = label
        return label

    def _prefix_slash(self, text: str) -> None:
        # Everyone types "ola"; the shortcut is "/ola".
        if text and not text.startswith("/"):
            position = self.shortcut_edit.cursorPosition()
            self.shortcut_edit.setText("/" + text)
            self.shortcut_edit.setCursorPosition(position + 1)

    def _content_changed(self) -> None:
        self._update_count()
        self.edited.emit()

    def _update_count(self) -> None:
        count = len(normalize_content(self.content_edit.toPlainText()))
        self.count_label.setText(f"{format_number(count)} / {format_number(CONTENT_MAX)}")
        self.count_label.setProperty("over", count > CONTENT_MAX)
        self.count_label.style().unpolish(self.count_label)
        self.count_label.style().polish(self.count_label)

    # -- public -------------------------------------------------------------------------
    def insert_variable(self, name: str) -> None:
        self.content_edit.insertPlainText("{{" + name + "}}")
        self.content_edit.setFocus()

    def set_categories(self, categories: list[str]) -> None:
        self.completer.model().setStringList(categories)

    def values(self) -> dict[str, Any]:
        return editable(
            {
                "title": self.title_edit.text(),
                "shortcut": self.shortcut_edit.text(),
                "category": self.category_edit.text(),
                "content": self.content_edit.toPlainText(),
            }
        )

    def set_values(self, values: dict[str, Any]) -> None:
        self.blockSignals(True)
        try:
            self.title_edit.setText(values["title"])
            self.shortcut_edit.setText(values["shortcut"])
            self.category_edit.setText(values["category"] or "")
            self.content_edit.setPlainText(values["content"])
        finally:
            self.blockSignals(False)
        self._update_count()

    def show_problems(self, problems: list[Problem]) -> None:
        messages: dict[str, list[str]] = {}
        for problem in problems:
            messages.setdefault(problem.path, []).append(problem.message)
        for path, label in self.errors.items():
            found = messages.get(path)
            label.show_message("\n".join(found[:3]) if found else None)


def editable(values: dict[str, Any]) -> dict[str, Any]:
    """The fields as the editor reads them back (a blank category is none, LF line ends)."""
    return {
        "title": values["title"],
        "shortcut": values["shortcut"],
        "category": (values["category"] or "").strip() or None,
        "content": normalize_content(values["content"]),
    }
