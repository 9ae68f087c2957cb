"""Arquivo → Restaurar backup…: the backups of the database, newest first, to choose one.

How a restore is made safe is `app.core.storage.restore`; this dialog only lists and picks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.storage.backup import Backup, list_backups
from app.i18n import _, format_date, format_number, format_relative, format_time
from app.ui.widgets.hint import hint_label


def describe_backup(backup: Backup, now: datetime) -> str:
    """Two lines: "quarta-feira, 12 de março de 2025 às 10:00" and
    "Backup diário · há 2 dias · 96 KB" (the machine's local time)."""
    local = backup.at.astimezone()
    when = _("{date} at {time}").format(date=format_date(local, "full"), time=format_time(local))
    details = [backup.reason_label()]
    if now > backup.at:
        details.append(format_relative(backup.at - now))
    try:
        size = round(backup.path.stat().st_size / 1024)
        details.append(_("{size} KB").format(size=format_number(size)))
    except OSError:
        pass
    return f"{when}\n{' · '.join(details)}"


class RestoreBackupDialog(QDialog):
    """The backups of the database, newest first; `selected()` is the chosen one."""

    def __init__(
        self, db_path: Path, now: datetime | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore backup"))
        self.setMinimumSize(620, 360)
        self.backups = list_backups(db_path)
        now = now or datetime.now(UTC)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        intro = hint_label(
            _(
                "Choose the copy to bring back. The database as it is now is kept as a copy "
                "(“Before a restore”), so a restore can be undone from this same list."
            )
        )
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Backups of the database"))
        self.list.setSpacing(3)
        for backup in self.backups:
            item = QListWidgetItem(describe_backup(backup, now))
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.empty = QLabel(
            _(
                "There is no backup of this database yet. Atende makes one "
                "every day while it is open, and before each update."
            ),
            objectName="emptyText",
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        self.list.setVisible(bool(self.backups))
        layout.addWidget(self.empty)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = box.addButton(
            _("Restore this backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("primary")
        self.restore_button.setAccessibleName(_("Restore this backup"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.list.currentRowChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.backups:
            self.list.setCurrentRow(0)
        self._update()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None
