"""An instance's connection to Chatwoot: validate it, check it against the server, store it.

Saving checks first (`GET …/inboxes/{inbox}`); a refused token, an unknown account or inbox
and an unreachable server each have their own Portuguese message, and nothing is stored
unless the check succeeds. The token is stored only in the database (whose file is made
readable by its owner only) and is never part of what `describe` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from app.core.audit import history
from app.core.chatwoot.client import ChatwootClient, ChatwootError, NotFound, Unauthorized
from app.core.common.clock import format_instant
from app.core.common.files import restrict_to_owner
from app.core.common.validation import Problem, first_unprintable
from app.core.storage import dialect
from app.core.storage.db import database
from app.core.storage.models import Connection, Instance, OutboxRow
from app.i18n import _

if TYPE_CHECKING:
    import httpx

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
SECTION_KEY = "connection"
MAX_TOKEN = 200


@dataclass(frozen=True)
class Settings:
    """What a connection is made of (`token` is a secret: never shown, never logged)."""

    url: str
    account_id: int
    inbox_id: int
    token: str

    def __repr__(self) -> str:
        return f"Settings({self.url!r}, account={self.account_id}, inbox={self.inbox_id})"

    def client(self, transport: httpx.BaseTransport | None = None, **options: Any):
        return ChatwootClient(self.url, self.account_id, self.token, transport=transport, **options)


class CheckFailed(Exception):
    """The server refused the connection or could not be reached; `unreachable` tells which
    (a user's mistake vs. the network: the CLI's exit 2 vs. 1)."""

    def __init__(self, problem: Problem, unreachable: bool = False) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.unreachable = unreachable


def validate(
    url: Any, account: Any, inbox: Any, token: Any
) -> tuple[Settings | None, list[Problem]]:
    """The typed settings, or the problems of each field (Portuguese, at `url`, `account`…)."""
    problems: list[Problem] = []
    clean_url = _url(url, problems)
    account_id = _positive_id(account, "account", problems)
    inbox_id = _positive_id(inbox, "inbox", problems)
    clean_token = _token(token, problems)
    if problems:
        return None, problems
    return Settings(clean_url, account_id, inbox_id, clean_token), []  # type: ignore[arg-type]


def _url(value: Any, problems: list[Problem]) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or not host:
        problems.append(Problem("url", _("Type the address, e.g. https://chat.loja.com.br")))
        return None
    if parts.username or parts.password or parts.query or parts.fragment:
        problems.append(Problem("url", _("Only the address: no user, password, “?” or “#” part.")))
        return None
    if parts.scheme == "http" and not _is_local(host):
        problems.append(
            Problem(
                "url",
                _("Use https:// (http:// only for this computer: localhost, 127.0.0.1, ::1)."),
            )
        )
        return None
    return text.rstrip("/")


def _is_local(host: str) -> bool:
    return host.lower() in LOCAL_HOSTS


def _positive_id(value: Any, path: str, problems: list[Problem]) -> int | None:
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    if text.isascii() and text.isdigit() and 0 < int(text) < 2**31:
        return int(text)
    problems.append(Problem(path, _("Type the number Chatwoot shows (a whole number above 0).")))
    return None


def _token(value: Any, problems: list[Problem]) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        problems.append(Problem("token", _("Paste the access token of your Chatwoot profile.")))
        return None
    if len(text) > MAX_TOKEN or any(c.isspace() for c in text) or first_unprintable(text):
        # Never echo the value: it is a secret.
        problems.append(Problem("token", _("This is not an access token (spaces or too long).")))
        return None
    return text


@dataclass(frozen=True)
class CheckResult:
    inbox_name: str
    warnings: tuple[Problem, ...] = ()


def check(settings: Settings, transport: httpx.BaseTransport | None = None) -> CheckResult:
    """Ask the server for the inbox (and the account's auto-resolve), or raise CheckFailed."""
    with settings.client(transport, timeout=10) as client:
        try:
            inbox = client.inbox(settings.inbox_id)
        except Unauthorized:
            raise CheckFailed(
                Problem(
                    "token",
                    _(
                        "Chatwoot refused this access token: copy it again from "
                        "your profile (Configurações do perfil → Token de acesso)."
                    ),
                )
            ) from None
        except NotFound:
            raise CheckFailed(_not_found(client, settings)) from None
        except ChatwootError as exc:
            raise CheckFailed(Problem("url", str(exc)), unreachable=exc.transient) from None
        return CheckResult(str(inbox.get("name") or ""), tuple(_auto_resolve_warning(client)))


def _not_found(client: ChatwootClient, settings: Settings) -> Problem:
    try:
        client.account()
    except NotFound:
        return Problem(
            "account",
            _("Chatwoot has no account {account} (or this token cannot see it).").format(
                account=settings.account_id
            ),
        )
    except ChatwootError:
        pass  # agents may not read the account: then the inbox is the likely mistake
    return Problem(
        "inbox",
        _("Account {account} has no inbox {inbox} in Chatwoot.").format(
            account=settings.account_id, inbox=settings.inbox_id
        ),
    )


def auto_resolve_on(account: dict[str, Any]) -> bool:
    """Chatwoot's own auto-resolve: `settings.auto_resolve_after` (minutes, newer versions)
    or `auto_resolve_duration` (days, older ones)."""
    settings = account.get("settings") or {}
    return bool(settings.get("auto_resolve_after") or account.get("auto_resolve_duration"))


def _auto_resolve_warning(client: ChatwootClient) -> list[Problem]:
    try:
        account = client.account()
    except ChatwootError:
        return []  # an agent's token may not read the account: nothing to warn about then
    if not auto_resolve_on(account):
        return []
    return [
        Problem(
            "account",
            _(
                "Chatwoot's own auto-resolve is on for this account: two automations would "
                "close the same conversations. Turn it off in Chatwoot (Configurações da conta)."
            ),
            warning=True,
        )
    ]


def save(
    instance: Instance,
    settings: Settings,
    now: datetime,
    transport: httpx.BaseTransport | None = None,
) -> CheckResult:
    """Check `settings` against the server, then store them (replacing any earlier ones and
    lifting a pause). Raises CheckFailed with nothing stored."""
    result = check(settings, transport)
    fields = {
        "platform": "chatwoot",
        "url": settings.url,
        "account_id": settings.account_id,
        "inbox_id": settings.inbox_id,
        "token": settings.token,
        "paused_reason": None,
        "last_error": None,
        "last_error_at": None,
        "updated_at": now,
    }
    with database.atomic():
        Connection.insert(instance=instance.id, created_at=now, **fields).on_conflict(
            conflict_target=[Connection.instance], update=fields
        ).execute()
        history.record(
            instance,
            now,
            history.KIND_CONFIG,
            SECTION_KEY,
            _("Chatwoot connection saved: {url}, account {account}, inbox {inbox}").format(
                url=settings.url, account=settings.account_id, inbox=settings.inbox_id
            ),
            {"url": settings.url, "account_id": settings.account_id, "inbox_id": settings.inbox_id},
        )
    path = getattr(database.obj, "database", None)
    if not dialect.is_postgres() and isinstance(path, str) and path != ":memory:":
        restrict_to_owner(path)  # a file made by an older Atende may still be 0644
    return result


def remove(instance: Instance, now: datetime) -> bool:
    """Forget the connection; actions still queued for it are dropped (recorded as such)."""
    with database.atomic():
        removed = Connection.delete().where(Connection.instance == instance.id).execute()
        if not removed:
            return False
        OutboxRow.update(
            outcome="skipped", outcome_reason=_("the connection was removed"), done_at=now
        ).where((OutboxRow.instance == instance.id) & OutboxRow.outcome.is_null()).execute()
        history.record(
            instance, now, history.KIND_CONFIG, SECTION_KEY, _("Chatwoot connection removed")
        )
    return True


def get(instance: Instance | int) -> Connection | None:
    instance_id = instance.id if isinstance(instance, Instance) else instance
    return Connection.get_or_none(Connection.instance == instance_id)


def settings_of(connection: Connection) -> Settings:
    return Settings(connection.url, connection.account_id, connection.inbox_id, connection.token)


def describe(connection: Connection, instance_name: str) -> dict[str, Any]:
    """What `connection show` and the page show: everything but the token."""
    pending = (
        OutboxRow.select()
        .where((OutboxRow.instance == connection.instance_id) & OutboxRow.outcome.is_null())
        .count()
    )
    return {
        "instance": instance_name,
        "platform": connection.platform,
        "url": connection.url,
        "account_id": connection.account_id,
        "inbox_id": connection.inbox_id,
        "paused": connection.paused_reason is not None,
        "paused_reason": connection.paused_reason,
        "last_error": connection.last_error,
        "last_error_at": _iso(connection.last_error_at),
        "last_sync_at": _iso(connection.last_sync_at),
        "queued_actions": pending,
    }


def _iso(at: datetime | None) -> str | None:
    return None if at is None else format_instant(at)


def pause(instance_id: int, reason: str, now: datetime) -> None:
    """A refused token (401): stop using the connection until a new token is saved."""
    Connection.update(paused_reason=reason, last_error=reason, last_error_at=now).where(
        Connection.instance == instance_id
    ).execute()


def record_error(instance_id: int, error: str | None, now: datetime) -> None:
    Connection.update(last_error=error, last_error_at=now if error else None).where(
        Connection.instance == instance_id
    ).execute()
