"""The pages inside an instance, declared once (sidebar order, titles, modules).

Each page module holds one page class; the instance view imports it on first show.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import N_

ATENDIMENTO = N_("Attendance")
OPERATION = N_("Operation")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # N_()-marked
    group: str  # N_()-marked sidebar section; "" = no section header
    module: str
    cls: str


PAGES = (
    # Visão geral stands above the groups (no sidebar header of its own).
    PageSpec("overview", N_("Overview"), "", "app.ui.pages.overview", "OverviewPage"),
    PageSpec(
        "priority",
        N_("Prioritize attendance"),
        ATENDIMENTO,
        "app.ui.pages.priority",
        "PriorityPage",
    ),
    PageSpec(
        "auto_close",
        N_("Automatic closing"),
        ATENDIMENTO,
        "app.ui.pages.auto_close",
        "AutoClosePage",
    ),
    PageSpec(
        "schedule", N_("Business hours"), ATENDIMENTO, "app.ui.pages.schedule", "SchedulePage"
    ),
    PageSpec(
        "templates",
        N_("Predefined messages"),
        ATENDIMENTO,
        "app.ui.pages.templates",
        "TemplatesPage",
    ),
    PageSpec("chats", N_("Attendances"), OPERATION, "app.ui.pages.chats", "ChatsPage"),
    PageSpec("history", N_("History"), OPERATION, "app.ui.pages.history", "HistoryPage"),
)
