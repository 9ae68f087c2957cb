"""Mensagens predefinidas (SPEC §8): a searchable list and the editor of one message.

Unlike the single-record SettingsPage, this page edits one template at a time, so it keeps
its own Salvar (disabled while invalid or unchanged), Ctrl+S and the Salvar / Descartar /
Cancelar guard — asked when switching templates as well as when leaving the page.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.core.common.validation import ValidationError
from app.core.config import versioning
from app.core.storage.models import Chat, Instance, Template
from app.core.templates import store as core
from app.core.templates.fields import FIELDS
from app.core.templates.render import chat_choices, render_text, variable_values
from app.i18n import N_, _, format_time
from app.ui.pages.base import Page, show_edit_state
from app.ui.pages.templates_io import TemplatesFileActions
from app.ui.pages.templates_layout import TemplatesLayout

BLANK = {"title": "", "shortcut": "", "category": None, "content": ""}


class TemplatesPage(TemplatesLayout, TemplatesFileActions, Page):
    title = N_("Predefined messages")
    description = N_(
        "Ready answers your team sends by typing their shortcut (/ola) in the "
        "chat; the variables are filled for each customer."
    )
    saved = Signal()

    # Same Salvar / Descartar / Cancelar dialog as every settings page (tests replace it).

    def __init__(self, instance_id: int, context, parent: QWidget | None = None) -> None:
        super().__init__(instance_id, context, parent)
        self.current_id: int | None = None  # the template in the editor; None = a new one
        self.editing = False
        self._loaded: dict[str, Any] = dict(BLANK)
        self._chat = None

        self.views = QStackedWidget()
        self.views.addWidget(self._build_empty_state())
        self.views.addWidget(self._build_workspace())
        self.body.addWidget(self.views, 1)
        self.search_field = self.search_edit  # Ctrl+F (the instance view's shortcut)
        self._outer.addWidget(self._build_footer())
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.New, self.new_template),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.chats_changed.connect(self._on_chats_changed)
        context.settings_changed.connect(self._on_settings_changed)
        self._loaded_at = None  # updated_at of the message shown (optimistic versioning)
        self._saving = False
        self.load()

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Re-read the list, categories and chats; keep the template being edited."""
        self._instance = self.instance()
        self._refresh_list()
        self._refresh_chats()
        if self.current_id is not None and Template.get_or_none(id=self.current_id) is None:
            self.current_id, self.editing = None, False
        if self.editing and self.current_id is not None:
            self.show_template(self.current_id)
        elif not self.editing:
            self._show_first()
        self._update_views()

    def _refresh_chats(self) -> None:
        self.preview_panel.set_chats(chat_choices(self.instance_id))

    def _on_chats_changed(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id):
            self._refresh_chats()

    def announce_change(self) -> None:
        """Tell the other views (and the watcher) about our own save; we already show it."""
        self._saving = True
        try:
            self.context.settings_changed.emit(self.instance_id)
        finally:
            self._saving = False

    def _on_settings_changed(self, instance_id: int) -> None:
        """Messages saved elsewhere (another desk): shown unless an edit is under way."""
        if self._saving or instance_id not in (0, self.instance_id):
            return
        if Instance.get_or_none(Instance.id == self.instance_id) is None:
            return  # deleted elsewhere: the instance view goes back home
        if not self.has_unsaved_changes():
            self.load()

    def _update_views(self) -> None:
        has_any = bool(self.model.rows) or self.editing
        self.views.setCurrentIndex(1 if has_any else 0)
        self.right.setCurrentIndex(1 if self.editing else 0)
        self.export_action.setEnabled(bool(self.model.rows))

    # -- list ---------------------------------------------------------------------------------
    @property
    def model(self):
        return self.list_panel.model

    def _refresh_list(self) -> None:
        names = core.categories(self.instance_id)
        self.editor.set_categories(names)
        self.list_panel.set_rows(core.list_rows(self.instance_id), names)

    def _on_chosen(self, template_id: int) -> None:
        if self.editing and template_id == self.current_id:
            return
        if not self.confirm_leave():
            self.list_panel.select(self.current_id)
            return
        self.show_template(template_id)

    def _show_first(self) -> None:
        if self.model.visible:
            self.show_template(self.model.row_at(0).id)
        else:
            self.current_id, self.editing = None, False
            self._update_views()

    # -- the editor ---------------------------------------------------------------------------
    def show_template(self, template_id: int | None) -> None:
        template = Template.get_or_none(id=template_id) if template_id is not None else None
        values = BLANK if template is None else {key: getattr(template, key) for key in FIELDS}
        self.current_id = template.id if template else None
        self.editing = True
        self.editor.set_values(values)
        self._loaded = self.editor.values()
        self._loaded_at = template.updated_at if template else None
        self.editor_title.setText(_("Edit message") if template else _("New message"))
        self.duplicate_button.setEnabled(template is not None)
        self.delete_button.setEnabled(template is not None)
        self.list_panel.select(self.current_id)
        self._update_views()
        self.status_label.setText("")
        self.changed()

    def new_template(self) -> None:
        if not self.confirm_leave():
            return
        self.show_template(None)
        self.editor.title_edit.setFocus()

    def has_unsaved_changes(self) -> bool:
        return self.editing and self.editor.values() != self._loaded

    def changed(self) -> None:
        values = self.editor.values()
        problems, _clean = core.check_template(self.instance_id, values, self.current_id)
        dirty = values != self._loaded
        # A fresh, untouched "new message" form is not shouted at before anything is typed.
        pristine = self.current_id is None and not dirty
        self.editor.show_problems([] if pristine else problems)
        show_edit_state(self, dirty, problems)
        content_ok = not any(p.path == "content" for p in problems)
        self.copy_button.setEnabled(content_ok)
        self._update_preview()

    # -- preview and copy -----------------------------------------------------------------------
    def _on_chat_chosen(self, *_args) -> None:
        chat_id = self.preview_panel.chosen_chat_id()
        self._chat = Chat.get_or_none(id=chat_id) if chat_id is not None else None
        self._update_preview()

    def rendered_text(self) -> str:
        now = self.context.clock.now()
        values = variable_values(self._instance, self._chat, now)
        return render_text(self.editor.values()["content"], values)

    def _update_preview(self) -> None:
        local = self.context.clock.now().astimezone(ZoneInfo(self._instance.timezone))
        self.preview_panel.preview.show_message(self.rendered_text(), format_time(local))

    def copy_rendered(self) -> None:
        QGuiApplication.clipboard().setText(self.rendered_text())
        who = self.preview_panel.chat_combo.currentText()
        self.status_label.setText(_("Copied with the data of {who}.").format(who=who))

    # -- save, discard, duplicate, delete ---------------------------------------------------------
    def save(self) -> bool:
        if not self.save_button.isEnabled():
            return not self.has_unsaved_changes()
        values = self.editor.values()
        clock = self.context.clock
        try:
            if self.current_id is None:
                template = core.create_template(self._instance, values, clock)
            else:
                template = Template.get_or_none(id=self.current_id) or Template(
                    id=self.current_id, instance=self.instance_id
                )
                core.update_template(template, values, clock, loaded_at=self._loaded_at)
        except ValidationError as exc:
            self.editor.show_problems(exc.problems)
            self.status_label.setText(_("Not saved: fix the fields marked in red."))
            return False
        except versioning.ConflictError as exc:  # the edits stay; Descartar shows what is saved
            self.status_label.setText(
                _(
                    "{reason} Your changes were not saved; they are still on the screen. "
                    "Discard them to see what is saved now."
                ).format(reason=str(exc))
            )
            return False
        self.current_id, self.editing = template.id, True
        self.load()
        self.status_label.setText(_("Saved."))
        self.announce_change()
        self.saved.emit()
        return True

    def discard(self) -> None:
        if self.current_id is not None:
            self.show_template(self.current_id)
        else:
            self.editing = False
            self._show_first()
            self._update_views()

    def duplicate_template(self) -> None:
        if self.current_id is None or not self.confirm_leave():
            return
        copy = core.duplicate_template(Template.get_by_id(self.current_id), self.context.clock)
        self.current_id = copy.id
        self.load()
        self.status_label.setText(
            _("Copy created as {shortcut}: adjust its title and shortcut.").format(
                shortcut=copy.shortcut
            )
        )
        self.editor.title_edit.setFocus()
        self.editor.title_edit.selectAll()
        self.announce_change()

    def delete_template(self) -> None:
        if self.current_id is None:
            return
        template = Template.get_by_id(self.current_id)
        if not self.ask_delete(template.title, template.shortcut):
            return
        position = self.model.position_of(template.id) or 0
        core.delete_template(template, self.context.clock)
        self.current_id, self.editing = None, False
        self._refresh_list()
        if self.model.visible:
            self.show_template(self.model.row_at(min(position, len(self.model.visible) - 1)).id)
        self._update_views()
        self.status_label.setText(_("Deleted {shortcut}.").format(shortcut=template.shortcut))
        self.announce_change()

    def ask_delete(self, title: str, shortcut: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Delete message"))
        box.setText(
            _("Delete “{title}” ({shortcut})? This cannot be undone.").format(
                title=title, shortcut=shortcut
            )
        )
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete
