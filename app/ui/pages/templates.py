"""Mensagens predefinidas (SPEC §8): a searchable list and the editor of one message.

The editor is an edit session like every settings page's (same footer, save, conflict and
"changed elsewhere" refresh), over one message at a time: the Salvar / Descartar / Cancelar
guard is asked when switching messages as well as when leaving the page.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.common.validation import Problem
from app.core.storage.models import Chat, Instance, Template
from app.core.templates import store as core
from app.core.templates.fields import FIELDS
from app.core.templates.render import chat_choices, render_text, variable_values
from app.i18n import _, format_time
from app.ui.emoji import shown_text
from app.ui.pages.base import Page
from app.ui.pages.edit_session import EditSession
from app.ui.pages.templates_io import TemplatesCsv
from app.ui.pages.templates_layout import TemplatesViews
from app.ui.widgets.save_footer import SaveFooter
from app.ui.widgets.template_editor import editable

BLANK = {"title": "", "shortcut": "", "category": None, "content": ""}


class TemplateStore:
    """The message in the editor (`current_id` None: a new one), saved by core's store."""

    def __init__(self, instance_id: int, context) -> None:
        self.instance_id = instance_id
        self.context = context
        self.current_id: int | None = None
        self.loaded_at = None  # updated_at of the message shown (optimistic versioning)

    def read(self) -> dict[str, Any]:
        found = self.current_id is not None and Template.get_or_none(id=self.current_id)
        self.current_id = found.id if found else None
        self.loaded_at = found.updated_at if found else None
        return editable({key: getattr(found, key) for key in FIELDS} if found else BLANK)

    def write(self, values: dict[str, Any]) -> None:
        clock = self.context.clock
        if self.current_id is None:
            instance = Instance.get_by_id(self.instance_id)
            self.current_id = core.create_template(instance, values, clock).id
            return
        template = Template.get_or_none(id=self.current_id) or Template(
            id=self.current_id, instance=self.instance_id
        )
        core.update_template(template, values, clock, loaded_at=self.loaded_at)

    def moved(self) -> bool:
        return True  # a message's own timestamp is checked when saving


