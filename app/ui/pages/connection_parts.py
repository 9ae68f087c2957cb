"""The parts of Conexão com o Chatwoot that only show: the state box and the results of the
canned-response push."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QWidget

from app.core.chatwoot.canned import Pushed
from app.core.chatwoot.connection import CheckFailed
from app.core.chatwoot.state import clause, connection_problem
from app.core.storage.models import Connection
from app.i18n import _, format_datetime, format_number
from app.ui.widgets import confirm
from app.ui.widgets.field_error import FieldError


def _value_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class StateBox(QWidget):
    """conectado / pausado (motivo), última sincronização, ações na fila, último erro."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(18)
        self.state = _value_label(_("Connection state"))
        self.state.setObjectName("connectionState")
        self.last_sync = _value_label(_("Last synchronization"))
        self.queued = _value_label(_("Queued actions"))
        self.problem = FieldError()
        form.addRow(_("Connection"), self.state)
        form.addRow(_("Last synchronization"), self.last_sync)
        form.addRow(_("Queued actions"), self.queued)
        form.addRow(self.problem)

    def show_connection(self, conn: Connection | None, queued: int, zone) -> None:
        if conn is None:
            self.state.setText(_("Not connected"))
            self.state.setProperty("tone", "off")
        elif conn.paused_reason:
            self.state.setText(_("Paused ({reason})").format(reason=clause(conn.paused_reason)))
            self.state.setProperty("tone", "danger")
        else:
            self.state.setText(_("Connected"))
            self.state.setProperty("tone", "ok")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        synced = conn.last_sync_at if conn is not None else None
        self.last_sync.setText(
            format_datetime(synced.astimezone(zone)) if synced is not None else _("Never")
        )
        self.queued.setText(format_number(queued))
        problem = connection_problem(conn)
        if problem is not None and conn is not None and conn.last_error_at is not None:
            when = format_datetime(conn.last_error_at.astimezone(zone))
            message = _("Last error ({when}): {error}").format(when=when, error=conn.last_error)
            self.problem.show_message(message, warning=problem.warning)
        else:
            self.problem.show_message(problem.message if problem else None, warning=False)


class PushResults(QListWidget):
    """One line per template: criada / atualizada / igual / não enviada: motivo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Result of sending the predefined messages"))
        self.setMaximumHeight(160)
        self.hide()

    def show_results(self, results: list[Pushed]) -> None:
        self.clear()
        if not results:
            self.addItem(_("This instance has no predefined messages yet."))
        for result in results:
            self.addItem(result.line())
        self.show()

    def lines(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


def confirm_remove(parent: QWidget) -> bool:
    return confirm.ask(
        parent,
        _("Remove connection"),
        _(
            "Remove the Chatwoot connection of this instance? Its queued actions are "
            "dropped; nothing is deleted in Chatwoot."
        ),
        _("Remove"),
    )


def attempt(fn, settings):
    """The check's answer, or its CheckFailed as a value (a Portuguese message at a field);
    runs on a pool thread."""
    try:
        return fn(settings)
    except CheckFailed as exc:
        return exc
