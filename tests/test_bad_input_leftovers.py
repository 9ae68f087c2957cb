"""The catalogue of hostile input, round two's leftovers (issue 18): one bad chat row never
stops closing for everyone, and one server named two ways is one server."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.cli import main
from app.commands import watch
from app.commands.watch import skipped_message
from app.core.common.log_file import default_log_file
from app.core.storage import dialect
from app.core.storage.db import close_database, database
from app.core.storage.lock import app_lock_path, watcher_lock_path
from app.core.storage.models import AutoCloseSettings, Chat, to_millis
from app.core.watcher import auto_close, bad_rows
from app.core.watcher.closing import watcher_pass
from app.i18n import ngettext
from tests.commands.cli_fixture import atende  # noqa: F401 - a fixture

# -- item 1: one chat with invalid data never stops closing for everyone ---------------------

NOW = "2025-03-12T13:00:00Z"  # the test clock: both chats are 2 hours past their last message
YEAR_9999 = 253402300200000

# Each a row as an older desk or a hand edit could have written it (the imports refuse
# them): (SQL SET clause, dialects). Before: the pass raised for everyone (`blob`), closed
# the row at a nonsense deadline (`text`, 1969), or `chats list` failed.
BAD_ROWS = {
    "agent-message-1969": ("last_agent_message_at = -7200000", None),
    "agent-message-9999": (f"last_agent_message_at = {YEAR_9999}", None),
    "agent-message-text": ("last_agent_message_at = 'ontem'", "sqlite"),
    "deadline-text": ("deadline_at = 'x'", "sqlite"),
    "name-blob": ("customer_name = x'ff00'", "sqlite"),
    "phone-blob": ("phone = x'ff'", "sqlite"),
}


@pytest.fixture
def two_chats(db_path, make_instance, clock):
    """Loja Centro closing after 1 hour, with the chats `ok` and `bad`, both due now."""
    instance = make_instance()
    AutoCloseSettings.create(instance=instance, enabled=True, timeout_minutes=60)
    for external_id in ("ok", "bad"):
        Chat.create(
            instance=instance,
            external_id=external_id,
            customer_name="Maria",
            status="open",
            handler="human",
            assigned_via="operator",
            last_agent_message_at=clock.now() - timedelta(hours=2),
        )
    return instance


def write_bad_row(case: str) -> None:
    set_clause, only = BAD_ROWS[case]
    if only == "sqlite" and dialect.is_postgres():
        pytest.skip("only SQLite keeps a value of another type")
    database.execute_sql(f"UPDATE chat SET {set_clause} WHERE external_id = 'bad'")


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_row_is_skipped_logged_and_the_others_close(two_chats, atende, case):  # noqa: F811
    write_bad_row(case)
    close_database()
    code, out, err = atende("watch", "--once", "--now", NOW)
    assert code == 0, err
    assert out.splitlines()[0] == "1 atendimento encerrado"
    said = ngettext(
        "{count} attendance with invalid data was skipped by the watcher; it stays open. "
        "Import it again with correct dates (see {log}).",
        "{count} attendances with invalid data were skipped by the watcher; they stay open. "
        "Import them again with correct dates (see {log}).",
        1,
    )
    assert err.strip() == said.format(count=1, log=default_log_file())
    log = default_log_file().read_text(encoding="utf-8")
    assert "watcher skipped 1 chat(s) with invalid data" in log and "'bad'" in log
    for extra in ([], ["--json"]):
        code, out, err = atende("chats", "list", "--instance", "Loja Centro", *extra)
        assert code == 0 and "bad" in out and "Falha" not in err, err
    open_database_again = atende("watch", "--once", "--now", NOW)  # set aside: not again
    assert open_database_again[0:2] == (0, "Nenhum atendimento encerrado\n")


@pytest.mark.parametrize("case", ["agent-message-1969", "name-blob"])
def test_the_pass_itself_skips_only_the_bad_row(two_chats, clock, case):
    write_bad_row(case)
    result = watcher_pass(clock.now())
    assert (result.closed.total, result.closed.skipped) == (1, 1)
    states = dict(Chat.select(Chat.external_id, Chat.status).tuples())
    assert states == {"ok": "closed", "bad": "open"}
    assert Chat.get(external_id="bad").deadline_at is None  # no wake is armed for it
    assert bad_rows.count_invalid(two_chats) == {two_chats.id: 1}
    assert result.next_due_at is None


def test_a_corrected_row_gets_its_deadline_again(two_chats, clock):
    write_bad_row("agent-message-1969")
    bad_rows.skip_invalid(clock.now())
    Chat.update(last_agent_message_at=clock.now() - timedelta(minutes=30)).where(
        Chat.external_id == "bad"
    ).execute()
    assert bad_rows.count_invalid(two_chats) == {}
    deadline = Chat.get(external_id="bad").deadline_at
    assert to_millis(deadline) == to_millis(clock.now() + timedelta(minutes=30))


def test_valid_rows_are_never_counted(two_chats):
    assert bad_rows.count_invalid(two_chats) == {}
    Chat.update(last_customer_message_at=None).execute()
    assert bad_rows.count_invalid(two_chats) == {}


# -- item 3 (with 14): `postgres://` and `postgresql://` are one server, one lock ------------


@pytest.mark.parametrize(
    "other",
    [
        "postgres://ana:senha@db.example:5432/atende",
        "POSTGRES://ana:senha@db.example:5432/atende",
        " postgresql://ana:outra@db.example:5432/atende",  # the password is not part of it
    ],
)
@pytest.mark.parametrize("lock_path", [app_lock_path, watcher_lock_path])
def test_one_server_spelled_two_ways_takes_the_same_lock(lock_path, other):
    url = "postgresql://ana:senha@db.example:5432/atende"
    assert lock_path(other) == lock_path(url)
    assert lock_path(url) != lock_path("postgresql://ana:senha@db.example:5432/outra")


# -- issue 17 item 3: no command but `import` (and the window) makes a database ----------------

# The commands of test_bad_input_round2.NEEDS_DATA, and these: the other `connection`
# commands, the JSON forms, an output file.
MORE_NEEDING_DATA = [
    ["connection", "set", "--instance", "Loja", "--url", "http://127.0.0.1:9", "--account", "1"]
    + ["--inbox", "1"],
    ["connection", "remove", "--instance", "Loja"],
    ["connection", "push-templates", "--instance", "Loja"],
    ["history", "--json"],
    ["chats", "list", "--instance", "Loja", "--json"],
    ["export", "-o", "{tmp}/saida/config.json"],
]


@pytest.mark.sqlite_only("a database file")
@pytest.mark.parametrize("command", MORE_NEEDING_DATA, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("how", ["--db", "ATENDE_DB", "dangling-link"])
def test_no_command_but_import_creates_a_database(tmp_path, capsys, monkeypatch, command, how):
    monkeypatch.setenv("ATENDE_CHATWOOT_TOKEN", "abc")
    path = tmp_path / "errado" / "atende.sqlit3"
    if how == "dangling-link":  # SQLite would create the link's target
        link = tmp_path / "atalho.sqlite3"
        link.symlink_to(path)
        path = link
    before = sorted(tmp_path.rglob("*"))
    argv = [c.format(tmp=tmp_path) for c in command]
    if how == "ATENDE_DB":
        monkeypatch.setenv("ATENDE_DB", str(path))
        code = main(argv)
    else:
        code = main(["--db", str(path), *argv])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"{path}: arquivo não encontrado"
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("case", ["agent-message-1969", "agent-message-9999", "agent-message-text"])
def test_business_hours_deadlines_are_computed_for_the_others(two_chats, clock, case):
    """Counting business hours, deadlines are computed in Python: a bad row made saving the
    settings (and every chats import of the instance) fail; now it only gets no deadline."""
    write_bad_row(case)
    settings = {**auto_close.get_settings(two_chats), "count": "business_hours"}
    auto_close.save(two_chats, settings, clock)
    deadlines = dict(Chat.select(Chat.external_id, Chat.deadline_at).tuples())
    assert deadlines["bad"] is None
    assert deadlines["ok"] == clock.now() - timedelta(hours=1)  # no agenda: calendar time
    assert watcher_pass(clock.now()).closed.total == 1


@pytest.mark.sqlite_only("SQLite's query plan")
def test_setting_bad_rows_aside_reads_only_index_ranges(two_chats, clock):
    """Every closing pass runs it: never a scan of the chats, whatever their number."""
    query = Chat.select(Chat.id).where(bad_rows._unusable(to_millis(clock.now())))
    sql, params = query.sql()
    plan = [row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params)]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("chat_deadline" in step for step in plan)
    assert any("chat_warning" in step for step in plan)


def test_the_running_watcher_goes_on_past_a_bad_row(two_chats, clock, capsys):
    """`atende watch` (no --once): the pass says the row set aside on stderr, closes the
    other, and its next wake is not armed for the bad row (no spinning on it)."""
    write_bad_row("agent-message-1969")
    waits = []

    def fake_wait(seconds: float) -> bool:
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt
        clock.advance(timedelta(seconds=seconds))
        return False

    with pytest.raises(KeyboardInterrupt):
        watch.watch_forever(clock, fake_wait)
    assert waits == [60.0, 60.0]  # nothing left to wake for
    out, err = capsys.readouterr()
    assert out.count("1 atendimento encerrado") == 1
    assert err.count(skipped_message(1)) == 1
    assert dict(Chat.select(Chat.external_id, Chat.status).tuples())["bad"] == "open"


def test_check_says_the_chats_set_aside(two_chats, atende):  # noqa: F811
    write_bad_row("agent-message-1969")
    close_database()
    code, out, err = atende("check")
    assert code == 0, err  # a warning: the configuration itself is fine
    said = bad_rows.invalid_chats_message(1)
    assert f"Loja Centro.chats: {said}" in err
    assert "Tudo certo" not in out
