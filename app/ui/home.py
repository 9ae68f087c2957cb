"""Home: the list of instances with create / edit / duplicate / delete and Entrar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.core.instances.plans import plan_label
from app.i18n import N_, _
from app.ui.context import AppContext
from app.ui.icons import icon
from app.ui.widgets.table import read_only_table

if TYPE_CHECKING:  # the database layer loads after the window's first frame (MainWindow.load)
    from app.core.storage.models import Instance
    from app.ui.dialogs.instance_dialog import InstanceDialog
    from app.ui.widgets.empty_state import EmptyState

COLUMNS = (N_("Name"), N_("WhatsApp number"), N_("Plan"), N_("Time zone"))


class InstancesModel(QStandardItemModel):
    """The instances as plain items: Qt paints the list (and its header) without calling
    back into Python."""

    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels([_(column) for column in COLUMNS])
        self.rows: list[Instance] = []

    def reload(self) -> None:
        from app.core.instances.phones import format_phone
        from app.core.instances.store import list_instances
        from app.core.instances.zone_names import zone_labels

        self.rows = list_instances()
        labels = zone_labels({row.timezone for row in self.rows})
        self.setRowCount(0)
        for row in self.rows:
            cells = (row.name, format_phone(row.phone), plan_label(row.plan))
            items = [QStandardItem(text) for text in cells]
            zone = QStandardItem(labels[row.timezone])  # "Horário de Brasília (São Paulo)"
            zone.setToolTip(row.timezone)
            self.appendRow([*items, zone])


class HomePage(QWidget):
    enter_requested = Signal(int)

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, load: bool = True
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 26, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(QLabel(_("Instances"), objectName="pageTitle"))
        subtitle = QLabel(
            _("Choose a WhatsApp number to configure its Atendimento section."),
            objectName="pageDescription",
        )
        layout.addWidget(subtitle)

        bar = QHBoxLayout()
        self.new_button = self._button(_("New instance"), self.create, bar, icon_name="plus")
        self.edit_button = self._button(_("Edit"), self.edit, bar, icon_name="edit")
        self.duplicate_button = self._button(_("Duplicate"), self.duplicate, bar, icon_name="copy")
        self.delete_button = self._button(_("Delete"), self.delete, bar, "danger", "trash")
        bar.addStretch(1)
        self.enter_button = self._button(
            _("Enter the instance"), self.enter, bar, "primary", "enter"
        )
        layout.addLayout(bar)

        self.model = InstancesModel()
        self.table = read_only_table(self.model, _("Instances"))
        self.column_fit: QObject | None = None  # with the first rows, after the first frame
        self.table.doubleClicked.connect(self.enter)
        self.table.activated.connect(self.enter)

        self.empty: EmptyState | None = None  # made when the list is first found empty

        holder = QWidget()
        self.stack = QStackedLayout(holder)
        self.stack.addWidget(self.table)
        layout.addWidget(holder, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        if load:  # else the window calls reload() once the database is open
            self.reload()
        context.instances_changed.connect(self.reload)  # also what other desks change

    def _button(self, text, slot, bar, name=None, icon_name=None) -> QPushButton:
        button = QPushButton(text)
        if name:
            button.setObjectName(name)
        if icon_name:
            token = {"primary": "on_accent", "danger": "danger"}.get(name or "", "text")
            button.setIcon(icon(icon_name, token))
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def reload(self, select_id: int | None = None) -> None:
        previous = select_id or (self.selected().id if self.selected() else None)
        self.model.reload()
        self.loaded = True
        if self.column_fit is None:
            # The name stretches; the number keeps its width; plan and zone as wide as they
            # read ("Horário do Amazonas (Manaus)" was cut in a quarter of the width). Not
            # before the first frame: its flags would build PySide's `Qt` namespace (~11 ms).
            from app.ui.widgets.column_fit import ColumnFit

            self.column_fit = ColumnFit(self.table, main=0, main_minimum=160, fixed=(1,))
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty_state())
        row = next((i for i, r in enumerate(self.model.rows) if r.id == previous), 0)
        if self.model.rows:
            self.table.selectRow(row)
            self.table.setFocus()  # Enter opens the selected instance at once
        self._update_buttons()

    def empty_state(self) -> EmptyState:
        if self.empty is None:
            from app.ui.widgets.empty_state import EmptyState

            self.empty = EmptyState(
                "overview",
                _("No instance yet"),
                _(
                    "Create the first one to configure the attendance of your WhatsApp number, "
                    "or explore Atende with example data."
                ),
            )
            self.empty.add_action(_("Use example data"), self.load_demo, "sparkles")
            self.empty.add_action(_("Create the first instance"), self.create, "plus", primary=True)
            self.stack.addWidget(self.empty)
        return self.empty

    def selected(self) -> Instance | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def _update_buttons(self, *_args) -> None:
        self.new_button.setEnabled(self.loaded)  # no database before the first reload()
        has = self.selected() is not None
        for b in (self.edit_button, self.duplicate_button, self.delete_button, self.enter_button):
            b.setEnabled(has)

    def open_dialog(
        self, instance: Instance | None, copy_of: Instance | None = None
    ) -> InstanceDialog:
        """The dialog (not yet shown); tests drive it directly."""
        from app.ui.dialogs.instance_dialog import InstanceDialog

        return InstanceDialog(self.context.clock, instance, self, copy_of=copy_of)

    def run_dialog(self, dialog: InstanceDialog) -> None:
        """Show a New/Duplicar dialog; select what it created (Cancel creates nothing)."""
        if dialog.exec() and dialog.saved_instance is not None:
            self.reload(dialog.saved_instance.id)
            self.context.instances_changed.emit()

    def create(self) -> None:
        self.run_dialog(self.open_dialog(None))

    def edit(self) -> None:
        instance = self.selected()
        if instance is None:
            return
        dialog = self.open_dialog(instance)
        if dialog.exec():
            self.reload(instance.id)
            self.context.instances_changed.emit()
            self.context.settings_changed.emit(instance.id)
        else:  # cancelled, or found changed or deleted by someone else: show what is stored
            self.reload()

    def duplicate(self) -> None:
        """Asks the copy's name and its own number (one number, one instance)."""
        instance = self.selected()
        if instance is not None:
            self.run_dialog(self.open_dialog(None, copy_of=instance))

    def confirm_delete(self, instance: Instance) -> bool:
        """Excluir / Cancelar (never Sim / Não); Cancel is the default."""
        from app.ui.widgets import confirm

        return confirm.ask(
            self,
            _("Delete instance"),
            _(
                "Delete “{name}”? Its chats and predefined messages are deleted too. This cannot "
                "be undone."
            ).format(name=instance.name),
            _("Delete"),
        )

    def delete(self) -> None:
        instance = self.selected()
        if instance is None or not self.confirm_delete(instance):
            return
        from app.core.instances.store import delete_instance

        delete_instance(instance, self.context.clock)
        self.reload()
        self.context.instances_changed.emit()
        self.context.settings_changed.emit(instance.id)

    def load_demo(self) -> None:
        from app.ui.welcome import load_example_data

        load_example_data(self.context)
        self.reload()

    def enter(self, *_args) -> None:
        instance = self.selected()
        if instance is not None:
            self.enter_requested.emit(instance.id)
