"""One edit session for every page that edits: load → edit → validate through core →
save or discard → refused over someone else's change, or refreshed when changed elsewhere.

A page composes an `EditSession` with what it shows (a `Form`: read the widgets, show values,
check through core, show problems) and where the values live (a `Store`: read, write, and
whether what was read moved since). The session keeps the values as loaded, drives the
`SaveFooter` and the Salvar / Descartar / Cancelar guard answers; it decides nothing about the
data: validation, the save transaction, its history line and the conflict check are core's.
Several desks may edit one database: a page without unsaved edits reloads by itself when the
settings change elsewhere; a save over someone else's newer change is refused by core
(`versioning.ConflictError`) with the edits kept on screen and Recarregar offered.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.common.validation import Problem, ValidationError
from app.core.config import versioning
from app.core.config.section import Section, instance_fields, save_section
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.context import AppContext
from app.ui.widgets.save_footer import SaveFooter


class Form(Protocol):
    """What the page shows: its widgets' values and what core says about them."""

    def read_values(self) -> Any: ...
    def show_values(self, values: Any) -> None: ...
    def check(self, values: Any) -> list[Problem]: ...
    def show_problems(self, problems: list[Problem]) -> None: ...
    def load(self) -> None: ...  # read everything the page shows again
    def changed(self) -> None: ...  # after any edit: `refresh()`, then the page's previews
    def has_unsaved_changes(self) -> bool: ...
    def go_to_problem(self, problems: list[Problem]) -> None: ...  # save refused: show the first


class Store(Protocol):
    """Where the edited values live."""

    def read(self) -> Any: ...  # the stored values (remember what was shown)
    def write(self, values: Any) -> None: ...  # raises ValidationError / ConflictError
    def moved(self) -> bool: ...  # may what was read have changed elsewhere since?


class SectionStore:
    """A configuration section of one instance, saved by core's `save_section`."""

    def __init__(self, section: Section, instance_id: int, context: AppContext) -> None:
        self.section = section
        self.instance_id = instance_id
        self.context = context
        self.expectation: versioning.Expectation | None = None

    def read(self) -> Any:
        self.expectation = versioning.expect(self.instance_id, self.section)
        return self.expectation.exported

    def check(self, values: Any) -> list[Problem]:
        instance = Instance.get_by_id(self.instance_id)
        return self.section.validate(values, self.section.key, instance_fields(instance))

    def write(self, values: Any) -> None:
        instance = Instance.get_by_id(self.instance_id)
        save_section(self.section, instance, values, self.context.clock, self.expectation)

    def moved(self) -> bool:
        version = versioning.current_version(self.instance_id)
        return self.expectation is None or version != self.expectation.version


class EditSession(QObject):
    """Owned by the page (a QObject child: its connections end with the page)."""

    def __init__(
        self, form: QWidget, store: Store, footer: SaveFooter, context: AppContext, instance_id: int
    ) -> None:
        super().__init__(form)
        self.form: Form = form  # type: ignore[assignment]  # the page is both
        self.store = store
        self.footer = footer
        self.context = context
        self.instance_id = instance_id
        self.loaded: Any = None
        self.loading = False
        self._saving = False
        context.settings_changed.connect(self._changed_elsewhere)

    def load(self) -> None:
        """Show the stored values; the edits (if any) are dropped."""
        self.loading = True
        try:
            self.loaded = self.store.read()
            self.form.show_values(self.loaded)
        finally:
            self.loading = False
        self.footer.show_loaded()
        self.form.changed()

    def dirty(self) -> bool:
        return self.form.read_values() != self.loaded

    def refresh(self) -> list[Problem]:
        """After an edit: check through core, show what it says, enable Salvar/Descartar."""
        if self.loading:
            return []
        values = self.form.read_values()
        problems = self.form.check(values)
        self.form.show_problems(problems)
        self.footer.show_state(values != self.loaded, problems)
        return problems

    def save(self) -> bool:
        if not self.footer.save_button.isEnabled():
            if not self.dirty():
                return True
            # Blocked by errors: say so (also after the guard's Salvar) and go to the first.
            self._refused(self.refresh())
            return False
        try:
            self.store.write(self.form.read_values())
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            self._refused(exc.problems)
            return False
        except versioning.ConflictError as exc:
            self.footer.show_refused(str(exc), can_reload=not exc.deleted)
            return False
        self.form.load()
        self.footer.say(_("Saved."))
        self.announce()
        return True

    def _refused(self, problems: list[Problem]) -> None:
        self.footer.say(_("Not saved: fix the fields marked in red."))
        if problems:
            self.form.go_to_problem(problems)

    def announce(self) -> None:
        """Tell the other views (and the watcher) about our own save; we already show it."""
        self._saving = True
        try:
            self.context.settings_changed.emit(self.instance_id)
        finally:
            self._saving = False

    def _changed_elsewhere(self, instance_id: int = 0) -> None:
        """Show what another page, desk or command saved, unless the user is editing."""
        if self._saving or instance_id not in (0, self.instance_id):
            return
        if Instance.get_or_none(Instance.id == self.instance_id) is None:
            return  # deleted elsewhere: the instance view goes back home
        if self.store.moved() and not self.form.has_unsaved_changes():
            self.form.load()
