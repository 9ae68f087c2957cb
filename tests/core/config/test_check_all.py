"""`atende check` over many instances: the same problems as instance by instance, read in
one query per table whatever the number of instances."""

from __future__ import annotations

from app.core.config.checks import check_all, check_instance
from app.core.config.file_format import export_config, export_instance
from app.core.schedule import store as schedule
from app.core.storage.models import Instance, Template
from app.core.watcher import auto_close


def shop(make_instance, clock, number: int):
    instance = make_instance(f"Loja {number}")
    if number % 2:  # both switches off: a warning about auto-close
        settings = auto_close.defaults() | {"enabled": True, "close_assigned_by_operator": False}
        auto_close.save(instance, settings, clock)
    if number % 3 == 0:  # an agenda open two hours a week: a warning about the agenda
        values = schedule.default_values() | {"enabled": True}
        values["week"]["monday"] = [["08:00", "10:00"]]
        schedule.save(instance, values, clock)
    now = clock.now()
    for n, content in enumerate(("Olá {{primeiro_nome}}", "Até {{data", "Bip\x07")):
        Template.create(  # stored as is (another tool, an old version): check must say so
            instance=instance,
            title=f"Mensagem {n}",
            shortcut=f"/m{n}",
            content=content,
            created_at=now,
            updated_at=now,
        )
    return instance


def test_check_all_finds_what_each_instance_check_finds(make_instance, clock):
    for number in range(1, 7):
        shop(make_instance, clock, number)
    # Stored by another tool: a name that is "Loja 5" once spaces and case are ignored.
    Instance.update(name="loja  5").where(Instance.name == "Loja 6").execute()
    found = [(p.path, p.message, p.warning) for p in check_all()]
    each = [
        (p.path, p.message, p.warning)
        for instance in Instance.select().order_by(Instance.name)
        for p in check_instance(instance)
    ]
    assert found == each
    paths = {path for path, _message, _warning in found}
    assert {"Loja 1.auto_close", "Loja 3.schedule.week", "loja  5.templates[2].content"} <= paths
    assert "Loja 2.auto_close" not in paths and "Loja 4.schedule.week" not in paths
    assert {"Loja 5.name", "loja  5.name"} <= paths and "Loja 4.name" not in paths


def _queries(db, work=check_all) -> int:
    statements = []
    execute = db.execute_sql

    def record(sql, *args, **kwargs):
        statements.append(sql)
        return execute(sql, *args, **kwargs)

    db.execute_sql = record
    try:
        work()
    finally:
        db.execute_sql = execute
    return len(statements)


def test_sections_are_read_once_for_all_instances(make_instance, clock, db):
    for number in range(1, 3):
        shop(make_instance, clock, number)
    two = _queries(db)
    for number in range(3, 9):
        shop(make_instance, clock, number)
    # Six more instances, no more queries: names, phones and sections are read for all.
    assert _queries(db) == two


def test_export_reads_each_section_once_for_all_instances(make_instance, clock, db):
    for number in range(1, 3):
        shop(make_instance, clock, number)
    two = _queries(db, export_config)
    for number in range(3, 9):
        shop(make_instance, clock, number)
    assert _queries(db, export_config) == two
    # The same values as exporting instance by instance.
    each = [export_instance(i) for i in Instance.select().order_by(Instance.name)]
    assert export_config()["instances"] == each
