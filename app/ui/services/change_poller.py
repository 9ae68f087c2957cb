"""Changes made elsewhere (another desk, a CLI command) appear without restarting.

Every few seconds a QTimer asks `app.core.storage.changes` whether someone else committed to the
database — on SQLite one `PRAGMA data_version`, on PostgreSQL a look at the notifications
already on the socket, no query — and turns the answer into the context's signals: Home
lists the instances again, pages without unsaved edits reload, the watcher re-arms.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from app.core.storage.changes import CHATS, INSTANCES, SETTINGS, ChangeMonitor
from app.ui.context import AppContext

log = logging.getLogger(__name__)

POLL_MS = 2_000


class ChangePoller(QObject):
    def __init__(
        self,
        context: AppContext,
        monitor: ChangeMonitor | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.monitor = monitor or ChangeMonitor()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> frozenset[str]:
        """Ask once; emit what changed (instances first: a view of a deleted one closes)."""
        try:
            areas = self.monitor.poll()
        except Exception as exc:  # noqa: BLE001 — the server away for a moment: next time
            log.warning("change poll failed: %s", exc)
            return frozenset()
        if INSTANCES in areas:
            self.context.instances_changed.emit()
        if SETTINGS in areas:
            self.context.settings_changed.emit(0)
        if CHATS in areas:
            self.context.chats_changed.emit(0)
        return areas


def start_change_poller(context: AppContext) -> ChangePoller:
    poller = ChangePoller(context, parent=context)
    poller.start()
    return poller
