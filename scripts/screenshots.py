"""Regenerate the README gallery: the home screen and every page of a demo instance.

Usage: python scripts/screenshots.py OUT_DIR   (runs offscreen on a temporary demo database)
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


def main(out: Path) -> int:
    i18n.install()
    from app.core import closing
    from app.core.clock import FixedClock
    from app.core.db import open_database
    from app.core.demo import populate_if_empty
    from app.core.instances import get_by_name
    from app.ui.app import create_application
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow
    from app.ui.pages import PAGES

    app = create_application()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.sqlite3"
        open_database(db_path)
        clock = FixedClock(DEMO_NOW)
        populate_if_empty(clock)
        # What the window's watcher does right after start: close what is already due.
        closing.watcher_pass(clock.now())
        window = MainWindow(AppContext(clock=clock, db_path=db_path))
        window.resize(1100, 720)
        window.show()
        app.processEvents()
        saved = [_grab(window, out / "home.png")]
        for name, prefix in (("Padaria Pão Quente", ""), ("Clínica Sorriso", "basico-")):
            window.enter_instance(get_by_name(name).id)
            for spec in PAGES:
                if prefix and spec.key != "priority":
                    continue
                window.instance_view.show_page(spec.key)
                app.processEvents()
                saved.append(_grab(window, out / f"{prefix}{spec.key}.png"))
            window.go_home()
        for path in saved:
            print(path)
        window.close()
    return 0


def _grab(window, path: Path) -> Path:
    window.grab().save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
