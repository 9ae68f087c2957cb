"""The shape every page shares: `load()` from core, validate as the user types, `save()`.

`Page` is a read-only view (Atendimentos, Histórico); `SettingsPage` adds the Salvar button
(disabled while invalid or unchanged), Ctrl+S, errors under fields, and the
Salvar / Descartar / Cancelar guard when leaving with unsaved changes.

Several desks may edit one database: a SettingsPage reloads by itself when the settings
change elsewhere and it has no unsaved edits; a save over someone else's newer change of the
same page is refused by core (`versioning.ConflictError`) with the edits kept on screen and
a Recarregar button.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.common.validation import Problem, ValidationError, errors
from app.core.config import versioning
from app.core.config.registry import section
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.context import AppContext
from app.ui.icons import icon
from app.ui.widgets.field_error import FieldError


class Page(QWidget):
    """A page of an instance. Subclasses build their widgets and implement `load()`."""

    title = ""  # N_()-marked by subclasses
    description = ""
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
        self.title_label = QLabel(_(self.title), objectName="pageTitle")
        hl.addWidget(self.title_label)
        if self.description:
            desc = QLabel(_(self.description), objectName="pageDescription")
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
        box.setText(_("The page “{page}” has unsaved changes.").format(page=_(self.title)))
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
        frame = QFrame(objectName="card")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(8)
        if title:
            layout.addWidget(QLabel(title, objectName="cardTitle"))
        self.body.addWidget(frame)
        return layout


def show_edit_state(page: Page, dirty: bool, problems: list[Problem]) -> None:
    """Save and Descartar of a page with unsaved edits, and the line that says why not."""
    page.save_button.setEnabled(dirty and not errors(problems))
    page.discard_button.setEnabled(dirty)
    if dirty:
        blocked = errors(problems)
        page.status_label.setText(
            _("Fix the fields marked in red to save.") if blocked else _("Unsaved changes.")
        )


class SettingsPage(Page):
    """A page that edits settings. Subclasses implement:

    - `read_values() -> dict` — the current widget values;
    - `show_values(values)` — put stored values into the widgets (`load` calls it);
    - `stored_values() -> dict` — the values in the database;
    - `check(values) -> list[Problem]` — core validation (paths match `error_labels`);
    - `write(values)` — save through core (raise ValidationError on refusal), passing
      `expect=self.expectation` so a save over someone else's change is refused;
    - `section_key` — the config section the page edits (`app.core.config.section`).
    Call `self.changed()` whenever an input changes.
    """

    saved = Signal()
    section_key: str | None = None

    def __init__(self, instance_id: int, context: AppContext, parent: QWidget | None = None):
        super().__init__(instance_id, context, parent)
        self.error_labels: dict[str, FieldError] = {}
        self._loaded: dict[str, Any] = {}
        self._loading = False
        self._saving = False
        self.expectation: versioning.Expectation | None = None
        footer = QWidget(objectName="pageFooter")
        fl = QHBoxLayout(footer)
        fl.setContentsMargins(28, 10, 28, 12)
        self.status_label = QLabel(objectName="saveStatus")
        self.status_label.setWordWrap(True)
        fl.addWidget(self.status_label, 1)
        self.reload_button = QPushButton(_("Reload"))
        self.reload_button.setAccessibleName(_("Reload"))
        self.reload_button.setToolTip(_("Show what is saved now (your changes are discarded)"))
        self.reload_button.clicked.connect(self.load)
        self.reload_button.hide()
        fl.addWidget(self.reload_button)
        self.discard_button = QPushButton(icon("undo"), _("Discard changes"))
        self.discard_button.setAccessibleName(_("Discard changes"))
        self.discard_button.clicked.connect(self.discard)
        fl.addWidget(self.discard_button)
        self.save_button = QPushButton(icon("save", "on_accent"), _("Save"), objectName="primary")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        fl.addWidget(self.save_button)
        self._outer.addWidget(footer)
        self._footer = footer
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        context.settings_changed.connect(self._settings_changed_elsewhere)

    # -- to implement -------------------------------------------------------------------
    def read_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_values(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def stored_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def check(self, values: dict[str, Any]) -> list[Problem]:
        return []

    def write(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    # -- shared behaviour ---------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        # The footer is built before the subclass's fields; Tab should reach it last.
        if not getattr(self, "_tab_order_fixed", False):
            self._tab_order_fixed = True
            fields, widget = [], self.nextInFocusChain()
            while widget is not self and self.isAncestorOf(widget):
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not (
                    self._footer.isAncestorOf(widget)
                ):
                    fields.append(widget)
                widget = widget.nextInFocusChain()
            if fields:
                QWidget.setTabOrder(fields[-1], self.discard_button)
                QWidget.setTabOrder(self.discard_button, self.save_button)
        super().showEvent(event)

    def error_label(self, path: str) -> FieldError:
        label = FieldError(self)
        self.error_labels[path] = label
        return label

    def load(self) -> None:
        self._loading = True
        try:
            if self.section_key is not None:  # before the values: see versioning.expect
                self.expectation = versioning.expect(self.instance_id, section(self.section_key))
            self._loaded = self.stored_values()
            self.show_values(self._loaded)
        finally:
            self._loading = False
        self.status_label.setText("")
        self.reload_button.hide()
        self.changed()

    def _settings_changed_elsewhere(self, instance_id: int = 0) -> None:
        """Show what another page, desk or command saved, unless the user is editing."""
        if self._saving or instance_id not in (0, self.instance_id):
            return
        if Instance.get_or_none(Instance.id == self.instance_id) is None:
            return  # deleted elsewhere: the instance view goes back home
        if self.expectation is not None and (
            versioning.current_version(self.instance_id) == self.expectation.version
        ):
            return  # nothing of this instance's configuration moved
        if not self.has_unsaved_changes():
            self.load()

    def has_unsaved_changes(self) -> bool:
        return self.read_values() != self._loaded

    def changed(self) -> None:
        if self._loading:
            return
        values = self.read_values()
        problems = self.check(values)
        self.show_problems(problems)
        show_edit_state(self, values != self._loaded, problems)

    def show_problems(self, problems: list[Problem]) -> None:
        by_path: dict[str, Problem] = {}
        for problem in problems:
            # An error outranks a warning on the same field.
            if problem.path not in by_path or by_path[problem.path].warning:
                by_path[problem.path] = problem
        for path, label in self.error_labels.items():
            problem = by_path.get(path)
            label.show_message(
                problem.message if problem else None, warning=bool(problem and problem.warning)
            )

    def save(self) -> bool:
        if not self.save_button.isEnabled():
            return not self.has_unsaved_changes()
        values = self.read_values()
        try:
            self.write(values)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            self.status_label.setText(_("Not saved: fix the fields marked in red."))
            return False
        except versioning.ConflictError as exc:
            self.show_conflict(exc)
            return False
        self.load()
        self.status_label.setText(_("Saved."))
        self._saving = True
        try:
            self.context.settings_changed.emit(self.instance_id)
        finally:
            self._saving = False
        self.saved.emit()
        return True

    def show_conflict(self, exc: versioning.ConflictError) -> None:
        """Refused: keep the edits on screen, say why, offer Recarregar."""
        self.status_label.setText(
            _(
                "{reason} Your changes were not saved; they are still on the screen. Reload "
                "to see what is saved now."
            ).format(reason=str(exc))
        )
        self.reload_button.setVisible(not exc.deleted)
