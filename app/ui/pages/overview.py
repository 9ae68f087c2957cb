"""Visão geral: the state of the instance at a glance, and every warning of `atende check`
with a button to the page that fixes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton

from app.core.chatwoot.connection import get as get_connection
from app.core.chatwoot.state import PROBLEM_PATH, connection_problem
from app.core.common.validation import Problem
from app.core.desktop.status import Overview, instance_overview
from app.core.watcher.bad_rows import count_invalid, invalid_chats_message
from app.i18n import _, format_duration, format_number, format_relative, ngettext
from app.ui.icons import icon
from app.ui.pages import PAGES, page_title
from app.ui.pages.base import Page
from app.ui.widgets.stat_card import StatCard

INSTANCE = "instance"  # the fix is in the instance's own fields (Editar instância)
# The first part of a Problem path (a config section key) → the page that edits it.
PAGE_FOR_SECTION = {spec.section: spec.key for spec in PAGES if spec.section}
PAGE_FOR_SECTION[PROBLEM_PATH] = "connection"  # a paused or failing Chatwoot connection
INVALID_CHATS_PATH = "chats"  # chats the watcher skips for invalid data (`bad_rows`)
PAGE_FOR_SECTION[INVALID_CHATS_PATH] = "chats"


def page_for_path(path: str) -> str:
    """The page key that fixes a problem at `path`; the instance dialog for its own fields."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    return PAGE_FOR_SECTION.get(head, INSTANCE)


def target_title(key: str) -> str:
    if key == INSTANCE:
        return _("Edit instance")
    return page_title(key)


def invalid_chats_problem(count: int) -> Problem | None:
    """The chats the watcher skips for invalid data (written directly in the database, never
    by an import), as a problem of this page."""
    return Problem(INVALID_CHATS_PATH, invalid_chats_message(count)) if count else None


