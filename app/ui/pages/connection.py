"""Conexão com o Chatwoot (SPEC §13): the connection's fields, "Testar conexão", Salvar, the
state of the connection and the push of the templates to the account's canned responses.

Every request runs off the UI thread (app.ui.services.background) while the page shows it is
busy; a failure's Portuguese message goes under the field it is about, and nothing is stored
unless the server accepted the connection. The stored token is never shown back: "••••" and
Substituir, which opens an empty field for a new one.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton

from app.core.chatwoot import connection as connections
from app.core.chatwoot.canned import push_templates
from app.core.chatwoot.client import ChatwootError
from app.core.chatwoot.outbox_store import pending_count
from app.core.common.log_file import unexpected_failure_text
from app.core.common.validation import Problem
from app.core.storage.errors import storage_failure_message
from app.i18n import _
from app.ui.pages.base import Page
from app.ui.pages.connection_parts import PushResults, StateBox, attempt, confirm_remove
from app.ui.services.background import Job, run_in_background
from app.ui.widgets.field_error import FieldError, show_at_fields
from app.ui.widgets.hint import hint_label
from app.ui.widgets.save_footer import SaveFooter

FIELDS = ("url", "account", "inbox", "token")


class ConnectionPage(Page):
    key = "connection"

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        self.stored: dict[str, str] | None = None  # url/account/inbox as loaded
        self.stored_token: str | None = None
        self.job: Job | None = None
        self.errors: dict[str, FieldError] = {}
        card = self.card(_("Connection"))
        self.url = self._field(card, "url", _("Chatwoot address"), "https://chat.loja.com.br")
        self.account = self._field(card, "account", _("Account ID"), "1")
        card.addWidget(
            hint_label(_("The account ID is the number after /accounts/ in Chatwoot's address."))
        )
        self.inbox = self._field(card, "inbox", _("Inbox ID"), "1")
        card.addWidget(hint_label(_("Settings → Inboxes → the inbox: the number after /inboxes/.")))
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.token.setAccessibleName(_("Access token"))
        self.token.setPlaceholderText(_("Profile settings → Access token"))
        self.token.textChanged.connect(self.changed)
        self.token_stored = QLabel("••••", objectName="tokenStored")
        self.replace_button = QPushButton(_("Replace"))
        self.replace_button.setAccessibleName(_("Replace the access token"))
        self.replace_button.clicked.connect(self.replace_token)
        row = QHBoxLayout()
        row.addWidget(self.token, 1)
        row.addWidget(self.token_stored, 1)
        row.addWidget(self.replace_button)
        card.addWidget(QLabel(_("Access token"), objectName="fieldLabel"))
        card.addLayout(row)
        card.addWidget(self._error("token"))
        card.addWidget(
            hint_label(
                _(
                    "Turn Chatwoot's own auto-resolve off (Account settings): otherwise two "
                    "automations close the same conversations. Atende never deletes anything "
                    "in Chatwoot."
                )
            )
        )
        buttons = QHBoxLayout()
        self.test_button = QPushButton(_("Test connection"))
        self.test_button.setAccessibleName(_("Test connection"))
        self.test_button.clicked.connect(self.test)
        self.remove_button = QPushButton(_("Remove connection"), objectName="danger")
        self.remove_button.setAccessibleName(_("Remove connection"))
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        card.addLayout(buttons)
        self.result = hint_label()  # "Connection works: …", grey (a failure is at its field)
        self.result.hide()
        card.addWidget(self.result)

        state = self.card(_("State"))
        self.state_box = StateBox()
        state.addWidget(self.state_box)

        push = self.card(_("Predefined messages in Chatwoot"))
        push.addWidget(
            hint_label(
                _(
                    "Sends the predefined messages of this instance to the account's canned "
                    "responses (shortcut without /). Others are never changed or deleted."
                )
            )
        )
        self.push_button = QPushButton(_("Send predefined messages"))
        self.push_button.setAccessibleName(_("Send predefined messages"))
        self.push_button.clicked.connect(self.push)
        push_row = QHBoxLayout()
        push_row.addWidget(self.push_button)
        push_row.addStretch(1)
        push.addLayout(push_row)
        self.push_results = PushResults()
        push.addWidget(self.push_results)
        self.body.addStretch(1)

        self.footer = SaveFooter(self, self.save, self.discard, self.load)
        self._outer.addWidget(self.footer)
        context.connections_changed.connect(self.show_state)
        self.load()

    # -- building ----------------------------------------------------------------------------
    def _field(self, card, path: str, name: str, placeholder: str) -> QLineEdit:
        card.addWidget(QLabel(name, objectName="fieldLabel"))
        edit = QLineEdit(placeholderText=placeholder)
        edit.setAccessibleName(name)
        edit.textChanged.connect(self.changed)
        card.addWidget(edit)
        card.addWidget(self._error(path))
        return edit

    def _error(self, path: str) -> FieldError:
        self.errors[path] = FieldError()
        return self.errors[path]

    # -- loading and editing ------------------------------------------------------------------
    def load(self) -> None:
        conn = connections.get(self.instance_id)
        self.stored_token = conn.token if conn is not None else None
        self.stored = (
            {"url": conn.url, "account": str(conn.account_id), "inbox": str(conn.inbox_id)}
            if conn is not None
            else None
        )
        values = self.stored or {"url": "", "account": "", "inbox": ""}
        for edit, key in ((self.url, "url"), (self.account, "account"), (self.inbox, "inbox")):
            edit.blockSignals(True)
            edit.setText(values[key])
            edit.blockSignals(False)
        self.token.blockSignals(True)
        self.token.clear()
        self.token.blockSignals(False)
        # A refused token (paused): the field for a new one is open at once.
        self._show_token_field(conn is None or bool(conn.paused_reason))
        self._say_result(None)
        self.show_problems([])
        self.footer.show_loaded()
        self.show_state()
        self.changed()

    def _show_token_field(self, editable: bool) -> None:
        self.token.setVisible(editable)
        self.token_stored.setVisible(not editable)
        self.replace_button.setVisible(not editable)

    def replace_token(self) -> None:
        self._show_token_field(True)
        self.token.setFocus()
        self.changed()

    def read_values(self) -> dict[str, str]:
        return {"url": self.url.text(), "account": self.account.text(), "inbox": self.inbox.text()}

    def settings(self) -> tuple[connections.Settings | None, list[Problem]]:
        values = self.read_values()
        token = self.token.text() or self.stored_token or ""  # empty field: keep the stored one
        return connections.validate(values["url"], values["account"], values["inbox"], token)

    def has_unsaved_changes(self) -> bool:
        edited = self.read_values() != (self.stored or {"url": "", "account": "", "inbox": ""})
        return edited or bool(self.token.text())

    def changed(self, *_args) -> None:
        self._say_result(None)  # a test's answer is about the values it tested
        settings, problems = self.settings()
        dirty = self.has_unsaved_changes()
        # A field is judged once typed in: an empty new form shows no red yet.
        self.show_problems([p for p in problems if self._typed(p.path)])
        self.footer.show_state(dirty, problems)
        idle = self.job is None
        self.test_button.setEnabled(idle and settings is not None)
        self.remove_button.setEnabled(idle and self.stored is not None)
        self.push_button.setEnabled(idle and self.stored is not None and not dirty)
        if not idle:
            self.footer.save_button.setEnabled(False)

    def _typed(self, path: str) -> bool:
        edit = {"url": self.url, "account": self.account, "inbox": self.inbox}.get(path)
        return bool(edit.text()) if edit is not None else bool(self.token.text())

    def show_problems(self, problems: list[Problem]) -> None:
        show_at_fields(self.errors, problems)

    def show_state(self, *_args) -> None:
        conn = connections.get(self.instance_id)
        zone = ZoneInfo(self.instance().timezone)
        self.state_box.show_connection(conn, pending_count(self.instance_id), zone)

    # -- acting (off the UI thread) --------------------------------------------------------------
    def _start(self, fn, done, busy_text: str) -> None:
        self.job = run_in_background(fn, done, self._job_failed)
        self.footer.say(busy_text)
        self.changed()

    def _finish(self) -> None:
        self.job = None
        self.footer.say("")
        self.changed()

    def test(self) -> None:
        settings, problems = self.settings()
        if settings is None or self.job is not None:
            self.show_problems(problems)
            return
        self._start(lambda: attempt(connections.check, settings), self._tested, _("Testing…"))

    def _tested(self, answer) -> None:
        self._finish()
        if self._show_failure(answer):
            return
        self._say_result(_("Connection works: inbox “{name}”.").format(name=answer.inbox_name))
        self.show_problems(list(answer.warnings))

    def _say_result(self, text: str | None) -> None:
        self.result.setText(text or "")
        self.result.setVisible(bool(text))

    def save(self) -> bool:
        settings, problems = self.settings()
        if settings is None or self.job is not None or not self.has_unsaved_changes():
            return not self.has_unsaved_changes()
        instance, now = self.instance(), self.context.clock.now()
        self._start(
            lambda: attempt(lambda s: connections.save(instance, s, now), settings),
            self._saved,
            _("Checking the connection with Chatwoot…"),
        )
        return False  # not yet: the answer comes back through `_saved`

    def _saved(self, answer) -> None:
        self._finish()
        if self._show_failure(answer):
            self.footer.say(_("Not saved: Chatwoot did not accept the connection."))
            return
        self.load()
        self.footer.say(_("Saved."))
        self.show_problems(list(answer.warnings))
        self.context.connections_changed.emit(self.instance_id)

    def _show_failure(self, answer) -> bool:
        if not isinstance(answer, connections.CheckFailed):
            return False
        self.show_problems([answer.problem])
        self._say_result(None)
        return True

    def _job_failed(self, exc: Exception) -> None:
        self._finish()
        if isinstance(exc, ChatwootError):  # its message is Portuguese and has no token
            self.footer.say(str(exc))
            return
        # Else a storage cause in Portuguese, or the (English) details to the log, as the CLI
        known = storage_failure_message(exc)
        self.footer.say(known or unexpected_failure_text(exc, "the Chatwoot connection page"))

    def discard(self) -> None:
        self.load()

    def remove(self) -> None:
        if not confirm_remove(self):
            return
        connections.remove(self.instance(), self.context.clock.now())
        self.load()
        self.footer.say(_("Connection removed."))
        self.context.connections_changed.emit(self.instance_id)

    def push(self) -> None:
        conn = connections.get(self.instance_id)
        if conn is None or self.job is not None:
            return
        settings, instance = connections.settings_of(conn), self.instance()

        def work():
            with settings.client(timeout=15) as client:
                return push_templates(instance, client)

        self._start(work, self._pushed, _("Sending the predefined messages…"))

    def _pushed(self, results) -> None:
        self._finish()
        self.push_results.show_results(results)
