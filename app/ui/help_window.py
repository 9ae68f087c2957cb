"""Ajuda → Como usar o Atende (F1): the Portuguese guide that ships inside the package.

The guide is `app/help/guide_pt_BR.html` (content, written in Portuguese: no gettext), read
through importlib.resources so the wheel and the frozen app find it where the source does;
its pictures are the `make screenshots` gallery of the current theme: `app/help/screenshots/`
once installed (pyproject.toml and packaging/atende.spec put `docs/screenshots/` there),
`docs/screenshots/` in a checkout.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QWidget,
)

from app.i18n import _
from app.ui.theme import DARK, LIGHT, theme_manager

GUIDE = "guide_pt_BR.html"
IMAGES = re.compile(r'<img src="([^"]+)" width="(\d+)"')
# (anchor, title): one section per page, in the guide's order; the titles are the guide's own.
SECTIONS = (
    ("instancias", "Instâncias"),
    ("visao-geral", "Visão geral"),
    ("priorizar", "Priorizar atendimento"),
    ("encerramento", "Encerramento automático"),
    ("agenda", "Agenda de funcionamento"),
    ("mensagens", "Mensagens predefinidas"),
    ("chatwoot", "Conexão com o Chatwoot"),
    ("atendimentos", "Atendimentos"),
    ("historico", "Histórico"),
    ("vigilante", "O vigia e a bandeja"),
    ("backups", "Backups e o banco de dados"),
    ("atalhos", "Atalhos de teclado"),
)
# An instance page (app.ui.pages.PAGES keys) → its section; Home is "instancias".
PAGE_SECTIONS = {
    "overview": "visao-geral",
    "priority": "priorizar",
    "auto_close": "encerramento",
    "schedule": "agenda",
    "templates": "mensagens",
    "connection": "chatwoot",
    "chats": "atendimentos",
    "history": "historico",
}
_SOURCE_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def guide_html() -> str:
    return resources.files("app").joinpath("help", GUIDE).read_text("utf-8")


def screenshots_dir(scheme: str = LIGHT) -> Path:
    """The pictures of `scheme` ("light" | "dark"): installed beside the guide, else the
    checkout's docs/screenshots."""
    installed = Path(str(resources.files("app").joinpath("help", "screenshots")))
    base = installed if installed.is_dir() else _SOURCE_SHOTS
    return base / (scheme if scheme in (LIGHT, DARK) else LIGHT)


def current_scheme() -> str:
    manager = theme_manager()
    return manager.current if manager is not None and manager.current == DARK else LIGHT


class HelpWindow(QDialog):
    """The guide beside its table of contents; `show_section(anchor)` scrolls to one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("How to use Atende"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(980, 700)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.contents = QListWidget(objectName="nav")
        self.contents.setAccessibleName(_("Contents"))
        self.contents.setFixedWidth(250)
        for anchor, title in SECTIONS:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
            self.contents.addItem(item)
        layout.addWidget(self.contents)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_("Guide"))
        self.browser.setOpenExternalLinks(True)
        pictures = screenshots_dir(current_scheme())
        self.browser.setSearchPaths([str(pictures)])
        self.browser.document().setDocumentMargin(18)
        html = guide_html()
        self._smooth_pictures(html, pictures)
        self.browser.setHtml(html)
        layout.addWidget(self.browser, 1)
        self.contents.currentItemChanged.connect(self._go)

    def _go(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        anchor = item.data(Qt.ItemDataRole.UserRole)
        if anchor == SECTIONS[0][0]:  # the first section: from the top, with the introduction
            self.browser.verticalScrollBar().setValue(0)
        else:
            self.browser.scrollToAnchor(anchor)

    def _smooth_pictures(self, html: str, pictures: Path) -> None:
        """The screenshots drawn at the guide's width with smooth scaling (the browser's own
        scaling drops pixels and the small text in the pictures gets ragged)."""
        document = self.browser.document()
        ratio = self.devicePixelRatioF()
        for source, width in IMAGES.findall(html):
            image = QImage(str(pictures / source))
            if image.isNull():
                continue  # the browser shows its own placeholder
            scaled = image.scaledToWidth(
                round(int(width) * ratio), Qt.TransformationMode.SmoothTransformation
            )
            scaled.setDevicePixelRatio(ratio)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(source), scaled)

    def show_section(self, anchor: str) -> None:
        """Select the section in the contents (which scrolls the guide to it)."""
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == anchor:
                self.contents.setCurrentRow(row)
                self._go(self.contents.item(row))
                return
