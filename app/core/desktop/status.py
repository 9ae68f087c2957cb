"""What the desktop shows at a glance (no Qt here): the Visão geral of an instance, and
whether the watcher has work worth keeping it alive in the tray."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.core.common.text import sentence
from app.core.common.validation import Problem
from app.core.config.checks import check_instance
from app.core.instances import priority
from app.core.schedule.decision import status_line
from app.core.schedule.opening import is_open
from app.core.schedule.store import load_agenda
from app.core.storage.models import AutoCloseSettings, Chat, Instance, Template
from app.core.watcher import due


def auto_close_enabled_anywhere() -> bool:
    """True when at least one instance has Encerramento automático on (one query)."""
    return AutoCloseSettings.select().where(AutoCloseSettings.enabled == True).exists()  # noqa: E712


@dataclass(frozen=True)
class Overview:
    schedule_enabled: bool
    open_now: bool  # inside the agenda now (always True when the agenda is off)
    schedule_line: str  # "Aberto agora — fecha hoje às 20:00.", "Fechado agora — abre …."
    open_chats: int
    next_closure: datetime | None  # when the watcher closes the next chat of this instance
    auto_close_enabled: bool
    timeout_minutes: int | None
    template_count: int
    prioritize_chosen: bool
    prioritize_effective: bool
    # Errors and warnings of `atende check`, paths relative to the instance
    # ("auto_close.closing_message", "phone").
    problems: tuple[Problem, ...]


def instance_overview(instance: Instance, now: datetime) -> Overview:
    """A handful of small queries; cheap enough to run each time the page is shown."""
    agenda = load_agenda(instance)
    settings = AutoCloseSettings.get_or_none(AutoCloseSettings.instance == instance.id)
    enabled = bool(settings and settings.enabled)
    open_chats = (
        Chat.select().where((Chat.instance == instance.id) & (Chat.status == "open")).count()
    )
    return Overview(
        schedule_enabled=agenda.enabled,
        open_now=not agenda.enabled or is_open(agenda, now),
        schedule_line=sentence(status_line(agenda, now)),  # among the cards' sentences
        open_chats=open_chats,
        next_closure=due.next_closing_at(instance) if enabled else None,
        auto_close_enabled=enabled,
        timeout_minutes=settings.timeout_minutes if settings else None,
        template_count=Template.select().where(Template.instance == instance.id).count(),
        prioritize_chosen=bool(instance.prioritize_attendance),
        prioritize_effective=priority.is_effective(instance),
        problems=tuple(relative_problems(instance)),
    )


def relative_problems(instance: Instance) -> list[Problem]:
    """`check_instance` with the "Instance name." prefix taken off the paths."""

    prefix = f"{instance.name}."
    return [
        Problem(
            p.path[len(prefix) :] if p.path.startswith(prefix) else p.path, p.message, p.warning
        )
        for p in check_instance(instance)
    ]