class TemplatesPage(Page):
    key = "templates"

    def __init__(self, instance_id: int, context, parent: QWidget | None = None) -> None:
        super().__init__(instance_id, context, parent)
        self.editing = False
        self._chat = None
        self.csv = TemplatesCsv(self)
        self.views = TemplatesViews(self)
        self.body.addWidget(self.views, 1)
        self.editor = self.views.editor
        self.search_field = self.views.search_edit  # Ctrl+F (the instance view's shortcut)
        self.footer = SaveFooter(self, self.save, self.discard, self.load)
        self._outer.addWidget(self.footer)
        self.status_label = self.footer.status_label
        self.save_button = self.footer.save_button
        self.discard_button = self.footer.discard_button
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_template)
        context.chats_changed.connect(self._on_chats_changed)
        self.store = TemplateStore(instance_id, context)
        self.session = EditSession(self, self.store, self.footer, context, instance_id)
        self.load()

    @property
    def current_id(self) -> int | None:
        """The message in the editor; None = a new one."""
        return self.store.current_id

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Re-read the list, categories and chats; keep the template being edited."""
        self._instance = self.instance()
        self._refresh_list()
        self._refresh_chats()
        if self.current_id is not None and Template.get_or_none(id=self.current_id) is None:
            self.store.current_id, self.editing = None, False
        if self.editing and self.current_id is not None:
            self.show_template(self.current_id)
        elif not self.editing:
            self._show_first()
        self._update_views()

    def _refresh_chats(self) -> None:
        self.views.preview_panel.set_chats(chat_choices(self.instance_id))

    def _on_chats_changed(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id):
            self._refresh_chats()

    def announce_change(self) -> None:
        self.session.announce()

    def _update_views(self) -> None:
        has_any = bool(self.model.rows) or self.editing
        self.views.setCurrentIndex(1 if has_any else 0)
        self.views.right.setCurrentIndex(1 if self.editing else 0)
        self.views.export_action.setEnabled(bool(self.model.rows))
        if not self.editing:  # no message on screen: nothing to save or discard
            self.footer.show_state(False, [])

    # -- list ---------------------------------------------------------------------------------
    @property
    def model(self):
        return self.views.list_panel.model

    def _refresh_list(self) -> None:
        names = core.categories(self.instance_id)
        self.editor.set_categories(names)
        self.views.list_panel.set_rows(core.list_rows(self.instance_id), names)

    def choose_template(self, template_id: int) -> None:
        if self.editing and template_id == self.current_id:
            return
        if not self.confirm_leave():
            self._select_current()
            return
        self.show_template(template_id)

    def _select_current(self) -> None:
        """The list highlights the message in the editor: now (keyboard), and again once the
        click that chose another one has finished (the view selects the clicked row last)."""
        self.views.list_panel.select(self.current_id)
        QTimer.singleShot(0, self, lambda: self.views.list_panel.select(self.current_id))

    def _show_first(self) -> None:
        if self.model.visible:
            self.show_template(self.model.row_at(0).id)
        else:
            self.store.current_id, self.editing = None, False
            self._update_views()

    # -- the editor (the session's form) --------------------------------------------------------
    def show_template(self, template_id: int | None) -> None:
        self.store.current_id = template_id
        self.editing = True
        self.session.load()
        shown = self.current_id is not None
        self.views.editor_title.setText(_("Edit message") if shown else _("New message"))
        self.views.duplicate_button.setEnabled(shown)
        self.views.delete_button.setEnabled(shown)
        self.views.list_panel.select(self.current_id)
        self._update_views()

    def new_template(self) -> None:
        if not self.confirm_leave():
            return
        self.show_template(None)
        self.editor.title_edit.setFocus()

    def read_values(self) -> dict[str, Any]:
        return self.editor.values()

    def show_values(self, values: dict[str, Any]) -> None:
        self.editor.set_values(values)

    def check(self, values: dict[str, Any]) -> list[Problem]:
        return core.check_template(self.instance_id, values, self.current_id)[0]

    def show_problems(self, problems: list[Problem]) -> None:
        # A fresh, untouched "new message" form is not shouted at before anything is typed.
        pristine = self.current_id is None and not self.session.dirty()
        self.editor.show_problems([] if pristine else problems)

    def go_to_problem(self, problems: list[Problem]) -> None:
        """A refused save: the list shows this message and the cursor goes to its first
        field in red."""
        self._select_current()
        fields = self.editor.fields()
        paths = [p.path for p in problems if not p.warning and p.path in fields]
        if paths:
            first = min(paths, key=list(fields).index)
            fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def has_unsaved_changes(self) -> bool:
        return self.editing and self.session.dirty()

    def changed(self, *_args) -> None:
        problems = self.session.refresh()
        self.views.copy_button.setEnabled(not any(p.path == "content" for p in problems))
        self._update_preview()

    # -- preview and copy -----------------------------------------------------------------------
    def choose_chat(self, *_args) -> None:
        chat_id = self.views.preview_panel.chosen_chat_id()
        self._chat = Chat.get_or_none(id=chat_id) if chat_id is not None else None
        self._update_preview()

    def rendered_text(self) -> str:
        now = self.context.clock.now()
        values = variable_values(self._instance, self._chat, now)
        return render_text(self.editor.values()["content"], values)

    def _update_preview(self) -> None:
        local = self.context.clock.now().astimezone(ZoneInfo(self._instance.timezone))
        shown = shown_text(self.rendered_text())  # the copy keeps the real emoji
        self.views.preview_panel.preview.show_message(shown, format_time(local))

    def copy_rendered(self) -> None:
        QGuiApplication.clipboard().setText(self.rendered_text())
        who = self.views.preview_panel.chat_combo.currentText()
        self.status_label.setText(_("Copied with the data of {who}.").format(who=who))

    # -- save, discard, duplicate, delete ---------------------------------------------------------
    def save(self) -> bool:
        return self.session.save() if self.editing else True

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
        self.store.current_id = copy.id
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
        self.store.current_id, self.editing = None, False
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
