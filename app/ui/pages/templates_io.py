"""CSV import and export of the Mensagens predefinidas page (`page.csv`).

The dialogs (`choose_import_file`, `choose_export_file`, `show_import_problems`) are methods
so tests can replace them.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core.common.files import os_error_text, read_bytes, write_bytes_atomic
from app.core.common.text import fold
from app.core.common.validation import Problem, ValidationError
from app.core.templates import csv_file as templates_csv
from app.i18n import _

CSV_FILTER = "CSV (*.csv *.txt)"
SHOWN_PROBLEMS = 12


class TemplatesCsv:
    """Uses the page's `instance()`, `context`, `footer`, `confirm_leave()`, `load()` and
    `announce_change()`."""

    def __init__(self, page) -> None:
        self.page = page

    def choose_import_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self.page, _("Import predefined messages"), "", CSV_FILTER
        )
        return path

    def choose_export_file(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self.page, _("Export predefined messages"), suggested, CSV_FILTER
        )
        return path

    def show_import_problems(self, problems: list[Problem]) -> None:
        box = QMessageBox(self.page)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Import predefined messages"))
        box.setText(_("Nothing was imported: fix the file and try again."))
        lines = [str(p) for p in problems]
        more = len(lines) - SHOWN_PROBLEMS
        shown = "\n".join(lines[:SHOWN_PROBLEMS])
        if more > 0:
            shown += "\n" + _("… and {count} more").format(count=more)
        box.setInformativeText(shown)
        if more > 0:
            box.setDetailedText("\n".join(lines))
        box.exec()

    def import_csv(self) -> None:
        if not self.page.confirm_leave():
            return
        path = self.choose_import_file()
        if not path:
            return
        data, problems = read_bytes(path)  # a folder, a device, a pipe or a huge file: refused
        if data is None:
            self.show_import_problems(problems)
            return
        try:
            result = templates_csv.import_csv(self.page.instance(), data, self.page.context.clock)
        except ValidationError as exc:
            self.show_import_problems(exc.problems)
            return
        self.page.load()
        summary = _("Imported: {created} new, {updated} updated, {unchanged} unchanged.").format(
            created=result.created, updated=result.updated, unchanged=result.unchanged
        )
        notes = " ".join(p.message for p in result.warnings)
        self.page.footer.say(f"{summary} {notes}".strip())
        if result.created or result.updated:
            self.page.announce_change()

    def export_csv(self) -> None:
        name = re.sub(r"[^a-z0-9]+", "-", fold(self.page.instance().name)).strip("-") or "atende"
        path = self.choose_export_file(_("predefined-messages-{name}.csv").format(name=name))
        if not path:
            return
        try:
            write_bytes_atomic(path, templates_csv.export_csv(self.page.instance_id))
        except OSError as exc:
            self.page.footer.say(_("Not exported: {error}").format(error=os_error_text(exc)))
            return
        self.page.footer.say(_("Exported to {path}.").format(path=path))
