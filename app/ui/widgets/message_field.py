"""The text of a message with SPEC §8's editing aids: `{{variables}}` coloured as typed, an
"Inserir variável" menu, the character count against core's maximum, the field's error
under it and, when asked, a WhatsApp-like preview.

Used by the predefined message form and by Encerramento automático's two messages (the
closing message and the warning before closing). It only shows text and problems; the page
validates through core and fills the preview.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.templates.syntax import CONTENT_MAX, VARIABLES, normalize_content
from app.i18n import _, format_number
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.message_preview import MessagePreview
from app.ui.widgets.variable_highlighter import VariableHighlighter


class ContentEdit(QPlainTextEdit):
    """A text box that asks for a few lines (it still grows with a taller window), so what
    follows it is visible without scrolling in the default window size."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, 100)


class MessageField(QWidget):
    edited = Signal()

    def __init__(
        self,
        accessible_name: str,
        placeholder: str,
        *,
        caption: str | None = None,
        error: FieldError | None = None,
        preview: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.content_edit = ContentEdit()
        self.content_edit.setAccessibleName(accessible_name)
        self.content_edit.setPlaceholderText(placeholder)
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setMinimumHeight(90)
        self.highlighter = VariableHighlighter(self.content_edit.document())
        self.content_edit.textChanged.connect(self._content_changed)

        head = QHBoxLayout()
        if caption:
            label = QLabel(caption, objectName="fieldLabel")
            label.setBuddy(self.content_edit)
            head.addWidget(label)
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
        layout.addWidget(self.content_edit, 1)

        foot = QHBoxLayout()
        self.error = error if error is not None else FieldError(self)
        foot.addWidget(self.error, 1, Qt.AlignmentFlag.AlignTop)
        self.count_label = QLabel(objectName="charCount")
        self.count_label.setAccessibleName(_("Character count"))
        foot.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addLayout(foot)
        self.preview: MessagePreview | None = None
        if preview:
            self.preview = MessagePreview()
            layout.addWidget(self.preview)
        self._update_count()

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

    def text(self) -> str:
        return self.content_edit.toPlainText()

    def set_text(self, text: str) -> None:
        """Show `text` without announcing an edit (the owner is loading values)."""
        self.blockSignals(True)
        try:
            self.content_edit.setPlainText(text)
        finally:
            self.blockSignals(False)
        self._update_count()

    def show_preview(self, rendered: str, time_text: str) -> None:
        if self.preview is not None:
            self.preview.show_message(rendered, time_text)
