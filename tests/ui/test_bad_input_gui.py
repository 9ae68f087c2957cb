"""The catalogue of hostile input, the window's side (issues 17 and 18): a planted lock link
at start, English from the system or from Qt where the owner reads Portuguese."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.storage.lock import watcher_lock_path
from app.i18n import _
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
