"""Editing an instance's identity (name, phone, plan, time zone) and what follows from it.

`instances.store.update_instance` saves the fields; this module, above the rule wings, also
recomputes what depends on them: deadlines counted in business hours are instants of the
agenda *in the instance's zone*, so a new zone moves them (SPEC §12). The window's instance
dialog and every future command edit an instance through `edit_instance`.
"""

from __future__ import annotations

from typing import Any

from app.core.common.clock import Clock
from app.core.instances.store import update_instance
from app.core.schedule.store import load_agenda
from app.core.storage.db import database
from app.core.storage.models import Instance
from app.core.watcher import deadlines


def edit_instance(instance: Instance, data: dict[str, Any], clock: Clock) -> list[str]:
    """Save the edited fields (see `update_instance`: validation, conflicts, history) and,
    when the zone changed, recompute the business-hours deadlines of the instance's open
    chats in the same transaction. Returns the Portuguese descriptions of what changed."""
    zone = instance.timezone
    with database.atomic():
        changes = update_instance(instance, data, clock)
        if instance.timezone != zone and deadlines.counts_business_hours(instance):
            deadlines.recompute(instance, load_agenda(instance))
    return changes
