"""Ajuda → Sobre o Atende: version, licence, data folder, and "Abrir pasta de dados"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from app import __version__
from app.paths import data_dir
from app.ui.context import AppContext
from app.ui.dialogs import about
from app.ui.dialogs.about import AboutDialog, data_folder


def by_name(widget, name):
    return next(w for w in widget.findChildren(QPushButton) if w.accessibleName() == name)


@pytest.mark.sqlite_only("the folder of a SQLite file; a server URL: test_database_dialog")
def test_shows_version_licence_and_the_folder_of_the_database(qtbot, db_path):
    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sobre o Atende"
    assert dialog.version_label.text() == f"Versão: {__version__}"
    assert dialog.license_label.text() == "Licença: MIT"
    assert dialog.folder_label.text() == f"Pasta de dados: {db_path.parent.resolve()}"
    assert dialog.db_label.text() == f"Banco de dados: {db_path}"
    assert by_name(dialog, "Fechar")


def test_without_a_database_the_platform_data_folder_is_shown():
    assert data_folder(None) == data_dir()


def test_open_data_folder_asks_the_desktop_to_show_it(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    folder = tmp_path / "dados"  # missing yet: created so the file manager can open it
    dialog = AboutDialog(folder / "atende.sqlite3")
    qtbot.addWidget(dialog)
    by_name(dialog, "Abrir pasta de dados").click()
    assert [u.toLocalFile() for u in opened] == [str(folder.resolve())]
    assert folder.is_dir()


@pytest.mark.sqlite_only("the folder of a SQLite file; a server URL: test_database_dialog")
def test_help_menu_opens_it_for_the_database_in_use(qtbot, db, db_path, monkeypatch):
    from app.ui.main_window import MainWindow

    shown = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self.folder) or 0)
    window = MainWindow(AppContext(db_path=db_path))
    qtbot.addWidget(window)
    help_menu = window.menuBar().actions()[-1].menu()
    action = next(a for a in help_menu.actions() if a.text() == "&Sobre o Atende")
    action.trigger()
    assert shown == [db_path.parent.resolve()]
