"""Regenerate the README gallery: the welcome, the home screen and every page of a demo
instance, in the light and in the dark theme.

Usage: python scripts/screenshots.py OUT_DIR   (offscreen, on a temporary demo database;
writes OUT_DIR/light/*.png and OUT_DIR/dark/*.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import i18n  # noqa: E402

# A fixed moment so the pictures are stable: Wednesday 12/03/2025, 10:00 in São Paulo.
DEMO_NOW = datetime(2025, 3, 12, 13, 0, tzinfo=UTC)
THEMES = ("light", "dark")


def main(out: Path) -> int:
    i18n.install()
    from PySide6.QtCore import QSettings

    from app.ui.app import create_application
    from app.ui.theme import theme_manager

    with tempfile.TemporaryDirectory() as tmp:
        # The user's own preferences (theme, notices) play no part in the pictures.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = create_application()
        saved = []
        for scheme in THEMES:
            theme_manager(app).set_choice(scheme)
            folder = out / scheme
            folder.mkdir(parents=True, exist_ok=True)
            saved += _shoot(app, folder, Path(tmp) / f"{scheme}.sqlite3")
        for path in saved:
            print(path)
    return 0


def _shoot(app, out: Path, db_path: Path) -> list[Path]:
    from app.core.common.clock import FixedClock
    from app.core.instances.store import get_by_name
    from app.core.storage.db import close_database, open_database
    from app.core.watcher import closing
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow
    from app.ui.pages import PAGES

    open_database(db_path)
    clock = FixedClock(DEMO_NOW)
    window = MainWindow(AppContext(clock=clock, db_path=db_path), use_tray=False)
    window.resize(1100, 720)
    window.show()
    app.processEvents()
    saved = [_grab(app, window, out / "welcome.png")]
    window.welcome.load_demo()
    # What the window's watcher does right after start: close what is already due.
    closing.watcher_pass(clock.now())
    saved.append(_grab(app, window, out / "home.png"))
    _store_demo_connection(get_by_name("Padaria Pão Quente"), clock.now())
    for name, prefix in (("Padaria Pão Quente", ""), ("Clínica Sorriso", "basico-")):
        window.enter_instance(get_by_name(name).id)
        for spec in PAGES:
            if prefix and spec.key != "priority":
                continue
            window.instance_view.show_page(spec.key)
            saved.append(_grab(app, window, out / f"{prefix}{spec.key}.png"))
        window.go_home()
    window.close()
    window.deleteLater()
    app.processEvents()
    close_database()
    return saved


def _store_demo_connection(instance, now: datetime) -> None:
    """A stored Chatwoot connection for the Conexão com o Chatwoot picture: the page reads it
    from the database and asks no server (the script stays offline)."""
    from app.core.storage.models import Connection

    Connection.create(
        instance=instance,
        url="https://chat.padariapaoquente.com.br",
        account_id=1,
        inbox_id=4,
        token="demo-token-never-shown",
        created_at=now,
        updated_at=now,
        last_sync_at=now,
    )


def _grab(app, window, path: Path) -> Path:
    app.processEvents()
    window.grab().save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
