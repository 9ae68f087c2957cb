"""The widgets of the Mensagens predefinidas page: empty state, list, editor, preview.

The page owns a `TemplatesViews` (views draw here; the page decides what happens): its
buttons call the page's slots and the CSV actions' (`page.csv`).
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


class TemplatesViews(QStackedWidget):
    """The empty state (index 0) or the workspace (1): the list beside the editor."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page = page
        self.addWidget(self._build_empty_state())
        self.addWidget(self._build_workspace())

    def _build_empty_state(self) -> QWidget:
        empty = EmptyState(
            "templates",
            _("No predefined message yet."),
            _(
                "Create answers you send often — greeting, opening hours, Pix key — "
                "or import them from a CSV spreadsheet."
            ),
        )
        empty.add_action(_("Import CSV…"), self.page.csv.import_csv)
        empty.add_action(_("Create the first one"), self.page.new_template, "plus", primary=True)
        return empty

    def _build_workspace(self) -> QWidget:
        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.list_panel = TemplateListPanel()
        self.list_panel.setMaximumWidth(340)
        self.list_panel.chosen.connect(self.page.choose_template)
        self.search_edit = self.list_panel.search_edit
        # Wide enough for its whole placeholder ("Buscar mensagens") and the clear button.
        self.search_edit.ensurePolished()  # measured in the style sheet's font
        placeholder = self.search_edit.fontMetrics().horizontalAdvance(
            self.search_edit.placeholderText()
        )
        self.search_edit.setMinimumWidth(placeholder + 40)
        self.new_button = _button(_("New"), self.page.new_template, self.list_panel.search_row)
        self.new_button.setIcon(icon("plus"))
        self.new_button.setAccessibleName(_("New message"))
        self.new_button.setToolTip(_("New message (Ctrl+N)"))
        self.csv_button = QToolButton(objectName="variableButton")
        self.csv_button.setText("CSV")
        self.csv_button.setAccessibleName(_("Import or export CSV"))
        self.csv_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.csv_button)
        self.import_action = menu.addAction(_("Import CSV…"), self.page.csv.import_csv)
        self.export_action = menu.addAction(_("Export CSV…"), self.page.csv.export_csv)
        self.csv_button.setMenu(menu)
        self.list_panel.filter_row.addWidget(self.csv_button)
        row.addWidget(self.list_panel, 2)

        self.right = QStackedWidget()
        pick = QLabel(_("Choose a message in the list, or create a new one."), objectName="hint")
        pick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pick.setWordWrap(True)
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
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(14)
        card, layout = card_frame()
        head = QHBoxLayout()
        self.editor_title = QLabel(objectName="cardTitle")
        self.editor_title.setWordWrap(True)  # beside Duplicar and Excluir in a narrow window
        head.addWidget(self.editor_title, 1)
        self.duplicate_button = _button(_("Duplicate"), self.page.duplicate_template, head)
        self.delete_button = _button(_("Delete"), self.page.delete_template, head, "danger")
        layout.addLayout(head)
        self.editor = TemplateEditor()
        self.editor.edited.connect(self.page.changed)
        layout.addWidget(self.editor, 1)
        cl.addWidget(card, 1)

        self.preview_panel = PreviewPanel()
        self.preview_panel.chat_changed.connect(self.page.choose_chat)
        self.preview_panel.copy_button.clicked.connect(self.page.copy_rendered)
        self.copy_button = self.preview_panel.copy_button
        # The editor column fits beside the list in a 900 px window (no part cut off).
        self.preview_panel.chat_combo.setMinimumContentsLength(5)
        cl.addWidget(self.preview_panel)
        return column
