"""A database that cannot be opened: the dialog offers what can really be done (issue 17,
item 13) — restore a listed backup, open another file, create a new one, show the folder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app import paths
from app.core.instances.store import create_instance
from app.core.storage.backup import backup_database, backups_dir, list_backups
from app.core.storage.db import (
    CorruptDatabaseError,
    NewerSchemaError,
    close_database,
    open_database,
)
from app.core.storage.models import Instance
from app.ui.dialogs.damaged_database import CREATE, QUIT, DamagedDatabaseDialog
from app.ui.startup import Session, checked_backups
from tests.ui.test_startup import session_factory  # noqa: F401, F811 (a fixture)

pytestmark = pytest.mark.sqlite_only("damaged SQLite files and their backups")

T0 = datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
GARBAGE = b"isto nao e um banco de dados " * 400


def instance(name: str, phone: str) -> dict:
    return {"name": name, "phone": phone, "plan": "avancado", "timezone": "America/Sao_Paulo"}


@pytest.fixture
def damaged(tmp_path, clock):
    """A garbage database with two backups: Loja Centro (older), + Loja Norte (newer)."""
    db_path = tmp_path / "loja.sqlite3"
    open_database(db_path)
    create_instance(instance("Loja Centro", "+5511912345678"), clock)
    backup_database(db_path, "daily", T0)
    create_instance(instance("Loja Norte", "+5511912345679"), clock)
    backup_database(db_path, "daily", T0 + timedelta(days=1))
    close_database()
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    db_path.write_bytes(GARBAGE)
    return db_path


@pytest.fixture
def sessions(session_factory):  # noqa: F811
    """Sessions whose recovery dialog gets `choosers` instead of real file dialogs."""

    def make(path: Path, **choosers) -> Session:
        session = session_factory(path)
        session.recovery_choosers = choosers
        session.show_error = lambda title, text: pytest.fail(f"{title}: {text}")
        return session

    return make


def answer_dialog(qtbot, act) -> list:
    """Run `act(dialog)` on the recovery dialog once it is on screen (modal)."""
    seen: list = []

    def later():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DamagedDatabaseDialog):
            QTimer.singleShot(20, later)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, later)
    return seen


def make_dialog(qtbot, db_path, error=None, **kwargs) -> DamagedDatabaseDialog:
    error = error or CorruptDatabaseError(f"O arquivo {db_path} está danificado.")
    dialog = DamagedDatabaseDialog(
        db_path, error, checked_backups(db_path), now=T0 + timedelta(days=2), **kwargs
    )
    qtbot.addWidget(dialog)
    return dialog


def test_restoring_the_newest_of_two_backups_opens_the_app_with_its_data(damaged, sessions, qtbot):
    from app.ui.app import finish_loading
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    session = sessions(damaged)
    assert session.claim()
    context = AppContext(db_path=damaged)
    window = MainWindow(context, load=False, use_tray=False)
    qtbot.addWidget(window)
    session.dialog_parent = window

    def restore(dialog):
        assert dialog.list.count() == 2 and dialog.restore_button.isVisible()
        assert dialog.selected() == list_backups(damaged)[0], "the newest is chosen first"
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    seen = answer_dialog(qtbot, restore)
    try:
        assert finish_loading(SimpleNamespace(demo=False), session, context, window)
        assert seen, "the dialog was shown"
        assert window.is_loaded and window.home.model.rowCount() == 2
        assert sorted(i.name for i in Instance.select()) == ["Loja Centro", "Loja Norte"]
        kept = [b for b in list_backups(damaged) if b.reason == "before-restore"]
        assert kept[0].path.read_bytes() == GARBAGE, "the damaged file is kept aside"
    finally:
        if context.watcher is not None:
            context.watcher.pause()
            context.watcher.lock.release()


def test_backups_are_listed_newest_first_with_dates_and_a_bad_one_cannot_be_chosen(damaged, qtbot):
    bad = backups_dir(damaged) / "loja-20250313-090000-daily.sqlite3"
    bad.write_bytes(GARBAGE)
    dialog = make_dialog(qtbot, damaged)
    texts = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert len(texts) == 3
    assert texts[0].startswith("quinta-feira, 13 de março de 2025")
    assert texts[1].startswith("terça-feira, 11 de março de 2025")
    assert texts[2].startswith("segunda-feira, 10 de março de 2025")
    assert not dialog.list.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert str(bad) in texts[0], "the reason names the file"
    assert dialog.selected() == list_backups(damaged)[1], "the first one that can be restored"


def test_without_backups_nothing_offers_a_restore_and_it_says_so(tmp_path, qtbot):
    db_path = tmp_path / "atende.sqlite3"
    db_path.write_bytes(GARBAGE)
    dialog = make_dialog(qtbot, db_path)
    dialog.show()
    assert not dialog.restore_button.isVisible() and not dialog.list.isVisible()
    labels = " ".join(label.text() for label in dialog.findChildren(type(dialog.error_label)))
    assert str(tmp_path / "backups") in labels
    assert "--db" not in labels
    for button in (dialog.open_button, dialog.create_button, dialog.folder_button):
        assert button.isVisible() and button.isEnabled()


def test_show_the_folder_opens_the_database_folder_and_keeps_the_dialog(damaged, qtbot):
    opened = []
    dialog = make_dialog(qtbot, damaged, show_folder=lambda url: opened.append(url) or True)
    dialog.show()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(damaged.parent)]
    assert dialog.isVisible()


def test_a_new_database_is_never_made_over_the_damaged_file_or_another(damaged, qtbot):
    answers = [damaged, backups_dir(damaged) / list_backups(damaged)[0].path.name]
    dialog = make_dialog(qtbot, damaged, choose_new=lambda parent, folder: answers.pop(0))
    dialog.show()
    for _existing in range(2):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.choice.action == QUIT
        assert dialog.message.isVisible()
    new = damaged.parent / "novo.sqlite3"
    answers.append(new)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert (dialog.choice.action, dialog.choice.path) == (CREATE, new)
    assert damaged.read_bytes() == GARBAGE


def test_creating_a_new_database_starts_on_it_and_remembers_it(damaged, sessions, qtbot):
    new = damaged.parent / "outra" / "novo.sqlite3"
    new.parent.mkdir()
    session = sessions(damaged, choose_new=lambda parent, folder: new)
    session.remember_choice = True
    answer_dialog(qtbot, lambda d: qtbot.mouseClick(d.create_button, Qt.MouseButton.LeftButton))
    assert session.start()
    assert session.db_path == new and new.is_file()
    assert Instance.select().count() == 0
    assert damaged.read_bytes() == GARBAGE
    assert paths.saved_database_choice() == str(new)
    paths.save_database_choice(None)


def test_opening_another_file_with_db_given_is_for_this_session_only(
    damaged, sessions, qtbot, clock
):
    other = damaged.parent / "outro.sqlite3"
    open_database(other)
    create_instance(instance("Loja Sul", "+5511912345670"), clock)
    close_database()
    picked = []
    session = sessions(damaged, choose_open=lambda parent, folder: picked.append(folder) or other)
    session.remember_choice = False  # --db chose the damaged file
    answer_dialog(qtbot, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    assert session.start()
    assert picked == [damaged.parent], "the file dialog starts in the database's folder"
    assert session.db_path == other and session.single.lock.held
    assert [i.name for i in Instance.select()] == ["Loja Sul"]
    assert paths.saved_database_choice() is None


def test_opening_the_damaged_file_itself_is_refused(damaged, qtbot):
    dialog = make_dialog(qtbot, damaged, choose_open=lambda parent, folder: damaged)
    dialog.show()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.isVisible()


def test_a_newer_database_advises_updating(damaged, qtbot):
    dialog = make_dialog(qtbot, damaged, error=NewerSchemaError("mais nova"))
    hints = [label.text() for label in dialog.findChildren(type(dialog.error_label))]
    newer = make_dialog(qtbot, damaged)
    plain = [label.text() for label in newer.findChildren(type(newer.error_label))]
    assert len(hints) == len(plain) + 1


def test_closing_the_dialog_is_quitting(damaged, qtbot):
    dialog = make_dialog(qtbot, damaged)
    dialog.show()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.choice.action == QUIT
    assert dialog.message.objectName() == "fieldError", "styled like the other errors"


def test_every_control_of_the_dialog_has_an_accessible_name(damaged, qtbot):
    from tests.ui.accessibility import unnamed_widgets

    dialog = make_dialog(qtbot, damaged)
    dialog.show()
    assert unnamed_widgets(dialog) == []
