"""Arquivo → Banco de dados…: a file or a shared server, tested before it is saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton, QRadioButton

from app import paths
from app.core.storage import postgres
from app.ui.dialogs.database_dialog import DatabaseDialog
from app.ui.main_window import MainWindow
from tests.pg import TEST_DATABASE_URL
from tests.ui.conftest import find

SERVER = "Um servidor PostgreSQL compartilhado (vários computadores)"


@pytest.fixture
def dialog(qtbot, context, monkeypatch):
    monkeypatch.delenv(paths.DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv("ATENDE_DB", raising=False)
    paths.save_database_choice(None)
    widget = DatabaseDialog(context.db_path)
    qtbot.addWidget(widget)
    yield widget
    paths.save_database_choice(None)


def fill_server(dialog, host, port, dbname, user, password):
    find(dialog, SERVER, QRadioButton).setChecked(True)
    for name, value in (
        ("Servidor", host),
        ("Porta", port),
        ("Nome do banco", dbname),
        ("Usuário", user),
        ("Senha", password),
    ):
        find(dialog, name, QLineEdit).setText(value)


def test_file_menu_opens_it(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert texts[-3:] == ["&Banco de dados…", "", "&Sair"]


def test_urls_from_and_to_the_form():
    url = postgres.build_url("servidor.loja", "5433", "atende", "ana maria", "p@ss:w/rd")
    assert url == "postgresql://ana%20maria:p%40ss%3Aw%2Frd@servidor.loja:5433/atende"
    assert postgres.url_parts(url) == {
        "host": "servidor.loja",
        "port": "5433",
        "dbname": "atende",
        "user": "ana maria",
        "password": "p@ss:w/rd",
    }


def test_the_server_fields_are_required(dialog):
    fill_server(dialog, "", "5432", "atende", "", "")
    find(dialog, "Salvar", QPushButton).click()
    assert dialog.result_label.text() == "Preencha: Servidor, Usuário."
    assert paths.saved_database_choice() is None


def test_an_unreachable_server_is_not_saved(dialog):
    fill_server(dialog, "127.0.0.1", "1", "atende", "ana", "segredo")
    find(dialog, "Salvar", QPushButton).click()
    assert dialog.result_label.text().startswith(
        "Não foi possível conectar ao servidor PostgreSQL postgresql://ana:***@127.0.0.1:1/"
    )
    assert paths.saved_database_choice() is None


def test_a_file_choice_is_saved(dialog, tmp_path):
    find(dialog, "Um arquivo neste computador (funciona sem internet)", QRadioButton).click()
    find(dialog, "Arquivo do banco de dados", QLineEdit).setText(str(tmp_path / "loja.sqlite3"))
    find(dialog, "Salvar", QPushButton).click()
    assert paths.saved_database_choice() == str(tmp_path / "loja.sqlite3")
    assert paths.resolve_db_path(None) == tmp_path / "loja.sqlite3"


def test_an_environment_variable_that_wins_is_named(qtbot, context, monkeypatch):
    monkeypatch.setenv(paths.DATABASE_URL_ENV, "postgresql://x@y/z")
    widget = DatabaseDialog(context.db_path)
    qtbot.addWidget(widget)
    assert "ATENDE_DATABASE_URL" in widget.override_label.text()


@pytest.mark.postgres_only
def test_a_reachable_server_is_tested_then_saved(dialog):
    parts = postgres.url_parts(TEST_DATABASE_URL)
    fill_server(
        dialog, parts["host"], parts["port"], parts["dbname"], parts["user"], parts["password"]
    )
    assert dialog.test_connection() is True
    assert dialog.result_label.text().startswith("Conectado.")
    find(dialog, "Salvar", QPushButton).click()
    saved = paths.saved_database_choice()
    assert postgres.is_database_url(saved) and postgres.url_parts(saved) == parts
    reopened = DatabaseDialog(saved)  # the form shows the saved server again
    assert reopened.server_radio.isChecked()
    assert reopened.host_edit.text() == parts["host"]


def test_about_shows_a_server_without_its_password(qtbot):
    from app.ui.dialogs.about import AboutDialog

    dialog = AboutDialog("postgresql://ana:s3cr3t@servidor.loja:5432/atende")
    qtbot.addWidget(dialog)
    assert (
        dialog.db_label.text() == "Banco de dados: postgresql://ana:***@servidor.loja:5432/atende"
    )
    assert dialog.folder == paths.data_dir()  # logs and local files stay here
