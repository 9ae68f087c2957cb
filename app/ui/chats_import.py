"""Arquivo → Importar atendimentos…: the chats file of `atende chats import`, from the window.

The same steps as the configuration import: read the file, validate all of it and show
what it changes (`chats_preview`), then import all or nothing (`chat_import.import_lines`,
the command's streaming import). Both the preview and the import read the file a block at
a time off the UI thread (a file of 100 000 lines takes seconds);
the questions are methods tests answer without a dialog. A mixin of `FileActions`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.common.validation import Problem, ValidationError
from app.core.storage.models import Instance
from app.core.watcher.chat_import import import_lines, import_summary
from app.core.watcher.chat_lines import file_lines
from app.core.watcher.chats_preview import ChatsPreview, describe_chat_path, preview_file
from app.i18n import N_, _
from app.ui.dialogs.chats_import_dialog import ChatsImportDialog
from app.ui.dialogs.config_dialogs import file_problems_intro
from app.ui.services.background import Job, run_in_background

CHATS_FILTER = N_("JSON Lines (*.jsonl *.json *.txt)")
TITLE = N_("Import attendances")


def import_file(path: str, instance_id: int):
    """The chats import of `atende chats import`, streamed from the file, all or nothing."""
    lines, problems = file_lines(path)
    if lines is None:  # gone or changed since the preview
        raise ValidationError(problems)
    return import_lines(lines, lambda: Instance.get_by_id(instance_id))


class ChatsImportMixin:
    """Needs `MenuActions` (window, context, say, show_problems, show_message, …)."""

    chats_job: Job | None = None  # the preview or import running, if any (tests wait on it)

    def import_chats(self) -> None:
        instance = self.current_instance()
        if instance is None:
            self.show_message(
                _(TITLE),
                _("Open or select the instance the attendances belong to first."),
                QMessageBox.Icon.Information,
            )
            return
        path = self.ask_chats_path()
        if path:
            self.import_chats_from(Path(path), instance)

    def import_chats_from(self, path: Path, instance: Instance) -> None:
        """Read and check the whole file in the background, then show its preview."""
        instance_id, name = instance.id, instance.name
        self.chats_job = run_in_background(
            lambda: preview_file(instance_id, str(path)),
            lambda preview: self._chats_previewed(path, instance_id, name, preview),
            lambda exc: self._storage_failure(_(TITLE), exc),
        )

    def _chats_previewed(
        self, path: Path, instance_id: int, name: str, preview: ChatsPreview
    ) -> None:
        if preview.problems:
            self._chats_not_imported(path, preview.problems)
            return
        if not self.confirm_chats_import(str(path), name, preview):
            return
        self.chats_job = run_in_background(
            lambda: import_file(str(path), instance_id),
            lambda result: self._chats_imported(instance_id, result),
            partial(self._chats_failed, path),
        )

    def _chats_imported(self, instance_id: int, result) -> None:
        self.context.chats_changed.emit(instance_id)
        self.say(import_summary(result))  # the command's words

    def _chats_failed(self, path: Path, exc: Exception) -> None:
        if isinstance(exc, ValidationError):  # changed between the preview and the import
            self._chats_not_imported(path, exc.problems)
        else:
            self._storage_failure(_(TITLE), exc)

    def _chats_not_imported(self, path: Path, problems: list[Problem]) -> None:
        intro = file_problems_intro(str(path), len(problems))
        self.show_problems(_("The file was not imported"), intro, problems, describe_chat_path)

    # -- questions (tests replace these on the instance) -------------------------------------
    def ask_chats_path(self) -> str:
        return QFileDialog.getOpenFileName(
            self.window, _(TITLE), str(Path.home()), _(CHATS_FILTER)
        )[0]

    def confirm_chats_import(self, path: str, instance_name: str, preview: ChatsPreview) -> bool:
        return bool(ChatsImportDialog(path, instance_name, preview, self.window).exec())
