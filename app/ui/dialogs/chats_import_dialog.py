"""Arquivo → Importar atendimentos…: what the file will do before it is imported (how many
attendances are new, how many update one already stored), in the same shape as the
configuration import's summary. It only shows and asks; `app.ui.chats_import` does the work
through core."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.core.watcher.chats_preview import ChatsPreview
from app.i18n import _, ngettext
from app.ui.dialogs.config_dialogs import _buttons, _dialog_layout


def preview_counts(preview: ChatsPreview) -> str:
    """ "3 new attendances, 2 already stored (updated)"."""
    new = ngettext("{n} new attendance", "{n} new attendances", preview.created)
    updated = ngettext(
        "{n} already stored (updated)", "{n} already stored (updated)", preview.updated
    )
    # "nenhum atendimento novo", never "0 atendimento novo".
    return ", ".join(
        [
            new.format(n=preview.created) if preview.created else _("no new attendance"),
            updated.format(n=preview.updated) if preview.updated else _("none already stored"),
        ]
    )


class ChatsImportDialog(QDialog):
    def __init__(
        self, path: str, instance_name: str, preview: ChatsPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = _dialog_layout(
            self,
            _("Import attendances"),
            _(
                "Check what will change before importing {path} into “{instance}”. Every "
                "attendance is imported together, or none is; each line replaces the "
                "attendance with the same id."
            ).format(path=path, instance=instance_name),
        )
        self.setMinimumWidth(560)
        self.counts = QLabel(preview_counts(preview), objectName="cardTitle")
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName(_("What the import changes"))
        layout.addWidget(self.counts)
        box, self.ok_button = _buttons(
            self, _("Import the attendances"), _("Import the attendances")
        )
        self.ok_button.setEnabled(preview.total > 0)
        layout.addWidget(box)
