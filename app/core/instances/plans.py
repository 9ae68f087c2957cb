"""Plans of the Notificações Inteligentes service and what each one allows."""

from __future__ import annotations

from app.i18n import N_, _

BASICO = "basico"
INTERMEDIARIO = "intermediario"
AVANCADO = "avancado"

# Declared once: stored value → translatable label (translated when shown).
PLAN_LABELS = {
    BASICO: N_("Basic"),
    INTERMEDIARIO: N_("Intermediate"),
    AVANCADO: N_("Advanced"),
}
PLANS = tuple(PLAN_LABELS)

# Priorizar atendimento is sold from Intermediário up (seed article).
PRIORITIZE_PLANS = frozenset({INTERMEDIARIO, AVANCADO})


def plan_label(plan: str) -> str:
    return _(PLAN_LABELS[plan]) if plan in PLAN_LABELS else plan


def allows_prioritize(plan: str) -> bool:
    return plan in PRIORITIZE_PLANS
