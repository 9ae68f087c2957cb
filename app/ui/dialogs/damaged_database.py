"""The database cannot be opened (damaged, not a database, made by a newer Atende): what can
really be done, in Portuguese.

Restore one of the backups found beside the database (newest first; only those that pass
`verify_backup` can be chosen, the others say why), open another file, create a new database
elsewhere (never over the damaged one), show the folder, or close Atende. What does not apply
is not offered: without backups the dialog says so plainly. The file dialogs and the folder
opener are callables, so tests answer them without a real dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.storage.backup import Backup, backups_dir
from app.core.storage.errors import DatabaseOpenError, NewerSchemaError
from app.i18n import _, ngettext
from app.ui.dialogs.restore_backup import describe_backup
from app.ui.widgets.field_error import FieldError
from app.ui.widgets.hint import hint_label

RESTORE = "restore"
OPEN = "open"
CREATE = "create"
QUIT = "quit"
SQLITE_FILTER = "SQLite (*.sqlite3 *.sqlite *.db);;*"


@dataclass(frozen=True)
class Recovery:
    """The user's way out: `action` and the backup or file it needs."""

    action: str
    backup: Backup | None = None
    path: Path | None = None


# (backup, None) when it can be restored, (backup, Portuguese reason) when it cannot.
CheckedBackup = tuple[Backup, str | None]
Chooser = Callable[[QWidget, Path], Path | None]


def choose_file_to_open(parent: QWidget, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent, _("Open another database"), str(folder), SQLITE_FILTER
    )
    return Path(name) if name else None


def choose_file_to_create(parent: QWidget, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Create a new database"),
        str(folder / "atende-novo.sqlite3"),
        "SQLite (*.sqlite3)",
        options=QFileDialog.Option.DontConfirmOverwrite,  # an existing file is refused anyway
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".sqlite3")


def open_folder(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


class DamagedDatabaseDialog(QDialog):
    """`choice` is the Recovery once the dialog closes (QUIT when it was just closed)."""

    def __init__(
        self,
        db_path: Path,
        error: DatabaseOpenError,
        backups: list[CheckedBackup],
        parent: QWidget | None = None,
        now: datetime | None = None,
        choose_open: Chooser = choose_file_to_open,
        choose_new: Chooser = choose_file_to_create,
        show_folder: Callable[[QUrl], bool] = open_folder,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.backups = [backup for backup, problem in backups if problem is None]
        self.choice = Recovery(QUIT)
        self._choose_open, self._choose_new, self._show_folder = (
            choose_open,
            choose_new,
            show_folder,
        )
        self.setWindowTitle(_("Atende cannot open the database"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(QLabel(_("Atende cannot open the database"), objectName="pageTitle"))
        self.error_label = QLabel(str(error))
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.error_label)
        if isinstance(error, NewerSchemaError):
            layout.addWidget(
                hint_label(
                    _(
                        "The best way out is to update Atende. Restoring an older backup "
                        "loses what was done after it."
                    )
                )
            )
        layout.addSpacing(6)
        self._add_backups(layout, backups, now or datetime.now(UTC))
        layout.addSpacing(6)
        layout.addWidget(QLabel(_("Or:")))
        row = QHBoxLayout()
        self.open_button = self._button(row, _("Open another file…"), self.open_other)
        self.create_button = self._button(row, _("Create a new database…"), self.create_new)
        self.folder_button = self._button(row, _("Show the folder"), self.show_folder)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = FieldError()
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = self._button(bottom, _("Close Atende"), self.reject)
        layout.addLayout(bottom)

    def _add_backups(self, layout: QVBoxLayout, backups: list[CheckedBackup], now) -> None:
        folder = backups_dir(self.db_path)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Backups of the database"))
        self.list.setSpacing(3)
        self.restore_button = QPushButton(_("Restore this backup"), objectName="primary")
        self.restore_button.setAccessibleName(_("Restore this backup"))
        self.restore_button.clicked.connect(self.restore)
        if not backups:
            self.list.setVisible(False)
            self.restore_button.setVisible(False)
            layout.addWidget(
                hint_label(
                    _("There is no backup of this database (Atende looks in {folder}).").format(
                        folder=folder
                    )
                )
            )
            return
        usable = len(self.backups)
        intro = (
            ngettext(
                "Restore a backup: {n} copy found in {folder}, newest first. The current "
                "file is kept as a copy first.",
                "Restore a backup: {n} copies found in {folder}, newest first. The current "
                "file is kept as a copy first.",
                len(backups),
            ).format(n=len(backups), folder=folder)
            if usable
            else _("None of the backups in {folder} can be restored (each one says why).").format(
                folder=folder
            )
        )
        layout.addWidget(hint_label(intro))
        for backup, problem in backups:
            text = describe_backup(backup, now)
            item = QListWidgetItem(text if problem is None else f"{text}\n{problem}")
            item.setData(Qt.ItemDataRole.UserRole, backup if problem is None else None)
            item.setToolTip(str(backup.path))
            if problem is not None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.setMinimumHeight(440)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        self.restore_button.setVisible(bool(usable))
        self.list.currentRowChanged.connect(self._update)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore())
        for row_index in range(self.list.count()):
            if self.list.item(row_index).data(Qt.ItemDataRole.UserRole) is not None:
                self.list.setCurrentRow(row_index)
                break
        self._update()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _update(self, *_args) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def restore(self) -> None:
        backup = self.selected()
        if backup is not None:
            self._finish(Recovery(RESTORE, backup=backup))

    def open_other(self) -> None:
        path = self._choose_open(self, self.db_path.parent)
        if path is None:
            return
        if self._same_file(path):
            self.message.show_message(
                _("This is the file that cannot be opened: choose another one.")
            )
        elif not path.is_file():
            self.message.show_message(_("{path} is not a file.").format(path=path))
        else:
            self._finish(Recovery(OPEN, path=path))

    def create_new(self) -> None:
        path = self._choose_new(self, self.db_path.parent)
        if path is None:
            return
        if self._same_file(path) or path.exists():
            self.message.show_message(
                _(
                    "{path} already exists and Atende does not write over a file: choose "
                    "another name (or “Open another file…” to use it)."
                ).format(path=path)
            )
        else:
            self._finish(Recovery(CREATE, path=path))

    def show_folder(self) -> None:
        self._show_folder(QUrl.fromLocalFile(str(self.db_path.parent)))

    def _same_file(self, path: Path) -> bool:
        return path.resolve() == self.db_path.resolve()

    def _finish(self, choice: Recovery) -> None:
        self.choice = choice
        self.accept()
