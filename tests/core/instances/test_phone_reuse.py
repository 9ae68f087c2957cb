"""One number, one instance: the same WhatsApp number on two instances is a warning (never a
refusal) from `check` and `import`, compared in E.164 whatever the typing."""

from __future__ import annotations

from app.core.config.checks import check_all, check_instance
from app.core.config.file_format import validate_config
from app.core.instances import phone_reuse
from tests.config_helpers import config, instance_config


def test_names_using_a_number_leave_out_the_instance_itself(make_instance):
    centro = make_instance("Loja Centro", phone="(11) 91234-5678")
    make_instance("Loja Bairro", phone="+55 11 91234-5678")
    make_instance("Outra", phone="(21) 2555-1234")
    assert phone_reuse.names_using_phone("+5511912345678") == ["Loja Bairro", "Loja Centro"]
    assert phone_reuse.names_using_phone("+5511912345678", centro.id) == ["Loja Bairro"]
    assert phone_reuse.names_using_phone("+552125551234", None) == ["Outra"]
    assert phone_reuse.names_using_phone(None) == []


def test_the_message_names_every_other_instance_in_portuguese():
    one = phone_reuse.reused_phone_message(["Loja Centro"])
    assert one == "Este número já é usado pela instância “Loja Centro”."
    two = phone_reuse.reused_phone_message(["A", "B", "C"])
    assert two == "Este número já é usado pelas instâncias “A”, “B” e “C”."


def test_check_warns_on_each_instance_sharing_a_number(make_instance):
    make_instance("Loja Centro", phone="(11) 91234-5678")
    make_instance("Loja Bairro", phone="11912345678")
    make_instance("Outra", phone="(21) 2555-1234")
    found = {(p.path, p.message) for p in check_all() if p.path.endswith(".phone")}
    assert found == {
        ("Loja Bairro.phone", "Este número já é usado pela instância “Loja Centro”."),
        ("Loja Centro.phone", "Este número já é usado pela instância “Loja Bairro”."),
    }
    assert all(p.warning for p in check_all() if p.path.endswith(".phone"))


def test_check_instance_says_the_same_as_check_all(make_instance):
    make_instance("A", phone="(11) 91234-5678")
    b = make_instance("B", phone="(11) 91234-5678")
    [problem] = [p for p in check_instance(b) if p.path == "B.phone"]
    assert problem.warning and "“A”" in problem.message


def test_shared_numbers_are_found_in_one_query(make_instance, db):
    for n in range(6):
        make_instance(f"Loja {n}", phone="(11) 91234-5678")
    statements = []
    execute = db.execute_sql
    db.execute_sql = lambda sql, *a, **k: (statements.append(sql), execute(sql, *a, **k))[1]
    try:
        shared = phone_reuse.others_by_instance()
    finally:
        db.execute_sql = execute
    assert len(statements) == 1
    assert sorted(len(names) for names in shared.values()) == [5] * 6


def test_import_warns_on_a_number_stored_under_another_name(make_instance):
    make_instance("Loja Centro", phone="(11) 91234-5678")
    data = config(instance_config(name="Loja Nova", phone="+55 11 91234-5678"))
    problems = validate_config(data)
    [warning] = [p for p in problems if p.path == "instances[0].phone"]
    assert warning.warning
    assert warning.message == "Este número já é usado pela instância “Loja Centro”."


def test_import_warns_on_a_number_repeated_inside_the_file(db):
    data = config(
        instance_config(name="A", phone="(11) 91234-5678"),
        instance_config(name="B", phone="(21) 2555-1234"),
        instance_config(name="C", phone="11912345678"),
    )
    found = {p.path: p.message for p in validate_config(data) if p.warning}
    assert "“C”" in found["instances[0].phone"] and "“A”" in found["instances[2].phone"]
    assert "instances[1].phone" not in found


def test_a_replaced_instance_no_longer_counts_with_its_old_number(make_instance):
    make_instance("Loja Centro", phone="(11) 91234-5678")
    # The file gives Loja Centro a new number, and its old number to Loja Nova: no clash.
    data = config(
        instance_config(name="loja centro", phone="(21) 2555-1234"),
        instance_config(name="Loja Nova", phone="(11) 91234-5678"),
    )
    assert [p for p in validate_config(data, replace=True) if p.path.endswith("phone")] == []
