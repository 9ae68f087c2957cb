"""The dialog of app.ui.services.crash: what went wrong, where the log is, "Copiar detalhes"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.widgets.hint import hint_label


class CrashDialog(QDialog):
    """A friendly explanation, the log file's place, and the details one click away."""

    def __init__(
        self, message: str, details: str, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(_("Atende ran into a problem"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        title = QLabel(message, objectName="cardTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        hint = _("Your saved data is safe: a change that failed is never saved halfway.")
        if log_file is not None:
            hint += " " + _("The details were written to {path}.").format(path=log_file)
        self.hint = hint_label(hint)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.hint)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setAccessibleName(_("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)  # "Fechar" from Qt
        self.close_button = box.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("primary")
        self.close_button.setAccessibleName(self.close_button.text())
        self.close_button.setDefault(True)
        box.rejected.connect(self.accept)
        buttons.addWidget(box)
        layout.addLayout(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(_("Details copied"))
