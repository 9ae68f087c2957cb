"""The footer of every page that edits: status line, Recarregar, Descartar, Salvar, Ctrl+S."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

from app.core.common.validation import Problem, errors
from app.i18n import _
from app.ui.icons import icon


class SaveFooter(QWidget):
    """Buttons that call the page's `save`, `discard` and `reload`; Ctrl+S anywhere in `host`.

    Recarregar stays hidden until a save is refused because someone else changed the page.
    """

    def __init__(
        self,
        host: QWidget,
        save: Callable[[], object],
        discard: Callable[[], object],
        reload: Callable[[], object],
    ) -> None:
        super().__init__(host, objectName="pageFooter")
        # A QWidget subclass paints its style sheet box (the border on top) only when asked.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        fl = QHBoxLayout(self)
        fl.setContentsMargins(28, 10, 28, 12)
        self.status_label = QLabel(objectName="saveStatus")
        self.status_label.setWordWrap(True)
        fl.addWidget(self.status_label, 1)
        self.reload_button = QPushButton(_("Reload"))
        self.reload_button.setAccessibleName(_("Reload"))
        self.reload_button.setToolTip(_("Show what is saved now (your changes are discarded)"))
        self.reload_button.clicked.connect(lambda: reload())
        self.reload_button.hide()
        fl.addWidget(self.reload_button)
        self.discard_button = QPushButton(icon("undo"), _("Discard changes"))
        self.discard_button.setAccessibleName(_("Discard changes"))
        self.discard_button.clicked.connect(lambda: discard())
        fl.addWidget(self.discard_button)
        self.save_button = QPushButton(icon("save", "on_accent"), _("Save"), objectName="primary")
        self.save_button.setAccessibleName(_("Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: save())
        fl.addWidget(self.save_button)
        # Inside an instance, the instance view's own Ctrl+S (anywhere in it) replaces this one.
        self.shortcut = QShortcut(QKeySequence.StandardKey.Save, host)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.shortcut.activated.connect(lambda: save())
        self._host = host
        host.installEventFilter(self)

    def say(self, text: str) -> None:
        self.status_label.setText(text)

    def show_state(self, dirty: bool, problems: list[Problem]) -> None:
        """Salvar and Descartar for unsaved edits, and the line that says why not."""
        blocked = bool(errors(problems))
        if not dirty and (self.save_button.hasFocus() or self.discard_button.hasFocus()):
            # Salvar or Descartar turn off under the cursor: back to the page's first field
            # (Qt would hand the focus to whatever follows, outside the page).
            focus_first_field(self._host)
        self.save_button.setEnabled(dirty and not blocked)
        self.discard_button.setEnabled(dirty)
        if dirty:
            self.say(
                _("Fix the fields marked in red to save.") if blocked else _("Unsaved changes.")
            )

    def show_loaded(self) -> None:
        self.say("")
        self.reload_button.hide()

    def show_refused(self, reason: str, can_reload: bool) -> None:
        """Someone else changed the page: the edits stay on screen, Recarregar is offered."""
        self.say(
            _(
                "{reason} Your changes were not saved; they are still on the screen. Reload "
                "to see what is saved now."
            ).format(reason=reason)
        )
        self.reload_button.setVisible(can_reload)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The footer may be built before the page's fields; Tab should reach it last.
        if watched is self._host and event.type() == QEvent.Type.Show:
            self._host.removeEventFilter(self)
            self._tab_last()
        return False

    def _tab_last(self) -> None:
        fields = [field for field in tab_fields(self._host) if not self.isAncestorOf(field)]
        if fields:
            QWidget.setTabOrder(fields[-1], self.discard_button)
            QWidget.setTabOrder(self.discard_button, self.save_button)


def tab_fields(host: QWidget) -> list[QWidget]:
    """The widgets inside `host` that Tab reaches, in the order it does."""
    fields, widget = [], host.nextInFocusChain()
    while widget is not host and host.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            fields.append(widget)
        widget = widget.nextInFocusChain()
    return fields


def focus_first_field(host: QWidget) -> bool:
    """Put the cursor in the first field of `host` that can take it now."""
    for field in tab_fields(host):
        if field.isEnabled() and field.isVisibleTo(host):
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            scroll = field.parentWidget()
            while scroll is not None and not isinstance(scroll, QScrollArea):
                scroll = scroll.parentWidget()
            if scroll is not None:  # seen where it is: Space must not act out of sight
                scroll.ensureWidgetVisible(field)
            return True
    return False
