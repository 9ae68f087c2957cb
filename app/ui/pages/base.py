"""The shape every page shares: a header with its title, a scrolling body of cards,
`load()` from core, and the Salvar / Descartar / Cancelar guard when leaving with unsaved
changes. Pages that edit compose an `EditSession` (app.ui.pages.edit_session).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.storage.models import Instance
from app.i18n import _
from app.ui.context import AppContext
from app.ui.pages import page_spec, page_title


class Page(QWidget):
    """A page of an instance. Subclasses build their widgets and implement `load()`."""

    key = ""  # its row in app.ui.pages.PAGES (which gives the title and description)
    # Pages with a search box assign it here; Ctrl+F then puts the cursor in it.
    search_field: QLineEdit | None = None

    def __init__(self, instance_id: int, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.instance_id = instance_id
        self.context = context
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        header = QWidget(objectName="pageHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(28, 22, 28, 12)
        self.title_label = QLabel(page_title(self.key), objectName="pageTitle")
        hl.addWidget(self.title_label)
        if description := page_spec(self.key).description:
            desc = QLabel(_(description), objectName="pageDescription")
            desc.setWordWrap(True)
            hl.addWidget(desc)
        outer.addWidget(header)
        scroll = QScrollArea(objectName="pageScroll")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not the frame
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(objectName="pageBody")
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(28, 8, 28, 20)
        self.body.setSpacing(14)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.scroll_area = scroll
        self._outer = outer

    def instance(self) -> Instance:
        return Instance.get_by_id(self.instance_id)

    def load(self) -> None:
        """Read everything shown from the database."""

    def has_unsaved_changes(self) -> bool:
        return False

    def focus_search(self) -> bool:
        """Ctrl+F: select the search text so typing replaces it; False without a search."""
        field = self.search_field
        if field is None or not field.isVisibleTo(self):
            return False
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()
        return True

    def save(self) -> bool:
        """Pages that edit something override this; a read-only page has nothing to save."""
        return True

    def discard(self) -> None:
        """Drop the unsaved edits: read the stored values again."""
        self.load()

    def confirm_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Salvar / Descartar / Cancelar (Qt's own buttons, translated by qtbase_pt_BR)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("The page “{page}” has unsaved changes.").format(page=page_title(self.key)))
        box.setInformativeText(_("Do you want to save them before leaving?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def card(self, title: str | None = None) -> QVBoxLayout:
        """A white rounded box in the body; returns its layout."""
        frame, layout = card_frame()
        layout.setSpacing(8)
        if title:
            layout.addWidget(QLabel(title, objectName="cardTitle"))
        self.body.addWidget(frame)
        return layout


def card_frame() -> tuple[QFrame, QVBoxLayout]:
    """The white rounded box of the pages, and its layout."""
    frame = QFrame(objectName="card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 16)
    return frame, layout
