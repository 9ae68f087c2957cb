"""Ajuda → Sobre o Atende: version, licence, where the data lives, and a way to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core.storage.postgres import masked
from app.i18n import _
from app.paths import data_dir, resources_dir

LICENSE = "MIT"


def data_folder(db_path: Path | None) -> Path:
    """The folder of the database in use (`--db` may point outside the default one)."""
    return db_path.resolve().parent if isinstance(db_path, Path) else data_dir()


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About Atende"))
        self.setMinimumWidth(460)
        self.folder = data_folder(db_path)

        icon = QLabel()
        icon.setPixmap(QIcon(str(resources_dir() / "atende.svg")).pixmap(64, 64))
        title = QLabel("<h2>Atende</h2>")
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(title, 1)

        self.version_label = QLabel(_("Version: {version}").format(version=__version__))
        self.license_label = QLabel(_("Licence: {license}").format(license=LICENSE))
        self.folder_label = QLabel(_("Data folder: {path}").format(path=self.folder))
        self.db_label = QLabel(_("Database: {path}").format(path=masked(db_path)))
        description = QLabel(_("Configure the attendance of your WhatsApp instances, offline."))
        description.setWordWrap(True)
        for label in (self.folder_label, self.db_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)

        self.open_button = QPushButton(_("Open data folder"))
        self.open_button.setAccessibleName(_("Open data folder"))
        self.open_button.clicked.connect(self.open_data_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(_("Close"))

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(description)
        for label in (self.version_label, self.license_label, self.folder_label, self.db_label):
            layout.addWidget(label)
        layout.addWidget(buttons)

    def open_data_folder(self) -> bool:
        """Show the data folder in the system's file manager (created if it is missing)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # the file manager says what is wrong better than we could
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
