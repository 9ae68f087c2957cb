"""`ATENDE_SMOKE_EXIT_AFTER_MS`: the hook `packaging/smoke.sh` uses on a packaged build.

Set to N, the GUI quits N milliseconds after its window is ready (database open, content
loaded and painted; exit code 0) and first prints, one `key=value` per line on stdout,
what a packaged build must get right: the window title, the app's own strings (menu
titles, from the compiled catalog), Qt's own dialog buttons (from `qtbase_pt_BR.qm`), the
version, where translations and resources were found, and the bundled data at work
(Babel, holidays, phonenumbers, tzdata).
`ATENDE_SMOKE_QUIET=1` prints only `milestone_at=`, the `time.monotonic()` of the milestone
(a clock all processes share: `packaging/start_time.py` subtracts the spawn time, so
quitting is not counted), and `ATENDE_SMOKE_MILESTONE=first-frame` takes the window's
first painted frame as the milestone instead of ready (the one `bare_window.py` reports).
None is a command-line option, so the CLI of SPEC §9 is unchanged; unset (the normal
case) they do nothing.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from app.ui.first_frame import on_first_paint

ENV = "ATENDE_SMOKE_EXIT_AFTER_MS"
MILESTONE_ENV = "ATENDE_SMOKE_MILESTONE"
FIRST_FRAME = "first-frame"


def report(window: QMainWindow) -> list[str]:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QMessageBox

    from app import __version__
    from app.paths import resources_dir, translations_dir

    box = QMessageBox()
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    buttons = [
        box.button(b).text().replace("&", "")
        for b in (
            QMessageBox.StandardButton.Save,
            QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Cancel,
        )
    ]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    return [
        f"title={window.windowTitle()}",
        f"visible={int(window.isVisible())}",
        f"home_rows={window.home.model.rowCount()}",
        f"menus={', '.join(menus)}",
        f"qt_buttons={', '.join(buttons)}",
        f"version={__version__}",
        f"translations={translations_dir()}",
        f"resources={resources_dir()}",
        f"qt_translations={QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)}",
        f"frozen={int(bool(getattr(sys, 'frozen', False)))}",
        *data_checks(),
    ]


def data_checks() -> list[str]:
    """The bundled data at work: Babel's pt_BR, holiday names, phone metadata, tzdata."""
    from datetime import date
    from importlib.resources import files

    import holidays

    from app.core.instances.phones import format_phone
    from app.core.instances.timezones import all_zones
    from app.i18n import format_date, format_duration

    brazil = holidays.country_holidays("BR", years=2025, language="pt_BR")
    zone = files("tzdata.zoneinfo").joinpath("America", "Sao_Paulo")
    return [
        f"babel={format_duration(300)}; {format_date(date(2025, 3, 14), 'long')}",
        f"holiday={brazil.get(date(2025, 12, 25))}",
        f"phone={format_phone('+5511912345678')}",
        f"tzdata={int(zone.is_file())}; zones={len(all_zones())}",
    ]


def arm(window: QMainWindow, quit: Callable[[int], None] = QCoreApplication.exit) -> None:
    """Quit (after printing `report`) the configured delay after the milestone."""
    value = os.environ.get(ENV, "")
    if not value.strip().isdigit():
        return
    delay = int(value)

    def finish() -> None:
        quiet = os.environ.get("ATENDE_SMOKE_QUIET") == "1"  # start-up timing only
        code = 0
        try:
            if sys.stdout is None:  # a windowed Windows build has no stdout
                pass
            elif quiet:  # when, on the clock all processes share (start_time.py subtracts)
                print(f"milestone_at={reached[0]:.6f}", flush=True)
            else:
                print("\n".join(report(window)), flush=True)
        except Exception:  # a missing file in the bundle: say which, and fail the smoke test
            traceback.print_exc()
            code = 1
        quit(code)

    reached: list[float] = []

    def count_down() -> None:
        reached.append(time.monotonic())
        if delay:
            QTimer.singleShot(delay, QApplication.instance(), finish)
        else:
            finish()

    if os.environ.get(MILESTONE_ENV) == FIRST_FRAME:
        on_first_paint(window, count_down)
        return

    def ready() -> None:
        if reached:  # once
            return
        window.repaint()  # the loaded content painted now, inside the measured time
        count_down()

    if getattr(window, "is_loaded", True):
        QTimer.singleShot(0, QApplication.instance(), ready)
    else:
        window.loaded.connect(ready)
