"""Create, edit or duplicate an instance: name, phone, plan, time zone, validated as the user
types. Warnings (not errors) under a field: a number another instance already uses (saving it
asks to confirm), and a plan that stops Priorizar atendimento."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.core.common.clock import Clock
from app.core.common.validation import Problem, ValidationError, errors
from app.core.config.identity import edit_instance
from app.core.config.transfer import duplicate_instance
from app.core.config.versioning import ConflictError
from app.core.instances import phone_reuse, priority
from app.core.instances.phones import format_phone
from app.core.instances.plans import PLANS, plan_label
from app.core.instances.store import NAME_MAX, create_instance, unique_copy_name, validate_fields
from app.core.instances.timezones import DEFAULT_TIMEZONE
from app.core.instances.zone_names import zone_label
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.accessibility import name_buttons
from app.ui.widgets.confirm import question_box
from app.ui.widgets.field_error import FieldError, problem_by_path
from app.ui.widgets.hint import hint_label
from app.ui.widgets.zone_picker import ZonePicker


class InstanceDialog(QDialog):
    """New instance (no `instance`), Edit (`instance`), or Duplicar (`copy_of`: a new
    instance with that one's settings, under the name and number typed here)."""

    def __init__(
        self,
        clock: Clock,
        instance: Instance | None = None,
        parent: QWidget | None = None,
        *,
        copy_of: Instance | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.instance = instance
        self.copy_of = copy_of
        self.saved_instance: Instance | None = None
        if copy_of is not None:
            self.setWindowTitle(_("Duplicate instance"))
            intro_text = _(
                "The copy gets the settings and predefined messages of “{name}” (not its "
                "chats). Give it its own name and WhatsApp number: each instance is one "
                "number of Notificações Inteligentes."
            ).format(name=copy_of.name)
        else:
            self.setWindowTitle(_("Edit instance") if instance else _("New instance"))
            intro_text = _("Each instance is one WhatsApp number of Notificações Inteligentes.")
        self.setMinimumWidth(500)  # a zone's name and its IANA name side by side
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(hint_label(intro_text))
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
        self.timezone = ZonePicker()

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

        source = instance or copy_of
        if source is not None:
            self.name.setText(source.name if instance else unique_copy_name(source.name))
            self.phone.setText(format_phone(instance.phone) if instance else "")
            if copy_of is not None:
                self.phone.setFocus()  # the one field a copy must get
            self.plan.setCurrentIndex(max(0, self.plan.findData(source.plan)))
            self.timezone.set_zone(source.timezone)
        else:
            self.plan.setCurrentIndex(self.plan.findData("intermediario"))
            self.timezone.set_zone(DEFAULT_TIMEZONE)
        self._touched: set[str] = set()
        self._shared_with: list[str] = []  # other instances with the number typed
        self._phone: str | None = None  # the number typed, in E.164, when it is one
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
            "timezone": self.timezone.zone(),
        }

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self.validate()

    def validate(self, show_all: bool = False) -> bool:
        current_id = self.instance.id if self.instance else None
        problems, clean = validate_fields(self.values(), current_id=current_id)
        ok = not errors(problems)
        self._phone = clean.get("phone")
        self._shared_with = phone_reuse.names_using_phone(self._phone, current_id)
        problems += phone_reuse.shared_phone_problems(self._shared_with)
        stop = priority.plan_change_warning(self.instance or self.copy_of, self.plan.currentData())
        if stop:
            problems.append(Problem("plan", stop, warning=True))
        self._show(problems, show_all)
        self.save_button.setEnabled(ok)
        return ok

    def _show(self, problems: list[Problem], show_all: bool) -> None:
        by_path = problem_by_path(problems)
        # An untouched empty new form shows no red yet; edited fields speak at once.
        editing = self.instance is not None
        for key, label in self.errors.items():
            shown = by_path.get(key) if show_all or editing or key in self._touched else None
            label.show_message(shown.message if shown else None, bool(shown and shown.warning))
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Grow when an error appears under a field, instead of squeezing the fields (the
        wrapped error labels make the height depend on the width). The field cells' own
        layouts first take in the label just shown (their pending layout requests): else a
        warning on two lines was counted as one and squeezed the number field."""
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
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
        if self._needs_confirming() and not self.confirm_shared_phone(self._shared_with):
            return
        try:
            if self.copy_of is not None:
                self.saved_instance = duplicate_instance(self.copy_of, self.clock, self.values())
            elif self.instance is None:
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

    def _needs_confirming(self) -> bool:
        """A number another instance uses, newly given to this one (an edit that keeps the
        number it had does not ask again at every save)."""
        if not self._shared_with:
            return False
        return self.instance is None or self._phone != self.instance.phone

    def confirm_shared_phone(self, names: list[str]) -> bool:
        """Save a number another instance uses? (A modal question; tests replace it.)"""
        box, save = question_box(
            self,
            _("Number already in use"),
            phone_reuse.reused_phone_message(names),
            _("Save anyway"),
        )
        box.setIcon(QMessageBox.Icon.Warning)
        box.setInformativeText(
            _(
                "Each instance is one WhatsApp number of Notificações Inteligentes: two "
                "instances with the same number are usually a mistake. Save anyway?"
            )
        )
        box.exec()
        return box.clickedButton() is save

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
                timezone=zone_label(stored.timezone),
            )
        )

    def show_conflict(self, text: str) -> None:
        """A modal message (tests replace it on the instance)."""
        QMessageBox.warning(self, self.windowTitle(), text)
