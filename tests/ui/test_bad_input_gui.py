"""The catalogue of hostile input, the window's side (issues 17 and 18): a planted lock link
at start, English from the system or from Qt where the owner reads Portuguese."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox

from app.core.storage.db import database
from app.core.storage.lock import watcher_lock_path
from app.core.storage.models import AutoCloseSettings, Chat
from app.i18n import _
from app.ui.main_window import MainWindow
from app.ui.pages.overview import INVALID_CHATS_PATH, OverviewPage, invalid_chats_problem
from app.ui.services.watcher import start_watcher


def shown_boxes(name: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
    ]


# -- issue 18 item 2: a link planted at the watcher lock, when the window starts -------------


@pytest.mark.sqlite_only("the watcher lock file beside a SQLite database")
def test_a_planted_watcher_lock_link_is_told_and_the_window_goes_on(
    qtbot, context, db_path, tmp_path
):
    target = tmp_path / "precious.txt"
    target.write_text("do not touch")
    watcher_lock_path(db_path).symlink_to(target)
    assert start_watcher(context) is None  # no exception out of the start
    assert context.watcher is None and not context.watcher_elsewhere
    qtbot.waitUntil(lambda: bool(shown_boxes("watcherLockProblem")))
    box = shown_boxes("watcherLockProblem")[0]
    told = _("Automatic closing will not run in this window. {reason}")
    assert box.text().startswith(told.split("{")[0])  # "não vai rodar nesta janela"
    assert "não é um arquivo comum" in box.text()
    assert target.read_text() == "do not touch"
    box.close()


# -- issue 18 item 1: Visão geral says the chats the watcher skips, and what to do ----------


def test_visao_geral_says_a_chat_skipped_for_invalid_data(qtbot, context, make_instance, clock):
    instance = make_instance()
    AutoCloseSettings.create(instance=instance, enabled=True, timeout_minutes=60)
    for external_id in ("ok", "bad"):
        Chat.create(
            instance=instance,
            external_id=external_id,
            status="open",
            handler="human",
            assigned_via="operator",
            last_agent_message_at=clock.now() - timedelta(hours=2),
        )
    page = OverviewPage(instance.id, context)
    qtbot.addWidget(page)
    assert not [p for p, _button in page.problem_buttons() if p.path == INVALID_CHATS_PATH]
    database.execute_sql("UPDATE chat SET last_agent_message_at = -1 WHERE external_id = 'bad'")
    page.load()
    [(problem, button)] = [
        (p, b) for p, b in page.problem_buttons() if p.path == INVALID_CHATS_PATH
    ]
    assert not problem.warning and problem.message == invalid_chats_problem(1).message
    assert problem.message.startswith("1 ")
    with qtbot.waitSignal(page.navigate) as went:
        button.click()
    assert went.args == ["chats"]


# -- issue 17 item 15: no English from Qt or from the system ---------------------------------


def file_dialog_texts(qtbot) -> set[str]:
    dialog = QFileDialog(None, "Importar", "/tmp", "JSON (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {w.text() for w in dialog.findChildren(QLabel)}
    texts |= {w.text() for w in dialog.findChildren(QAbstractButton)}
    return {t for t in texts if t}


def test_qt_file_dialog_speaks_portuguese(qtbot, context):
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Procurar em:"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "Arquivos do &tipo:"
    # the catalogue still answers everything else
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Nome do arquivo:"
    assert QCoreApplication.translate("Atende", "not a Qt string") == "not a Qt string"
    texts = file_dialog_texts(qtbot)
    assert {"&Procurar em:", "Arquivos do &tipo:", "&Nome do arquivo:"} <= texts
    english = {"&Look in:", "Files of &type:", "File &name:", "&Open", "Cancel"}
    assert not texts & english


def test_a_system_refusal_in_the_window_is_in_portuguese(qtbot, context, make_instance, tmp_path):
    make_instance()
    window = MainWindow(context)
    qtbot.addWidget(window)
    said = []
    window.file_actions.show_message = lambda title, text, icon: said.append(text)
    folder = tmp_path / "uma pasta.json"
    folder.mkdir()
    assert not window.file_actions.export_to(folder)  # EISDIR
    assert not window.file_actions.export_to(tmp_path / "sem-pasta" / "x.json")  # ENOENT
    assert _("it is a folder, not a file") in said[0]
    assert _("the file does not exist") in said[1]
    for text in said:
        assert "Is a directory" not in text and "No such file" not in text
        assert "Errno" not in text
