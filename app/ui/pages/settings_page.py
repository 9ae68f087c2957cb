"""A page that edits one configuration section of its instance (Priorizar, Encerramento
automático, Agenda): the section comes from core's registry through the page table, the
edit session saves it with core's `save_section` (validation, conflict check, history).

Subclasses build their fields, implement `read_values()` and `show_values(values)` in the
section's value shape, put `error_label(path)` under fields, and call `changed()` whenever
an input changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QWidget

from app.core.common.validation import Problem
from app.core.config.registry import section
from app.ui.context import AppContext
from app.ui.pages import page_spec
from app.ui.pages.base import Page
from app.ui.pages.edit_session import EditSession, SectionStore
from app.ui.widgets.field_error import FieldError, show_at_fields
from app.ui.widgets.save_footer import SaveFooter


class SettingsPage(Page):
    def __init__(self, instance_id: int, context: AppContext, parent: QWidget | None = None):
        super().__init__(instance_id, context, parent)
        self.error_labels: dict[str, FieldError] = {}
        self.section = section(page_spec(self.key).section)
        self.store = SectionStore(self.section, instance_id, context)
        self.footer = SaveFooter(self, self.save, self.discard, self.load)
        self._outer.addWidget(self.footer)
        self.status_label = self.footer.status_label
        self.save_button = self.footer.save_button
        self.discard_button = self.footer.discard_button
        self.session = EditSession(self, self.store, self.footer, context, instance_id)

    # -- to implement -------------------------------------------------------------------
    def read_values(self) -> Any:
        raise NotImplementedError

    def show_values(self, values: Any) -> None:
        raise NotImplementedError

    # -- the session's form ---------------------------------------------------------------
    def check(self, values: Any) -> list[Problem]:
        return self.store.check(values)

    def error_label(self, path: str) -> FieldError:
        label = FieldError(self)
        self.error_labels[path] = label
        return label

    def show_problems(self, problems: list[Problem]) -> None:
        show_at_fields(self.error_labels, problems)

    def go_to_problem(self, _problems: list[Problem]) -> None:
        """A refused save scrolls to the first message in red (the fields say what is wrong)."""
        shown = [
            label
            for label in self.findChildren(FieldError)
            if label.objectName() == "fieldError" and label.isVisibleTo(self) and label.text()
        ]
        if shown:
            first = min(shown, key=lambda label: label.mapTo(self, QPoint(0, 0)).y())
            self.scroll_area.ensureWidgetVisible(first)

    def load(self) -> None:
        self.session.load()

    def changed(self, *_args) -> None:
        self.session.refresh()

    def has_unsaved_changes(self) -> bool:
        return self.session.dirty()

    def save(self) -> bool:
        return self.session.save()
