"""`atende connection set|show|remove` and `atende sync`: the Chatwoot connection (SPEC §13).

The token is read from `ATENDE_CHATWOOT_TOKEN`, else from one line of standard input (not
echoed at a terminal); it is never printed. `set` exits 2 for a refused token, an unknown
account or inbox or a bad value, 1 when the server cannot be reached; nothing is stored
unless the check succeeds. Like every command that needs data already there, these never
create a database (SPEC §14).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from app.commands.base import EXIT_FAILURE, EXIT_INVALID, CliError, open_db, print_warnings
from app.commands.chats import find_instance
from app.core.common.clock import SystemClock
from app.core.common.validation import Problem
from app.i18n import _, format_number, ngettext

TOKEN_ENV = "ATENDE_CHATWOOT_TOKEN"
# Field of the validation → what the user typed it as.
OPTION_PATHS = {"url": "--url", "account": "--account", "inbox": "--inbox", "token": "token"}


def register(sub: argparse._SubParsersAction) -> None:
    connection = sub.add_parser("connection", help=_("the Chatwoot connection of an instance"))
    commands = connection.add_subparsers(
        dest="connection_command", metavar=_("COMMAND"), title=_("commands"), required=True
    )
    p = commands.add_parser(
        "set",
        help=_(
            "check and save the connection (the token from {env} or one line of standard input)"
        ).format(env=TOKEN_ENV),
    )
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.add_argument("--url", metavar="URL", required=True, help=_("Chatwoot's address"))
    p.add_argument("--account", metavar="ID", required=True, help=_("the account id"))
    p.add_argument("--inbox", metavar="ID", required=True, help=_("the inbox id"))
    p.set_defaults(func=cmd_set)

    p = commands.add_parser("show", help=_("show the connections (never the token)"))
    p.add_argument("--instance", metavar=_("NAME"), help=_("only this instance"))
    p.add_argument("--json", action="store_true", help=_("print a JSON array"))
    p.set_defaults(func=cmd_show)

    p = commands.add_parser("remove", help=_("remove an instance's connection"))
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.set_defaults(func=cmd_remove)

    p = commands.add_parser(
        "push-templates", help=_("send the instance's templates to Chatwoot's canned responses")
    )
    p.add_argument("--instance", metavar=_("NAME"), required=True, help=_("the instance"))
    p.set_defaults(func=cmd_push_templates)

    p = sub.add_parser("sync", help=_("read the Chatwoot conversations now"))
    p.add_argument("--instance", metavar=_("NAME"), help=_("only this instance"))
    p.set_defaults(func=cmd_sync)


def read_token() -> str:
    token = os.environ.get(TOKEN_ENV)
    if token is None:
        if sys.stdin.isatty():
            token = getpass.getpass(_("Chatwoot access token: "))
        else:
            token = sys.stdin.readline()
    return token.strip()


def cmd_set(args: argparse.Namespace) -> int:
    # Imported here: httpx and the connector load only when a Chatwoot command runs, not
    # at every start of the window (which enters through app.cli).
    from app.core.chatwoot import connection

    open_db(args)
    instance = find_instance(args.instance)
    settings, problems = connection.validate(args.url, args.account, args.inbox, read_token())
    if problems or settings is None:
        raise CliError([str(_as_option(p)) for p in problems], EXIT_INVALID)
    try:
        result = connection.save(instance, settings, SystemClock().now())
    except connection.CheckFailed as exc:
        code = EXIT_FAILURE if exc.unreachable else EXIT_INVALID
        raise CliError(str(_as_option(exc.problem)), code) from None
    print_warnings(_as_option(w) for w in result.warnings)
    print(
        _("{instance}: connected to {url}, account {account}, inbox {inbox} ({name})").format(
            instance=instance.name,
            url=settings.url,
            account=settings.account_id,
            inbox=settings.inbox_id,
            name=result.inbox_name,
        )
    )
    return 0


def _as_option(problem: Problem) -> Problem:
    return Problem(OPTION_PATHS.get(problem.path, problem.path), problem.message, problem.warning)


def cmd_show(args: argparse.Namespace) -> int:
    from app.core.chatwoot import connection
    from app.core.storage.models import Connection, Instance

    open_db(args)
    query = Connection.select(Connection, Instance).join(Instance).order_by(Instance.name)
    if args.instance is not None:
        query = query.where(Connection.instance == find_instance(args.instance).id)
    shown = [connection.describe(c, c.instance.name) for c in query]
    if args.json:
        json.dump(shown, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    if not shown:
        print(_("No Chatwoot connection."))
    for data in shown:
        for line in describe_lines(data):
            print(line)
    return 0


def describe_lines(data: dict) -> list[str]:
    state = (
        _("paused: {reason}").format(reason=data["paused_reason"])
        if data["paused"]
        else (_("connected"))
    )
    lines = [
        f"{data['instance']}: {data['url']}",
        "    "
        + _("account {account}, inbox {inbox}").format(
            account=data["account_id"], inbox=data["inbox_id"]
        ),
        "    " + _("state: {state}").format(state=state),
        "    " + _("last sync: {at}").format(at=data["last_sync_at"] or _("never")),
        "    " + queued_text(data["queued_actions"]),
    ]
    if data["last_error"] and not data["paused"]:
        lines.append("    " + _("last error: {error}").format(error=data["last_error"]))
    return lines


def queued_text(count: int) -> str:
    """ "nenhuma ação na fila" for none, never "0 ação na fila"."""
    if count == 0:
        return _("no action queued")
    return ngettext("{count} action queued", "{count} actions queued", count).format(
        count=format_number(count)
    )


def cmd_remove(args: argparse.Namespace) -> int:
    from app.core.chatwoot import connection

    open_db(args)
    instance = find_instance(args.instance)
    if not connection.remove(instance, SystemClock().now()):
        raise CliError(_no_connection(instance.name))
    print(_("{instance}: Chatwoot connection removed").format(instance=instance.name))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from app.core.chatwoot import connection
    from app.core.chatwoot.passes import pull_all

    open_db(args)
    instance = None
    if args.instance is not None:
        instance = find_instance(args.instance)
        if connection.get(instance) is None:
            raise CliError(_no_connection(instance.name))
    failures = []
    for outcome in pull_all(SystemClock().now(), instance):
        if outcome.result is None:
            failures.append(f"{outcome.instance_name}: {outcome.error}")
            continue
        updated = outcome.result.updated
        print(
            ngettext(
                "{instance}: {count} chat updated", "{instance}: {count} chats updated", updated
            ).format(instance=outcome.instance_name, count=format_number(updated))
        )
    if failures:
        raise CliError(failures, EXIT_FAILURE)
    return 0


def _no_connection(name: str) -> str:
    return _("--instance: “{name}” has no Chatwoot connection").format(name=name)


def cmd_push_templates(args: argparse.Namespace) -> int:
    from app.core.chatwoot import connection
    from app.core.chatwoot.canned import push_templates
    from app.core.chatwoot.client import ChatwootError
    from app.core.chatwoot.passes import paused_message

    open_db(args)
    instance = find_instance(args.instance)
    conn = connection.get(instance)
    if conn is None:
        raise CliError(_no_connection(instance.name))
    if conn.paused_reason:
        raise CliError(f"{instance.name}: {paused_message(conn.paused_reason)}", EXIT_FAILURE)
    try:
        with connection.settings_of(conn).client() as client:
            results = push_templates(instance, client)
    except ChatwootError as exc:
        raise CliError(f"{instance.name}: {exc}", EXIT_FAILURE) from None
    for result in results:
        print(result.line())
    return 0
