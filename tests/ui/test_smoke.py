"""ATENDE_SMOKE_EXIT_AFTER_MS, the hook packaging/smoke.sh reads a packaged build through."""

from __future__ import annotations

import time

from app.ui import smoke
from app.ui.context import AppContext


def make_window(qtbot, db_path):
    from app.ui.main_window import MainWindow

    window = MainWindow(AppContext(db_path=db_path))
    qtbot.addWidget(window)
    window.show()
    return window


def test_report_names_the_portuguese_strings_and_the_bundled_data(qtbot, qapp, db, db_path):
    from app.ui.app import install_qt_translations

    installed_before = getattr(qapp, "_atende_qt_gaps", None) is not None
    install_qt_translations(qapp)
    try:
        lines = smoke.report(make_window(qtbot, db_path))
    finally:  # leave the shared QApplication as the other tests found it: both or neither
        if not installed_before:
            qapp.removeTranslator(qapp._atende_translator)
            qapp.removeTranslator(qapp._atende_qt_gaps)
            del qapp._atende_translator, qapp._atende_qt_gaps
    assert "title=Atende" in lines and "visible=1" in lines
    assert "menus=Arquivo, Ferramentas, Ajuda" in lines
    assert "qt_buttons=Salvar, Descartar, Cancelar" in lines
    assert "babel=5 horas; 14 de março de 2025" in lines
    assert "holiday=Natal" in lines
    assert "phone=+55 (11) 91234-5678" in lines
    assert any(line.startswith("tzdata=1; zones=") for line in lines)


def test_armed_it_reports_then_quits_after_the_delay(qtbot, db, db_path, monkeypatch, capsys):
    monkeypatch.setenv(smoke.ENV, "10")
    codes = []
    smoke.arm(make_window(qtbot, db_path), quit=codes.append)
    qtbot.waitUntil(lambda: codes == [0])
    assert "title=Atende" in capsys.readouterr().out.splitlines()


def test_quiet_prints_only_when_the_milestone_was_reached(qtbot, db, db_path, monkeypatch, capsys):
    monkeypatch.setenv(smoke.ENV, "0")
    monkeypatch.setenv("ATENDE_SMOKE_QUIET", "1")
    codes = []
    before = time.monotonic()
    smoke.arm(make_window(qtbot, db_path), quit=codes.append)
    qtbot.waitUntil(lambda: codes == [0])
    (line,) = capsys.readouterr().out.splitlines()
    key, value = line.split("=")
    assert key == "milestone_at" and before <= float(value) <= time.monotonic()


def test_the_ready_milestone_waits_for_the_window_to_load(qtbot, db, db_path, monkeypatch):
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(smoke.ENV, "0")
    window = MainWindow(AppContext(db_path=db_path), load=False)
    qtbot.addWidget(window)
    window.show()
    codes = []
    smoke.arm(window, quit=codes.append)
    qtbot.wait(50)
    assert codes == []  # shown, painted, but not loaded: not ready
    window.load()
    qtbot.waitUntil(lambda: codes == [0])


def test_the_first_frame_milestone_is_the_first_paint_before_loading(
    qtbot, db, db_path, monkeypatch
):
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(smoke.ENV, "0")
    monkeypatch.setenv(smoke.MILESTONE_ENV, smoke.FIRST_FRAME)
    window = MainWindow(AppContext(db_path=db_path), load=False)
    qtbot.addWidget(window)
    loaded_when_quit = []
    smoke.arm(window, quit=lambda code: loaded_when_quit.append(window.is_loaded))
    window.show()
    qtbot.waitUntil(lambda: loaded_when_quit == [False])


def test_a_broken_bundle_fails_the_smoke_instead_of_hanging(qtbot, db, db_path, monkeypatch):
    monkeypatch.setenv(smoke.ENV, "0")
    monkeypatch.setattr(smoke, "data_checks", lambda: 1 / 0)
    codes = []
    smoke.arm(make_window(qtbot, db_path), quit=codes.append)
    qtbot.waitUntil(lambda: codes == [1])


def test_unset_it_does_nothing(qtbot, db, db_path, monkeypatch):
    monkeypatch.delenv(smoke.ENV, raising=False)
    codes = []
    smoke.arm(make_window(qtbot, db_path), quit=codes.append)
    qtbot.wait(50)
    assert codes == []
