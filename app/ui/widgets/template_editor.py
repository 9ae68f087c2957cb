"""The form of one predefined message: title, shortcut, category, content.

It only shows values and problems; the page validates through core and saves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem
from app.core.templates.fields import usable_suggestion
from app.core.templates.syntax import normalize_content
from app.i18n import _
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.message_field import MessageField


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
        # Under the shortcut's error: its suggestion in one click ("Usar /ola-maria").
        self.suggestion: str | None = None
        self.suggestion_button = QPushButton(objectName="link")
        self.suggestion_button.clicked.connect(self.use_suggestion)
        self.suggestion_button.hide()
        grid.addWidget(self.suggestion_button, 6, 0, Qt.AlignmentFlag.AlignLeft)
        self.shortcut_edit.textChanged.connect(self._offer_suggestion)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        self.message = MessageField(
            _("Message"),
            _("{{saudacao}}, {{primeiro_nome}}! How can we help you?"),
            caption=_("Message"),
            error=self._error("content"),
        )
        self.message.edited.connect(self.edited)
        # The parts the page and its tests reach.
        self.content_edit = self.message.content_edit
        self.variable_menu = self.message.variable_menu
        self.count_label = self.message.count_label
        layout.addWidget(self.message, 1)

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

    def _offer_suggestion(self, *_args) -> None:
        self.suggestion = usable_suggestion(self.shortcut_edit.text())
        text = _("Use {shortcut}").format(shortcut=self.suggestion) if self.suggestion else ""
        self.suggestion_button.setText(text)
        self.suggestion_button.setAccessibleName(text)
        self.suggestion_button.setVisible(self.suggestion is not None)

    def use_suggestion(self) -> None:
        if self.suggestion:
            self.shortcut_edit.setText(self.suggestion)
            self.shortcut_edit.setFocus()

    # -- public -------------------------------------------------------------------------
    def insert_variable(self, name: str) -> None:
        self.message.insert_variable(name)

    def fields(self) -> dict[str, QWidget]:
        """The input of each path core's problems name, in the order on screen."""
        return {
            "title": self.title_edit,
            "shortcut": self.shortcut_edit,
            "category": self.category_edit,
            "content": self.content_edit,
        }

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
            self.message.set_text(values["content"])
        finally:
            self.blockSignals(False)

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