class OverviewPage(Page):
    key = "overview"
    navigate = Signal(str)  # a page key, or INSTANCE

    def __init__(self, instance_id, context, parent=None):
        super().__init__(instance_id, context, parent)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.schedule_card = StatCard(
            "schedule", page_title("schedule"), "schedule", _("Open business hours")
        )
        self.chats_card = StatCard(
            "chats", _("Open attendances"), "chats", _("See the attendances")
        )
        self.auto_close_card = StatCard(
            "auto-close", page_title("auto_close"), "auto_close", _("Set up automatic closing")
        )
        self.templates_card = StatCard(
            "templates", page_title("templates"), "templates", _("Open predefined messages")
        )
        self.priority_card = StatCard(
            "priority", page_title("priority"), "priority", _("Open prioritize attendance")
        )
        self.cards = (
            self.chats_card,
            self.auto_close_card,
            self.templates_card,
            self.priority_card,
        )
        for card in (self.schedule_card, *self.cards):
            card.link_clicked.connect(self.navigate)
        self.grid, self.columns = grid, 0
        self.body.addLayout(grid)
        self.scroll_area.viewport().installEventFilter(self)  # its width sets the columns
        self.arrange()

        self.warnings = self.card(_("Warnings"))
        self.warning_rows: list[tuple[Problem, QPushButton]] = []
        self.all_good = QLabel(objectName="allGood")
        self.warnings.addWidget(self.all_good)
        self.body.addStretch(1)
        context.settings_changed.connect(self._changed)
        context.chats_changed.connect(self._changed)
        context.connections_changed.connect(self._changed)
        self.load()

    def arrange(self) -> None:
        """The agenda across the top, then the cards two by two, or one under the other when
        two side by side don't fit (a window about 900 pixels wide)."""
        margins = self.body.contentsMargins()
        width = self.scroll_area.viewport().width() - margins.left() - margins.right()
        widest = max(card.minimumSizeHint().width() for card in self.cards)
        columns = 2 if 2 * widest + self.grid.horizontalSpacing() <= width else 1
        if columns == self.columns:
            return
        self.columns = columns
        for card in (self.schedule_card, *self.cards):
            self.grid.removeWidget(card)
        self.grid.addWidget(self.schedule_card, 0, 0, 1, columns)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, 1 + index // columns, index % columns)
        for column in range(2):  # equal columns, none left over from the other arrangement
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.arrange()
        return super().eventFilter(watched, event)

    def _changed(self, instance_id: int) -> None:
        if instance_id in (0, self.instance_id) and self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802
        self.load()  # other pages may have saved meanwhile
        super().showEvent(event)

    def load(self) -> None:
        overview = instance_overview(self.instance(), self.context.clock.now())
        if not overview.schedule_enabled:
            value, tone = _("No agenda"), "off"
        elif overview.open_now:
            value, tone = _("Open for business"), "ok"
        else:
            value, tone = _("Closed for business"), "off"
        self.schedule_card.show_value(value, overview.schedule_line, tone)
        self._show_chats(overview)
        self._show_auto_close(overview)
        count = overview.template_count
        self.templates_card.show_value(
            format_number(count),
            ngettext(
                "{count} ready-made answer for your operators",
                "{count} ready-made answers for your operators",
                count,
            ).format(count=format_number(count))
            if count
            else _("None yet — create the first one, e.g. a greeting with /ola."),
            "normal" if count else "off",
        )
        if overview.prioritize_effective:
            self.priority_card.show_value(
                _("On"), _("Automatic messages wait while a customer is being attended."), "ok"
            )
        elif overview.prioritize_chosen:
            self.priority_card.show_value(
                _("Not effective"),
                _("Turned on, but the plan of this instance does not include it."),
                "off",
            )
        else:
            self.priority_card.show_value(
                _("Off"), _("Automatic messages are sent even during an attendance."), "off"
            )
        connection = connection_problem(get_connection(self.instance_id))
        found = [
            connection,
            invalid_chats_problem(count_invalid(self.instance_id).get(self.instance_id, 0)),
        ]
        self._show_problems([*filter(None, found), *overview.problems])

    def _show_chats(self, overview: Overview) -> None:
        now = self.context.clock.now()
        if overview.next_closure is None:
            detail = _("No attendance waiting to be closed automatically.")
        elif overview.next_closure <= now:
            detail = _("The watcher is closing attendances now.")
        else:
            detail = _("Next automatic closing {when}.").format(
                when=format_relative(overview.next_closure - now)
            )
        self.chats_card.show_value(format_number(overview.open_chats), detail)

    def _show_auto_close(self, overview: Overview) -> None:
        if overview.auto_close_enabled and overview.timeout_minutes:
            self.auto_close_card.show_value(
                _("On"),
                _(
                    "Closes an attendance after {duration} without an answer from the customer."
                ).format(duration=format_duration(overview.timeout_minutes)),
                "ok",
            )
        else:
            self.auto_close_card.show_value(
                _("Off"), _("Idle attendances stay open until an operator closes them."), "off"
            )

    def _show_problems(self, problems: list[Problem]) -> None:
        for _problem, button in self.warning_rows:
            row = button.parentWidget()
            self.warnings.removeWidget(row)
            row.deleteLater()
        self.warning_rows = []
        # Errors first (stored data that breaks a rule), then warnings.
        for problem in sorted(problems, key=lambda p: p.warning):
            self.warning_rows.append((problem, self._problem_row(problem)))
        self.all_good.setVisible(not problems)
        self.all_good.setText(_("All good: no warnings for this instance."))

    def _problem_row(self, problem: Problem) -> QPushButton:
        row = QFrame(objectName="warningRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(12, 8, 8, 8)
        badge = QLabel()
        badge.setPixmap(
            icon("warning", "warning" if problem.warning else "danger").pixmap(QSize(18, 18))
        )
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel(problem.message, objectName="notice")
        text.setWordWrap(True)
        layout.addWidget(text, 1)
        target = page_for_path(problem.path)
        label = _("Fix in “{page}”").format(page=target_title(target))
        button = QPushButton(label)
        button.setAccessibleName(label)
        button.clicked.connect(lambda: self.navigate.emit(target))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.warnings.insertWidget(self.warnings.count() - 1, row)
        return button

    def problem_buttons(self) -> list[tuple[Problem, QPushButton]]:
        return list(self.warning_rows)
