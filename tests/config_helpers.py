"""Valid config-file data built from what this version exports, so a test that changes one
section keeps working when another section joins the format (every key is required)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.core.common.clock import FixedClock
from app.core.config.file_format import FORMAT, VERSION, export_instance
from app.core.instances.store import create_instance
from app.core.storage.db import database


def instance_config(**overrides: Any) -> dict[str, Any]:
    """One instance object of the config file: a fresh instance's export, then `overrides`.

    Needs an open database (the `db` fixture); writes nothing to it.
    """
    # A name no test uses: the database may already hold "Loja Centro".
    fields = {
        "name": "Modelo para exportar 7f3a",
        "phone": "+5511912345678",
        "plan": "intermediario",
        "timezone": "America/Sao_Paulo",
    }
    with database.atomic() as transaction:
        instance = create_instance(fields, FixedClock(datetime(2025, 1, 1, tzinfo=UTC)))
        data = export_instance(instance)
        transaction.rollback()
    data["name"] = "Loja Centro"
    data.update(overrides)
    return data


def config(*instances: dict[str, Any]) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "instances": list(instances)}
