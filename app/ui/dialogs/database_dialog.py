"""Arquivo → Banco de dados…: this computer's database, a local file or a shared server.

The choice is kept in the data folder (`app.paths.save_database_choice`) and used from the
next start; `--db` and the environment variables still win over it (the dialog says so).
A server is tested before it is saved, with the Portuguese reason when it refuses.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.core.storage import postgres
from app.core.storage.db import DatabaseOpenError
from app.i18n import _
from app.ui.widgets.hint import hint_label


class DatabaseDialog(QDialog):
    def __init__(self, current: Path | str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Database"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.current_label = QLabel(
            _("In use now: {location}").format(location=postgres.masked(current)), objectName="hint"
        )
        self.current_label.setWordWrap(True)
        layout.addWidget(self.current_label)

        self.file_radio = QRadioButton(_("A file on this computer (works offline)"))
        self.server_radio = QRadioButton(_("A shared PostgreSQL server (several desks)"))
        group = QButtonGroup(self)
        for radio in (self.file_radio, self.server_radio):
            radio.setAccessibleName(radio.text())
            group.addButton(radio)
            radio.toggled.connect(self._update)

        layout.addWidget(self.file_radio)
        file_row = QHBoxLayout()
        self.path_edit = self._edit(_("Database file"))
        file_row.addWidget(self.path_edit, 1)
        self.browse_button = QPushButton(_("Choose…"))
        self.browse_button.setAccessibleName(_("Choose the database file"))
        self.browse_button.clicked.connect(self.browse)
        file_row.addWidget(self.browse_button)
        layout.addLayout(file_row)

        layout.addWidget(self.server_radio)
        self.server_form = QWidget()
        form = QFormLayout(self.server_form)
        self.host_edit = self._edit(_("Server"), _("e.g. 192.168.0.10 or servidor.loja"))
        self.port_edit = self._edit(_("Port"))
        self.port_edit.setValidator(QIntValidator(1, 65535, self.port_edit))
        self.dbname_edit = self._edit(_("Database name"))
        self.user_edit = self._edit(_("User"))
        self.password_edit = self._edit(_("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (
            self.host_edit,
            self.port_edit,
            self.dbname_edit,
            self.user_edit,
            self.password_edit,
        ):
            form.addRow(edit.accessibleName(), edit)
        layout.addWidget(self.server_form)
        note = hint_label(
            _(
                "Backups, logs and lock files stay on each computer; back the server "
                "up with its own tools (pg_dump)."
            )
        )
        layout.addWidget(note)
        self.override_label = QLabel(objectName="notice")
        self.override_label.setWordWrap(True)
        layout.addWidget(self.override_label)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.test_button = buttons.addButton(
            _("Test connection"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.test_button.setAccessibleName(_("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(_("Save"))
        layout.addWidget(buttons)
        self._fill(paths.saved_database_choice() or (str(current) if current else None))

    def _edit(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _fill(self, choice: str | None) -> None:
        if postgres.is_database_url(choice):
            parts = postgres.url_parts(str(choice))
            self.host_edit.setText(parts["host"])
            self.port_edit.setText(parts["port"])
            self.dbname_edit.setText(parts["dbname"])
            self.user_edit.setText(parts["user"])
            self.password_edit.setText(parts["password"])
            self.path_edit.setText(str(paths.default_db_path()))
            self.server_radio.setChecked(True)
        else:
            self.path_edit.setText(choice or str(paths.default_db_path()))
            self.port_edit.setText(str(postgres.DEFAULT_PORT))
            self.dbname_edit.setText("atende")
            self.file_radio.setChecked(True)
        overriding = [
            name for name in (paths.DATABASE_URL_ENV, "ATENDE_DB") if os.environ.get(name)
        ]
        self.override_label.setText(
            _("Note: {names} is set on this computer and wins over this choice.").format(
                names=", ".join(overriding)
            )
            if overriding
            else ""
        )
        self.override_label.setVisible(bool(overriding))
        self._update()

    def _update(self, *_args) -> None:
        server = self.server_radio.isChecked()
        self.server_form.setEnabled(server)
        self.test_button.setEnabled(server)
        self.path_edit.setEnabled(not server)
        self.browse_button.setEnabled(not server)

    def browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Database file"),
            self.path_edit.text(),
            "SQLite (*.sqlite3)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.path_edit.setText(name)

    def chosen(self) -> str | None:
        """The URL or file path the form describes, or None (the result label says why)."""
        if self.file_radio.isChecked():
            text = self.path_edit.text().strip()
            if not text:
                self._say(_("Enter the database file."), error=True)
                return None
            return text
        missing = [
            edit.accessibleName()
            for edit in (self.host_edit, self.dbname_edit, self.user_edit)
            if not edit.text().strip()
        ]
        if missing:
            self._say(_("Fill in: {fields}.").format(fields=", ".join(missing)), error=True)
            return None
        return postgres.build_url(
            self.host_edit.text(),
            self.port_edit.text(),
            self.dbname_edit.text(),
            self.user_edit.text(),
            self.password_edit.text(),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.result_label.setObjectName("error" if error else "hint")
        self.result_label.setStyleSheet("color: #b3261e;" if error else "")
        self.result_label.setText(text)

    def test_connection(self) -> bool:
        url = self.chosen()
        if url is None or not postgres.is_database_url(url):
            return False
        try:
            version = postgres.check_connection(url)
        except DatabaseOpenError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(
            _("Connected. The server already holds Atende's data.")
            if version
            else _("Connected. Atende will create its tables there on the next start.")
        )
        return True

    def save(self) -> None:
        choice = self.chosen()
        if choice is None:
            return
        if postgres.is_database_url(choice) and not self.test_connection():
            return
        default = str(paths.default_db_path())
        paths.save_database_choice(None if choice == default else choice)
        self._say(_("Saved. Close and open Atende again to use this database."))
        self.accept()
