"""The pages inside an instance, declared once: sidebar order, titles, descriptions, modules."""

# Each page module holds one page class; the instance view imports it on first show. A page
# that edits a configuration section takes its title from core's section (`SECTION_TITLE`),
# the others from this table.

from __future__ import annotations

from dataclasses import dataclass

from app.core.config.registry import section
from app.i18n import N_, _

ATENDIMENTO = N_("Attendance")
OPERATION = N_("Operation")


@dataclass(frozen=True)
class PageSpec:
    key: str
    group: str  # N_()-marked sidebar section; "" = no section header
    module: str
    cls: str
    section: str | None = None  # the config section the page edits (its title is core's)
    own_title: str = ""  # N_()-marked, for a page that edits no section
    description: str = ""  # N_()-marked, under the title

    @property
    def title(self) -> str:
        """N_()-marked: translate when shown."""
        return section(self.section).title if self.section else self.own_title


def _spec(key: str, group: str, cls: str, **kwargs) -> PageSpec:
    return PageSpec(key, group, f"app.ui.pages.{key}", cls, **kwargs)


PAGES = (
    # Visão geral stands above the groups (no sidebar header of its own).
    _spec(
        "overview",
        "",
        "OverviewPage",
        own_title=N_("Overview"),
        description=N_(
            "How the attendance of this instance is doing now, and what needs your attention."
        ),
    ),
    _spec(
        "priority",
        ATENDIMENTO,
        "PriorityPage",
        section="prioritize_attendance",
        description=N_(
            "When on, the automatic messages of Notificações Inteligentes are not sent to a "
            "customer whose attendance is in progress."
        ),
    ),
    _spec(
        "auto_close",
        ATENDIMENTO,
        "AutoClosePage",
        section="auto_close",
        description=N_(
            "When automatic closing is on, the attendance is closed automatically if the customer "
            "does not answer within the set time (for example 1 hour, 5 hours or even days)."
        ),
    ),
    _spec(
        "schedule",
        ATENDIMENTO,
        "SchedulePage",
        section="schedule",
        description=N_(
            "Outside these hours the automatic messages of Notificações Inteligentes wait for the "
            "next opening. Holidays are closed unless a special date says otherwise."
        ),
    ),
    _spec(
        "templates",
        ATENDIMENTO,
        "TemplatesPage",
        section="templates",
        description=N_(
            "Ready answers your team sends by typing their shortcut (/ola) in the "
            "chat; the variables are filled for each customer."
        ),
    ),
    _spec(
        "chats",
        OPERATION,
        "ChatsPage",
        own_title=N_("Attendances"),
        description=N_(
            "The attendances of this instance and when automatic closing will "
            "finish the ones waiting on the customer."
        ),
    ),
    _spec(
        "connection",
        OPERATION,
        "ConnectionPage",
        own_title=N_("Chatwoot connection"),
        description=N_(
            "Connect this instance to a Chatwoot inbox: its conversations become attendances "
            "here, and automatic closing sends its messages and resolves them there."
        ),
    ),
    _spec(
        "history",
        OPERATION,
        "HistoryPage",
        own_title=N_("History"),
        description=N_(
            "Configuration changes and automatic closings of this instance, newest first."
        ),
    ),
)


def page_spec(key: str) -> PageSpec:
    return next(spec for spec in PAGES if spec.key == key)


def page_title(key: str) -> str:
    """The page's title, translated."""
    return _(page_spec(key).title)
