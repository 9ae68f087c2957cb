"""First run: a short welcome that creates the first instance or loads the example data."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.demo.instances import populate_if_empty
from app.i18n import _
from app.paths import resources_dir
from app.ui.context import AppContext
from app.ui.dialogs.instance_dialog import InstanceDialog
from app.ui.icons import icon
from app.ui.widgets.hint import hint_label


class WelcomePage(QWidget):
    instance_created = Signal(int)
    demo_loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.context = context
        self.dialog: InstanceDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)
        logo = QLabel()
        logo.setPixmap(QIcon(str(resources_dir() / "atende.svg")).pixmap(QSize(72, 72)))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(logo)
        title = QLabel(_("Welcome to Atende"), objectName="welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        text = QLabel(
            _(
                "Set up the attendance of your WhatsApp number in a few minutes: business "
                "hours, ready-made messages and the automatic closing of idle conversations. "
                "Everything stays on this computer."
            ),
            objectName="welcomeText",
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(text)
        column.addSpacing(14)

        cards = QHBoxLayout()
        cards.setSpacing(16)
        self.create_button = self._choice(
            cards,
            "plus",
            _("Register my number"),
            _(
                "Give the instance a name and enter its WhatsApp number, plan and time zone. "
                "You can change everything later."
            ),
            _("Create my first instance"),
            self.create,
            primary=True,
        )
        self.demo_button = self._choice(
            cards,
            "sparkles",
            _("Just looking around"),
            _(
                "Open three example instances (a bakery, a dental clinic and an açaí shop) "
                "and explore freely. You can delete them afterwards."
            ),
            _("Use example data"),
            self.load_demo,
        )
        column.addLayout(cards)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(780)
        # Stretches, not an alignment flag: an aligned item gets its size hint and the
        # wrapped text of the cards would be cut.
        centered = QHBoxLayout()
        centered.addStretch(1)
        centered.addWidget(holder, 100)
        centered.addStretch(1)
        outer.addLayout(centered)
        outer.addStretch(2)
        self.setTabOrder(self.create_button, self.demo_button)

    def _choice(self, row, icon_name, title, text, button_text, slot, primary=False):
        card = QFrame(objectName="choiceCard")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(8)
        head = QHBoxLayout()
        badge = QLabel()
        badge.setPixmap(icon(icon_name, "accent_text").pixmap(QSize(22, 22)))
        head.addWidget(badge)
        head.addWidget(QLabel(title, objectName="choiceTitle"), 1)
        layout.addLayout(head)
        body = hint_label(text)
        layout.addWidget(body, 1)
        button = QPushButton(button_text, objectName="primary" if primary else "")
        button.setIcon(icon(icon_name, "on_accent" if primary else "text"))
        button.setAccessibleName(button_text)
        button.clicked.connect(slot)
        layout.addWidget(button)
        row.addWidget(card, 1)
        return button

    def create(self) -> None:
        """Open the instance dialog (window-modal); a saved instance is announced."""
        self.dialog = InstanceDialog(self.context.clock, None, self)
        self.dialog.accepted.connect(self._created)
        self.dialog.open()

    def _created(self) -> None:
        if self.dialog is not None and self.dialog.saved_instance is not None:
            self.context.instances_changed.emit()
            self.instance_created.emit(self.dialog.saved_instance.id)

    def load_demo(self) -> None:
        load_example_data(self.context)
        self.demo_loaded.emit()


def load_example_data(context: AppContext) -> bool:
    """The demo instances (with their chats and settings) in an empty database."""
    if not populate_if_empty(context.clock):
        return False
    context.instances_changed.emit()
    context.settings_changed.emit(0)
    context.chats_changed.emit(0)
    return True
