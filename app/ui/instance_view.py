"""Inside an instance: a header, the sidebar of pages and the current page."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.instances.phones import format_phone
from app.core.instances.plans import plan_label
from app.core.instances.zone_names import zone_label
from app.core.storage.models import Instance
from app.i18n import _
from app.ui.context import AppContext
from app.ui.icons import icon
from app.ui.pages import PAGES, PageSpec
from app.ui.pages.base import Page
from app.ui.widgets.save_footer import SaveFooter, focus_first_field

KEY_ROLE = Qt.ItemDataRole.UserRole
# The sidebar icon of each page (files in resources/icons).
NAV_ICONS = {
    "overview": "overview",
    "priority": "priority",
    "auto_close": "auto-close",
    "schedule": "schedule",
    "templates": "templates",
    "chats": "chats",
    "connection": "connection",
    "history": "history",
}


class InstanceView(QWidget):
    back_requested = Signal()

    def __init__(self, instance_id: int, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.instance_id = instance_id
        self.context = context
        self.pages: dict[str, Page] = {}
        instance = Instance.get_by_id(instance_id)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        side = QWidget(objectName="sidebar")
        side.setFixedWidth(250)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(12, 14, 12, 14)
        back = QPushButton(icon("back", "accent_text"), _("Instances"), objectName="flat")
        back.setAccessibleName(_("Back to instances"))
        back.clicked.connect(self.back_requested)
        sl.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.name_label = QLabel(instance.name, objectName="sidebarTitle")
        self.name_label.setWordWrap(True)
        sl.addWidget(self.name_label)
        self.meta_label = QLabel(objectName="sidebarMeta")
        self.meta_label.setWordWrap(True)
        sl.addWidget(self.meta_label)
        self.nav = QListWidget(objectName="nav")
        self.nav.setAccessibleName(_("Pages of the instance"))
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setIconSize(QSize(18, 18))
        sl.addWidget(self.nav, 1)
        layout.addWidget(side)

        self.stack = QStackedWidget(objectName="pageStack")
        layout.addWidget(self.stack, 1)

        for index, spec in enumerate(PAGES):
            # A header starts each group; a page without a group (Visão geral) has none.
            if spec.group and (index == 0 or PAGES[index - 1].group != spec.group):
                header = QListWidgetItem(_(spec.group).upper())
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setData(KEY_ROLE, None)
                self.nav.addItem(header)
            item = QListWidgetItem(_(spec.title))
            if spec.key in NAV_ICONS:
                item.setIcon(icon(NAV_ICONS[spec.key]))
            item.setData(KEY_ROLE, spec.key)
            item.setToolTip(_("{page} (Ctrl+{n})").format(page=_(spec.title), n=index + 1))
            self.nav.addItem(item)
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda key=spec.key: self.show_page(key))
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)
        # Ctrl+S saves the current page wherever the focus is in the instance (the sidebar,
        # or nowhere after a field went away); the pages' own footers give theirs up.
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save_current)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.nav.currentItemChanged.connect(self._on_nav)
        self.refresh_header()
        self.show_page(PAGES[0].key)
        self.nav.setFocus()  # keyboard users start in the list of pages
        self.gone = False
        context.instances_changed.connect(self._instances_changed)

    def _instances_changed(self) -> None:
        """Another desk edited this instance (new header) or deleted it (back to Home)."""
        if Instance.get_or_none(Instance.id == self.instance_id) is not None:
            self.refresh_header()
            return
        self.gone = True
        for page in self.pages.values():
            self.context.disconnect(page)  # they must not read the deleted instance
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                _("The instance “{name}” was deleted elsewhere.").format(
                    name=self.name_label.text()
                ),
                15_000,
            )
        self.back_requested.emit()

    def refresh_header(self) -> None:
        instance = Instance.get_by_id(self.instance_id)
        self.name_label.setText(instance.name)
        self.meta_label.setText(
            # "Horário de Brasília (São Paulo)", the IANA name as the tooltip (as on Home)
            f"{format_phone(instance.phone)}\n{plan_label(instance.plan)}\n"
            f"{zone_label(instance.timezone)}"
        )
        self.meta_label.setToolTip(instance.timezone)

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(KEY_ROLE) if item else None

    def current_page(self) -> Page | None:
        key = self.current_key()
        return self.pages.get(key) if key else None

    def page(self, key: str) -> Page:
        """The page widget for `key`, built on first use."""
        if key not in self.pages:
            spec = next(s for s in PAGES if s.key == key)
            page = self._build(spec)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def _build(self, spec: PageSpec) -> Page:
        module = importlib.import_module(spec.module)
        page = getattr(module, spec.cls)(self.instance_id, self.context)
        if hasattr(page, "navigate"):  # Visão geral jumps to the page that fixes a warning
            page.navigate.connect(self.open_target)
        if isinstance(footer := getattr(page, "footer", None), SaveFooter):
            footer.shortcut.setEnabled(False)  # one Ctrl+S: the instance view's
        return page

    def save_current(self) -> bool:
        page = self.current_page()
        return page.save() if page is not None else True

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """A field of the page turned off or went away: Qt hands the focus to what follows
        it, which after the page's last field is "← Instâncias" (where Space leaves the
        instance). The page's first field takes it instead."""
        page = self.current_page()
        if page is None or old is None or not page.isAncestorOf(old):
            return
        if old.isEnabled() and old.isVisible():
            return  # the user moved on (Tab, a click)
        if new is None or not page.isAncestorOf(new):
            focus_first_field(page)

    def open_target(self, key: str) -> None:
        """A page key, or "instance" for the instance's own fields (the edit dialog)."""
        if key != "instance":
            self.show_page(key)
            return
        from app.ui.dialogs.instance_dialog import InstanceDialog  # on use: ~0.5 MiB

        dialog = InstanceDialog(self.context.clock, Instance.get_by_id(self.instance_id), self)
        dialog.accepted.connect(self._instance_edited)
        dialog.open()

    def _instance_edited(self) -> None:
        self.refresh_header()
        self.context.instances_changed.emit()
        self.context.settings_changed.emit(self.instance_id)

    def show_page(self, key: str) -> bool:
        """Switch to `key`, asking first when the current page has unsaved changes."""
        current = self.current_page()
        if current is not None and self.current_key() != key and not current.confirm_leave():
            return False
        self._select_nav(key)
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        return True

    def _select_nav(self, key: str) -> None:
        """Highlight `key` in the sidebar without reacting to it."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(KEY_ROLE) == key:
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(row)
                self.nav.blockSignals(False)

    def _on_nav(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        if item is None or item.data(KEY_ROLE) is None:
            return
        key = item.data(KEY_ROLE)
        previous_key = previous.data(KEY_ROLE) if previous else None
        leaving = self.pages.get(previous_key) if previous_key else None
        if leaving is not None and leaving is not self.pages.get(key):
            if not leaving.confirm_leave():
                # After the click finishes, or the list's own selection update wins.
                QTimer.singleShot(0, lambda: self._select_nav(previous_key))
                return
        self.stack.setCurrentWidget(self.page(key))

    def focus_search(self) -> bool:
        """Ctrl+F: the search box of the current page, when it has one."""
        page = self.current_page()
        return page.focus_search() if page is not None else False

    def confirm_leave(self) -> bool:
        if self.gone:
            return True  # nothing left to save
        page = self.current_page()
        return page.confirm_leave() if page is not None else True
