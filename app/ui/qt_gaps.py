"""Qt's own strings that `qtbase_pt_BR.qm` leaves in English, in Portuguese.

Qt 6 renamed a few source strings of its file dialog ("&Look in:", "Files of &type:") and the
Brazilian catalogue shipped with PySide6 still holds only the old ones, so the dialog showed
those two labels in English. This translator answers just these; installed after the
catalogue, it is asked before it.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) → the Portuguese, with the same accelerator letter where it fits.
GAPS = {
    ("QFileDialog", "&Look in:"): "&Procurar em:",
    ("QFileDialog", "Files of &type:"): "Arquivos do &tipo:",
}


class QtGapsTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        return GAPS.get((context, source_text))  # None: not ours, the next translator answers

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False
