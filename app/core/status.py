"""What the desktop shows at a glance: is the watcher worth keeping alive? (no Qt here)."""

from __future__ import annotations

from app.core.models import AutoCloseSettings


def auto_close_enabled_anywhere() -> bool:
    """True when at least one instance has Encerramento automático on (one query)."""
    return AutoCloseSettings.select().where(AutoCloseSettings.enabled == True).exists()  # noqa: E712
