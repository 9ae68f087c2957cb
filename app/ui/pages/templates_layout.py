"""The widgets of the Mensagens predefinidas page: empty state, list, editor, preview.

A mixin of `TemplatesPage` (views draw here; the page decides what happens).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.icons import icon
from app.ui.pages.base import card_frame
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.message_preview import PreviewPanel
from app.ui.widgets.template_editor import TemplateEditor
from app.ui.widgets.template_list import TemplateListPanel


def _button(text: str, slot, layout, name: str = "") -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.setAccessibleName(text)
    button.clicked.connect(slot)
    layout.addWidget(button)
    return button


class TemplatesLayout:
    """Builds the page's widgets and connects them to the page's slots."""

    def _build_empty_state(self) -> QWidget:
        empty = EmptyState(
            "templates",
            _("No predefined message yet."),
            _(
                "Create answers you send often — greeting, opening hours, Pix key — "
                "or import them from a CSV spreadsheet."
            ),
        )
        empty.add_action(_("Import CSV…"), self.import_csv)
        empty.add_action(_("Create the first one"), self.new_template, "plus", primary=True)
        return empty

    def _build_workspace(self) -> QWidget:
        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.list_panel = TemplateListPanel()
        self.list_panel.setMinimumWidth(250)
        self.list_panel.setMaximumWidth(340)
        self.list_panel.chosen.connect(self._on_chosen)
        self.search_edit = self.list_panel.search_edit
        self.new_button = _button(_("New"), self.new_template, self.list_panel.search_row)
        self.new_button.setIcon(icon("plus"))
        self.new_button.setAccessibleName(_("New message"))
        self.new_button.setToolTip(_("New message (Ctrl+N)"))
        self.csv_button = QToolButton(objectName="variableButton")
        self.csv_button.setText("CSV")
        self.csv_button.setAccessibleName(_("Import or export CSV"))
        self.csv_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.csv_button)
        self.import_action = menu.addAction(_("Import CSV…"), self.import_csv)
        self.export_action = menu.addAction(_("Export CSV…"), self.export_csv)
        self.csv_button.setMenu(menu)
        self.list_panel.filter_row.addWidget(self.csv_button)
        row.addWidget(self.list_panel, 2)

        self.right = QStackedWidget()
        pick = QLabel(_("Choose a message in the list, or create a new one."), objectName="hint")
        pick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.right.addWidget(pick)
        scroll = QScrollArea(objectName="pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._build_editor_column())
        self.right.addWidget(scroll)
        row.addWidget(self.right, 5)
        return workspace

    def _build_editor_column(self) -> QWidget:
        column = QWidget(objectName="pageBody")
        cl = QVBoxLayout(column)
        cl.setContentsMargins(0, 0, 4, 0)
        cl.setSpacing(14)
        card, layout = card_frame()
        head = QHBoxLayout()
        self.editor_title = QLabel(objectName="cardTitle")
        head.addWidget(self.editor_title, 1)
        self.duplicate_button = _button(_("Duplicate"), self.duplicate_template, head)
        self.delete_button = _button(_("Delete"), self.delete_template, head, "danger")
        layout.addLayout(head)
        self.editor = TemplateEditor()
        self.editor.edited.connect(self.changed)
        layout.addWidget(self.editor, 1)
        cl.addWidget(card, 1)

        self.preview_panel = PreviewPanel()
        self.preview_panel.chat_changed.connect(self._on_chat_chosen)
        self.preview_panel.copy_button.clicked.connect(self.copy_rendered)
        self.copy_button = self.preview_panel.copy_button
        cl.addWidget(self.preview_panel)
        return column
