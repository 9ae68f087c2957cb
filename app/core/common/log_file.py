"""The app's log file (`logs/atende.log` in the data folder), private to its owner.

The window and the command line write unforeseen failures here (with their traceback)
instead of showing raw exception text. The folder is 0700 and each file 0600, opened without
following a link; every line goes through `mask_secrets`, so a PostgreSQL password in a URL
or a driver's message never reaches the disk.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from app.i18n import _
from app.paths import data_dir, mask_secrets

LOGGER_NAME = "atende"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)


def default_log_file() -> Path:
    return data_dir() / "logs" / "atende.log"


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks every password in the line (traceback included)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


def _private_handler(log_file: Path) -> logging.Handler:
    """A rotating log whose files are created (or narrowed to) mode 0600."""
    # Lazy: logging.handlers costs ~30 ms, and the window opens its log after the first frame.
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self):
            fd = os.open(self.baseFilename, _FLAGS, 0o600)
            if hasattr(os, "fchmod"):  # an older file, made before logs were private
                os.fchmod(fd, 0o600)
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def setup_logging(log_file: Path | None = None, *, stderr_fallback: bool = True) -> logging.Logger:
    """The app's logger writing to `log_file` (1 MB × 4 files); when it cannot, stderr (the
    window) or nothing (the command line, whose stderr is for Portuguese messages only)."""
    log_file = Path(log_file or default_log_file())
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    try:
        log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(log_file.parent, 0o700)
        handler = _private_handler(log_file)
    except OSError:
        handler = logging.StreamHandler(sys.stderr) if stderr_fallback else logging.NullHandler()
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger


def log_file_in_use(logger: logging.Logger) -> Path | None:
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def unexpected_failure_text(
    exc: BaseException, what: str, logger: logging.Logger | None = None
) -> str:
    """Portuguese for a failure nobody expected: its details (the exception's own English
    text and traceback) go to the log, and the message says where."""
    logger = logger or logging.getLogger(LOGGER_NAME)
    logger.error("unexpected failure in %s", what, exc_info=exc)
    log_file = log_file_in_use(logger)
    if log_file is None:
        return _("Unexpected failure; nothing more could be saved about it.")
    return _("Unexpected failure; the details were written to {log}.").format(log=log_file)
