"""The unhandled-exception hook: logged to a rotating file, explained in Portuguese."""

from __future__ import annotations

import sqlite3
import sys
from logging.handlers import RotatingFileHandler

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from app.ui.dialogs.crash_dialog import CrashDialog
from app.ui.services.crash import CrashReporter, default_log_file


@pytest.fixture
def reporter(tmp_path, qapp):
    shown: list[tuple[str, str]] = []
    rep = CrashReporter(tmp_path / "logs" / "atende.log")
    rep.show_dialog = lambda message, details: shown.append((message, details))
    rep.shown = shown
    yield rep
    rep.uninstall()


def raise_and_report(reporter, exc: BaseException) -> None:
    try:
        raise exc
    except BaseException:
        reporter.handle(*sys.exc_info())


def test_an_error_is_logged_and_explained_in_portuguese(reporter, tmp_path):
    raise_and_report(reporter, ValueError("boom in a slot"))
    [(message, details)] = reporter.shown
    assert message.startswith("Algo inesperado aconteceu.")
    assert "Traceback" in details and "ValueError: boom in a slot" in details
    log = (tmp_path / "logs" / "atende.log").read_text("utf-8")
    assert "ValueError: boom in a slot" in log and "ERROR" in log


def test_a_full_disk_is_told_as_such(reporter):
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904 (implicit context, as Peewee does)
    except sqlite3.OperationalError:
        reporter.handle(*sys.exc_info())
    assert reporter.shown[0][0] == (
        "O disco está cheio: nada foi salvo. Libere espaço e tente de novo."
    )


def test_the_log_rotates(reporter):
    [handler] = [h for h in reporter.logger.handlers if isinstance(h, RotatingFileHandler)]
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 3


def test_the_default_log_is_in_the_app_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("APPDATA", str(tmp_path))
    assert default_log_file().parent.name == "logs"
    assert default_log_file().name == "atende.log"
    assert str(tmp_path) in str(default_log_file()) or sys.platform == "darwin"


def test_an_unwritable_log_folder_falls_back_to_stderr(tmp_path, qapp):
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    rep = CrashReporter(blocker / "sub" / "atende.log")
    assert not any(isinstance(h, RotatingFileHandler) for h in rep.logger.handlers)


class Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_hook(reporter, qtbot):
    reporter.install()
    emitter = Emitter()

    def broken_slot():
        raise RuntimeError("slot failed")

    emitter.fired.connect(broken_slot)
    emitter.fired.emit()
    qtbot.waitUntil(lambda: bool(reporter.shown))
    assert "RuntimeError: slot failed" in reporter.shown[0][1]


def test_keyboard_interrupt_is_passed_on(reporter):
    passed = []
    reporter._previous = lambda *args: passed.append(args[0])
    raise_and_report(reporter, KeyboardInterrupt())
    assert passed == [KeyboardInterrupt] and reporter.shown == []


def test_the_dialog_copies_the_details(qtbot, tmp_path, qapp):
    from app.ui.app import install_qt_translations

    install_qt_translations(qapp)  # as the app does: Qt's own buttons in Portuguese
    dialog = CrashDialog("Algo inesperado aconteceu.", "Traceback: x", tmp_path / "a.log")
    qtbot.addWidget(dialog)
    assert dialog.copy_button.accessibleName() == "Copiar detalhes"
    assert str(tmp_path / "a.log") in dialog.hint.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Traceback: x"
    assert dialog.copy_button.text() == "Detalhes copiados"
    assert dialog.close_button.text() == "Fechar"


def test_the_real_dialog_is_shown_and_closed(tmp_path, qtbot, qapp):
    rep = CrashReporter(tmp_path / "atende.log")
    seen = []

    def close_it():
        dialog = qapp.activeModalWidget()
        seen.append(type(dialog).__name__)
        dialog.close_button.click()

    QTimer.singleShot(0, close_it)
    raise_and_report(rep, ValueError("x"))
    assert seen == ["CrashDialog"]
