"""How a message looks in WhatsApp: `*negrito*`, `_itálico_`, `~tachado~`, ```mono```.

The text is HTML-escaped before any tag is added, so a customer's name or a template can
never inject markup into the preview.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.theme import current_colors

_MONO = re.compile(r"```(.+?)```", re.S)
_INLINE = (("*", "b"), ("_", "i"), ("~", "s"))


def _inline(escaped: str) -> str:
    # A marker opens before a non-space, closes after one, on one line, and is not glued to
    # a letter or digit on the outside (WhatsApp leaves "2*3*4" alone).
    for marker, tag in _INLINE:
        m = re.escape(marker)
        pattern = rf"(?<![\w{m}]){m}(?=\S)([^\n]*?\S){m}(?![\w{m}])"
        escaped = re.sub(pattern, rf"<{tag}>\1</{tag}>", escaped)
    return escaped


def whatsapp_html(text: str) -> str:
    """Rich text (a Qt HTML subset) for `text` with WhatsApp's formatting applied."""
    pieces = []
    for i, part in enumerate(_MONO.split(text)):
        if i % 2:
            pieces.append(f'<span style="font-family: monospace">{html.escape(part)}</span>')
        else:
            pieces.append(_inline(html.escape(part)))
    return '<div style="white-space: pre-wrap">' + "".join(pieces) + "</div>"


class MessagePreview(QFrame):
    """A chat background with one outgoing bubble holding the formatted message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatBackground")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.addStretch(1)
        bubble = QFrame(objectName="bubble")
        bubble.setMaximumWidth(460)
        bl = QVBoxLayout(bubble)
        bl.setContentsMargins(10, 7, 10, 5)
        bl.setSpacing(2)
        self.text_label = QLabel(objectName="bubbleText")
        self.text_label.setProperty("userContent", True)  # the user's text, rendered
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName(_("Preview of the message"))
        bl.addWidget(self.text_label)
        self.time_label = QLabel(objectName="bubbleTime")
        bl.addWidget(self.time_label, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(bubble, 4)
        self.plain_text = ""

    def show_message(self, text: str, time_text: str) -> None:
        self.plain_text = text
        if text.strip():
            self.text_label.setText(whatsapp_html(text))
        else:
            self.text_label.setText(
                f'<span style="color:{current_colors().bubble_time}">'
                + html.escape(_("The preview appears here as you write."))
                + "</span>"
            )
        self.time_label.setText(f"{time_text} ✓✓")


class PreviewPanel(QFrame):
    """The "Pré-visualização" card: whose data fills the variables, Copiar, the bubble."""

    chat_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.addWidget(QLabel(_("Preview"), objectName="cardTitle"))
        head = QHBoxLayout()
        caption = QLabel(_("Data of:"))
        head.addWidget(caption)
        self.chat_combo = QComboBox()
        self.chat_combo.setAccessibleName(_("Data for the preview and the copy"))
        self.chat_combo.setMinimumContentsLength(18)
        self.chat_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chat_combo.currentIndexChanged.connect(self.chat_changed)
        caption.setBuddy(self.chat_combo)
        head.addWidget(self.chat_combo, 1)
        self.copy_button = QPushButton(_("Copy"))
        self.copy_button.setAccessibleName(_("Copy"))
        self.copy_button.setToolTip(_("Copy the message with the variables filled in"))
        head.addWidget(self.copy_button)
        layout.addLayout(head)
        self.preview = MessagePreview()
        layout.addWidget(self.preview)
        hint = QLabel(
            _("Formatting: *bold*, _italic_, ~strikethrough~, ```monospace```."), objectName="hint"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def set_chats(self, choices: list[tuple[int, str]]) -> None:
        """Sample data first, then the open chats; keeps the chosen chat when still open."""
        chosen = self.chat_combo.currentData()
        self.chat_combo.blockSignals(True)
        self.chat_combo.clear()
        self.chat_combo.addItem(_("Sample data"), None)
        for chat_id, label in choices:
            self.chat_combo.addItem(label, chat_id)
        index = self.chat_combo.findData(chosen) if chosen is not None else 0
        self.chat_combo.setCurrentIndex(max(index, 0))
        self.chat_combo.blockSignals(False)
        self.chat_changed.emit()

    def chosen_chat_id(self) -> int | None:
        return self.chat_combo.currentData()
