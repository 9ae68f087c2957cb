"""The File menu: export / import the configuration, import attendances (`chats_import`),
copy settings between instances, restore a backup. Core does the work (config file,
transfer, backup); this module asks the questions, shows the answers and reloads the
window. Every question is a method (`ask_save_path`, `confirm_import`, …, the shared ones in
`MenuActions`) that tests answer without a blocking dialog; the `*_to`/`*_from` methods take
the answers directly."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.common.files import os_error_text, read_text, safe_file_name, write_text_atomic
from app.core.common.validation import Problem, ValidationError, errors
from app.core.config.file_format import (
    dumps,
    export_config,
    import_config,
    parse_text,
    validate_config,
)
from app.core.config.problem_words import describe_path
from app.core.config.transfer import ImportPlan, copy_sections, plan_import, without_existing
from app.core.instances.store import list_instances
from app.core.storage import backup as core_backup
from app.core.storage.models import Instance
from app.core.storage.restore import restore_backup
from app.i18n import N_, _, format_datetime, ngettext
from app.ui.chats_import import ChatsImportMixin
from app.ui.dialogs.config_dialogs import (
    KEEP_EXISTING,
    CopySectionsDialog,
    ExportScopeDialog,
    ImportSummaryDialog,
    file_problems_intro,
)
from app.ui.dialogs.restore_backup import RestoreBackupDialog
from app.ui.menu_actions import MenuActions

FILE_FILTER = "JSON (*.json)"
COPY_TITLE = N_("Copy settings to another instance")


class FileActions(ChatsImportMixin, MenuActions):
    """What the File menu's entries do (app.ui.file_menu_entries makes the entries)."""

    # -- export ---------------------------------------------------------------------------
    def export_config(self) -> None:
        current = self.current_instance()
        only_current = False
        if current is not None:
            answer = self.ask_export_scope(current.name)
            if answer is None:
                return
            only_current = answer
        names = [current.name] if only_current and current else None
        default = f"{safe_file_name(current.name)}.json" if names else "atende-configuracao.json"
        path = self.ask_save_path(default)
        if path:
            self.export_to(Path(path), names)

    def export_to(self, path: Path, names: list[str] | None = None) -> bool:
        try:
            write_text_atomic(path, dumps(export_config(names)))
        except OSError as exc:
            self.show_message(
                _("Export configuration"),
                _("Could not write {path}: {error}. Nothing was written.").format(
                    path=path, error=os_error_text(exc)
                ),
                QMessageBox.Icon.Warning,
            )
            return False
        self.say(_("Configuration exported to {path}.").format(path=path))
        return True

    # -- import ---------------------------------------------------------------------------
    def import_config(self) -> None:
        path = self.ask_open_path()
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        """Read, validate the whole file, show what changes, then import all or nothing."""
        text, problems = read_text(path)
        data = None
        if text is not None:
            data, problems = parse_text(text)
        if not problems:
            problems = errors(validate_config(data, replace=True))
        if problems:
            return self._not_imported(path, problems, data)
        if not self.ask_leave_instance():
            return False
        try:
            plan = plan_import(data, self.context.clock)
        except ValidationError as exc:
            return self._not_imported(path, exc.problems, data)
        except Exception as exc:
            return self._storage_failure(_("Import configuration"), exc)
        choice = self.confirm_import(str(path), plan, partial(describe_path, data=data))
        if choice is None:
            return False
        if choice == KEEP_EXISTING:
            data = without_existing(data)
        try:
            result = import_config(data, self.context.clock, replace=True)
        except Exception as exc:
            return self._storage_failure(_("Import configuration"), exc)
        self.reload_window()
        n_new, n_old = len(result.created), len(result.replaced)
        # "nenhuma instância criada", never "0 instância criada".
        created = (
            ngettext("{n} instance created", "{n} instances created", n_new).format(n=n_new)
            if n_new
            else _("no instance created")
        )
        replaced = (
            ngettext("{n} replaced", "{n} replaced", n_old).format(n=n_old)
            if n_old
            else _("none replaced")
        )
        text = _("Configuration imported: {created}, {replaced}.")
        self.say(text.format(created=created, replaced=replaced))
        return True

    def _not_imported(self, path: Path, problems: list[Problem], data=None) -> bool:
        intro = file_problems_intro(str(path), len(problems))
        words = partial(describe_path, data=data)  # the paths in words (the CLI keeps them)
        self.show_problems(_("The file was not imported"), intro, problems, words)
        return False

    # -- copy -----------------------------------------------------------------------------
    def copy_settings(self) -> None:
        instances = list_instances()
        if len(instances) < 2:
            self.show_message(
                _(COPY_TITLE),
                _(
                    "Create a second instance first: settings are copied from "
                    "one instance to another."
                ),
                QMessageBox.Icon.Information,
            )
            return
        current = self.current_instance()
        answer = self.ask_copy(instances, current.id if current else None)
        if answer is not None:
            self.copy_between(*answer)

    def copy_between(self, source_id: int, target_id: int, keys: list[str]) -> bool:
        if not self.ask_leave_instance():
            return False
        source, target = Instance.get_by_id(source_id), Instance.get_by_id(target_id)
        title = _(COPY_TITLE)
        try:
            result = copy_sections(source, target, keys, self.context.clock)
        except ValidationError as exc:
            self.show_problems(
                title,
                _("Nothing was copied: these settings do not fit “{target}”.").format(
                    target=target.name
                ),
                exc.problems,
                describe_path,
            )
            return False
        except Exception as exc:
            return self._storage_failure(title, exc)
        self.reload_window()
        if not result.changed:
            text = _("“{target}” already had these settings; nothing changed.")
        else:
            text = _("Settings copied from “{source}” to “{target}”.")
        text = text.format(source=source.name, target=target.name)
        for warning in result.warnings:
            text += "\n\n⚠ " + warning.message
        self.show_message(title, text, QMessageBox.Icon.Information)
        return True

    # -- restore --------------------------------------------------------------------------
    def restore_backup(self) -> None:
        dialog = RestoreBackupDialog(self.context.db_path, self.context.clock.now(), self.window)
        if dialog.exec() and dialog.selected() is not None:
            self.restore(dialog.selected())

    def restore(self, backup: core_backup.Backup) -> bool:
        when = format_datetime(backup.at.astimezone())
        if not self.confirm(
            _("Restore backup"),
            _(
                "Replace the current data by the backup of {date}? What was changed after it is "
                "set aside: the current database is kept as a copy in the same list."
            ).format(date=when),
            _("Restore"),
        ):
            return False
        if not self.ask_leave_instance():
            return False
        watcher = getattr(self.context, "watcher", None)
        if watcher is not None:
            watcher.pause()  # no pass while the file is being replaced
        try:
            restore_backup(backup.path, self.context.db_path, self.context.clock.now())
        except core_backup.BackupError as exc:
            self.show_message(_("Restore backup"), str(exc), QMessageBox.Icon.Critical)
            return False
        finally:
            if watcher is not None:
                watcher.resume()
        self.reload_window()
        self.show_message(
            _("Restore backup"),
            _("The backup of {date} was restored.").format(date=when),
            QMessageBox.Icon.Information,
        )
        return True

    # -- questions (tests replace these on the instance) -------------------------------------
    def ask_export_scope(self, current_name: str) -> bool | None:
        dialog = ExportScopeDialog(current_name, self.window)
        return dialog.only_current() if dialog.exec() else None

    def ask_save_path(self, default_name: str) -> str:
        start = str(Path.home() / default_name)
        return QFileDialog.getSaveFileName(
            self.window, _("Export configuration"), start, FILE_FILTER
        )[0]

    def ask_open_path(self) -> str:
        start = str(Path.home())
        return QFileDialog.getOpenFileName(
            self.window, _("Import configuration"), start, FILE_FILTER
        )[0]

    def confirm_import(self, path: str, plan: ImportPlan, words=None) -> str | None:
        dialog = ImportSummaryDialog(path, plan, self.window, words)
        return dialog.choice() if dialog.exec() else None

    def ask_copy(self, instances: list[Instance], source_id: int | None):
        dialog = CopySectionsDialog(instances, source_id, self.window)
        return dialog.choice() if dialog.exec() else None
