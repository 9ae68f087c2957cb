"""Example data for `make run` (the demo database), so a newcomer sees the app working."""

from __future__ import annotations

from app.core.common.clock import Clock
from app.core.instances import priority
from app.core.instances.store import create_instance
from app.core.schedule import store as schedule
from app.core.storage.models import Instance
from app.core.templates import store as templates
from app.demo.chats import add_demo_chats

DEMO_INSTANCES = (
    {
        "name": "Padaria Pão Quente",
        "phone": "+5511987654321",
        "plan": "intermediario",
        "timezone": "America/Sao_Paulo",
        "prioritize": True,
    },
    {
        "name": "Clínica Sorriso",
        "phone": "+552125551234",
        "plan": "basico",
        "timezone": "America/Sao_Paulo",
        "prioritize": True,
    },
    {
        "name": "Açaí do Norte",
        "phone": "+5592991234567",
        "plan": "avancado",
        "timezone": "America/Manaus",
        "prioritize": False,
    },
)


# Mensagens predefinidas every demo instance gets; `{{empresa}}` makes each one its own.
COMMON_TEMPLATES = (
    (
        "Boas-vindas",
        "/ola",
        "Atendimento",
        "{{saudacao}}, {{primeiro_nome}}! 👋\nEste é o atendimento *{{empresa}}*. "
        "Como podemos ajudar?",
    ),
    (
        "Horário de funcionamento",
        "/horario",
        "Atendimento",
        "Nosso horário de atendimento é de *segunda a sexta, das 8h às 18h*, e aos sábados "
        "das 8h às 12h. Fora desse horário, deixe sua mensagem que respondemos assim que "
        "voltarmos. 🕗",
    ),
    (
        "Chave Pix",
        "/pix",
        "Pagamento",
        "Você pode pagar por Pix! Nossa chave (CNPJ) é:\n```12.345.678/0001-90```\n"
        "Depois, envie o comprovante aqui mesmo, por favor. 🙏",
    ),
    (
        "Protocolo do atendimento",
        "/protocolo",
        "Atendimento",
        "{{primeiro_nome}}, o número do seu atendimento é *{{protocolo}}*. Guarde-o caso "
        "precise falar com a gente de novo.",
    ),
    (
        "Aguarde um momento",
        "/aguarde",
        None,
        "Só um momento, {{primeiro_nome}}, estou verificando para você. ⏳",
    ),
    (
        "Encerramento",
        "/tchau",
        "Atendimento",
        "Obrigado pelo contato, {{primeiro_nome}}! Foi um prazer atender você.\n"
        "_{{operador}} — {{empresa}}_",
    ),
)
EXTRA_TEMPLATES = {
    "Padaria Pão Quente": (
        (
            "Encomenda de bolo",
            "/bolo",
            "Encomendas",
            "Fazemos bolos sob encomenda com *48 horas* de antecedência. Me conte o sabor, o "
            "tamanho (1 kg, 2 kg ou 3 kg) e a data da retirada. 🎂",
        ),
    ),
    "Clínica Sorriso": (
        (
            "Confirmação de consulta",
            "/confirmar",
            "Agenda",
            "{{saudacao}}, {{primeiro_nome}}! Podemos confirmar sua consulta? Responda *SIM* "
            "para confirmar ou *REMARCAR* para escolher outro horário.",
        ),
    ),
    "Açaí do Norte": (
        (
            "Cardápio",
            "/cardapio",
            "Vendas",
            "Nosso cardápio: açaí 300 ml, 500 ml e 700 ml, com até 3 complementos grátis. "
            "Entregamos em Manaus das 14h às 22h. 🍧",
        ),
    ),
}


def _add_templates(instance: Instance, clock: Clock) -> None:
    for title, shortcut, category, content in (
        *COMMON_TEMPLATES,
        *EXTRA_TEMPLATES.get(instance.name, ()),
    ):
        templates.create_template(
            instance,
            {"title": title, "shortcut": shortcut, "category": category, "content": content},
            clock,
        )


def populate_if_empty(clock: Clock) -> bool:
    """Create the example instances when the database has none; True if it did."""
    if Instance.select().exists():
        return False
    for spec in DEMO_INSTANCES:
        data = {k: v for k, v in spec.items() if k != "prioritize"}
        instance = create_instance(data, clock)
        if spec["prioritize"]:
            # Clínica Sorriso is on Básico: the choice is kept but not effective, which the
            # Priorizar page explains — a realistic downgrade case to look at.
            priority.save(instance, True, clock)
        _add_templates(instance, clock)
        if spec["name"] == "Padaria Pão Quente":
            add_demo_chats(instance, clock)
    _add_demo_schedules(clock)
    return True


def _add_demo_schedules(clock: Clock) -> None:
    """Business hours of the examples: a bakery with São Paulo holidays, a clinic with a
    lunch break and a short Christmas Eve, and an açaí shop in Manaus open every day."""

    def week(weekdays: list[list[str]], saturday=(), sunday=()) -> dict:
        days = {key: [list(i) for i in weekdays] for key in schedule.WEEKDAY_KEYS[:5]}
        return {
            **days,
            "saturday": [list(i) for i in saturday],
            "sunday": [list(i) for i in sunday],
        }

    today = clock.now().date()
    christmas_eve = today.replace(month=12, day=24)
    if christmas_eve < today:
        christmas_eve = christmas_eve.replace(year=today.year + 1)
    plans = {
        "Padaria Pão Quente": {
            "enabled": True,
            "week": week([["06:00", "20:00"]], saturday=[["06:00", "14:00"]]),
            "holidays": {"country": "BR", "subdivision": "SP"},
            "special_dates": [],
        },
        "Clínica Sorriso": {
            "enabled": True,
            "week": week([["08:00", "12:00"], ["13:00", "18:00"]]),
            "holidays": {"country": "BR", "subdivision": None},
            "special_dates": [
                {"date": christmas_eve.isoformat(), "intervals": [["08:00", "12:00"]]},
            ],
        },
        "Açaí do Norte": {
            "enabled": False,
            "week": {key: [["10:00", "22:00"]] for key in schedule.WEEKDAY_KEYS},
            "holidays": None,
            "special_dates": [],
        },
    }
    for instance in Instance.select().where(Instance.name.in_(list(plans))):
        schedule.save(instance, plans[instance.name], clock)
