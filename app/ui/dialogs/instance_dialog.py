"""Create or edit an instance: name, phone, plan, time zone, validated as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.core.common.clock import Clock
from app.core.common.validation import ValidationError, errors
from app.core.config.identity import edit_instance
from app.core.config.versioning import ConflictError
from app.core.instances.phones import format_phone
from app.core.instances.plans import PLANS, plan_label
from app.core.instances.store import NAME_MAX, create_instance, validate_fields
from app.core.instances.timezones import DEFAULT_TIMEZONE, brazilian_zones, zones_for_picker
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.accessibility import name_buttons
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.hint import hint_label


class InstanceDialog(QDialog):
    def __init__(
        self, clock: Clock, instance: Instance | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.instance = instance
        self.saved_instance: Instance | None = None
        self.setWindowTitle(_("Edit instance") if instance else _("New instance"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        intro = hint_label(_("Each instance is one WhatsApp number of Notificações Inteligentes."))
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        self.errors: dict[str, FieldError] = {}

        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX + 20)  # longer text still gets a clear message
        self.name.setPlaceholderText(_("e.g. Loja Centro"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("(11) 91234-5678")
        self.plan = QComboBox()
        for plan in PLANS:
            self.plan.addItem(plan_label(plan), plan)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        zones = zones_for_picker()
        br_count = len(brazilian_zones())
        self.timezone.addItems(zones[:br_count])
        self.timezone.insertSeparator(br_count)
        self.timezone.addItems(zones[br_count:])
        completer = QCompleter(zones)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)

        for key, label, widget in (
            ("name", _("Name"), self.name),
            ("phone", _("WhatsApp number"), self.phone),
            ("plan", _("Plan"), self.plan),
            ("timezone", _("Time zone"), self.timezone),
        ):
            widget.setAccessibleName(label)
            # A widget, not a bare layout, per row: PySide does not hand a layout given to
            # addRow() over to Qt, and the double delete crashed the app when it quit.
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            self.errors[key] = FieldError(self)
            box.addWidget(self.errors[key])
            form.addRow(label, cell)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primary")
        name_buttons(self.buttons)
        layout.addWidget(self.buttons)

        if instance is not None:
            self.name.setText(instance.name)
            self.phone.setText(format_phone(instance.phone))
            self.plan.setCurrentIndex(max(0, self.plan.findData(instance.plan)))
            self.timezone.setCurrentText(instance.timezone)
        else:
            self.plan.setCurrentIndex(self.plan.findData("intermediario"))
            self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self._touched: set[str] = set()
        self.name.textEdited.connect(lambda: self._touch("name"))
        self.phone.textEdited.connect(lambda: self._touch("phone"))
        self.plan.currentIndexChanged.connect(lambda: self._touch("plan"))
        self.timezone.currentTextChanged.connect(lambda: self._touch("timezone"))
        self.validate()

    def values(self) -> dict:
        return {
            "name": self.name.text(),
            "phone": self.phone.text(),
            "plan": self.plan.currentData(),
            "timezone": self.timezone.currentText(),
        }

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self.validate()

    def validate(self, show_all: bool = False) -> bool:
        current_id = self.instance.id if self.instance else None
        problems, _clean = validate_fields(self.values(), current_id=current_id)
        self._show(problems, show_all)
        ok = not errors(problems)
        self.save_button.setEnabled(ok)
        return ok

    def _show(self, problems, show_all: bool) -> None:
        by_path = {p.path: p.message for p in problems}
        # An untouched empty new form shows no red yet; edited fields speak at once.
        editing = self.instance is not None
        for key, label in self.errors.items():
            visible = show_all or editing or key in self._touched
            label.show_message(by_path.get(key) if visible else None)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Grow when an error appears under a field, instead of squeezing the fields (the
        wrapped error labels make the height depend on the width)."""
        layout = self.layout()
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if self.height() < needed:
            self.resize(self.width(), needed)

    def accept(self) -> None:
        if not self.validate(show_all=True):
            return
        try:
            if self.instance is None:
                self.saved_instance = create_instance(self.values(), self.clock)
            else:
                edit_instance(self.instance, self.values(), self.clock)
                self.saved_instance = self.instance
        except ValidationError as exc:
            self._show(exc.problems, True)
            return
        except ConflictError as exc:
            self._conflict(exc)
            return
        super().accept()

    def _conflict(self, exc: ConflictError) -> None:
        """Someone else changed (or deleted) this instance since the dialog opened: nothing
        was saved. Say what is stored now; the typed values stay, and saving again replaces
        it knowingly. A deleted instance closes the dialog."""
        stored = None if exc.deleted else Instance.get_or_none(Instance.id == self.instance.id)
        if stored is None:
            self.show_conflict(str(exc))
            self.reject()
            return
        self.instance = stored  # the next Save compares with what is stored now
        self.show_conflict(
            _(
                "Someone else changed this instance while you were editing it, so nothing was "
                "saved. It is now: {name}, {phone}, plan {plan}, {timezone}. Your values are "
                "still here: save again to replace it, or cancel."
            ).format(
                name=stored.name,
                phone=format_phone(stored.phone),
                plan=plan_label(stored.plan),
                timezone=stored.timezone,
            )
        )

    def show_conflict(self, text: str) -> None:
        """A modal message (tests replace it on the instance)."""
        QMessageBox.warning(self, self.windowTitle(), text)
