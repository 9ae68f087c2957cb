"""The last line of defence: an unhandled exception is logged and explained, never just a
traceback on a console the user does not see.

`CrashReporter.install()` sets `sys.excepthook` (PySide6 routes exceptions raised in slots
there). The traceback goes to a rotating log file in the application data folder; the user
gets a Portuguese dialog with "Copiar detalhes". A write refused by the disk or the
database (full, read-only, busy, damaged) is told as such: its transaction was rolled back.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from app.core.common.log_file import default_log_file, log_file_in_use, setup_logging
from app.core.storage.errors import storage_failure_message
from app.i18n import _


class CrashReporter:
    def __init__(self, log_file: Path | None = None) -> None:
        self.log_file = log_file or default_log_file()
        self._logger: logging.Logger | None = None
        self._previous = sys.excepthook
        self._showing = False

    @property
    def logger(self) -> logging.Logger:
        """The app's log, opened on first use (start-up opens it after the first frame)."""
        if self._logger is None:
            self._logger = setup_logging(self.log_file)
        return self._logger

    def open_log(self) -> None:
        self.logger  # noqa: B018 - the property opens it

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self.logger.error("unhandled exception\n%s", details)
        message = storage_failure_message(exc) or _(
            "Something unexpected went wrong. You can keep working; if it happens again, send "
            "the details to support."
        )
        if self._showing or QApplication.instance() is None:
            print(message, file=sys.stderr)
            return
        self._showing = True
        try:
            self.show_dialog(message, details)
        finally:
            self._showing = False

    def show_dialog(self, message: str, details: str) -> None:
        """Modal dialog; tests replace it on the instance."""
        # Lazy: the dialog's module builds Qt's `Qt` namespace, which the first frame avoids.
        from app.ui.dialogs.crash_dialog import CrashDialog

        parent = QApplication.activeWindow()
        CrashDialog(message, details, self._file_in_use(), parent).exec()

    def _file_in_use(self) -> Path | None:
        return log_file_in_use(self.logger)
