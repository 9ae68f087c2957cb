"""A shared PostgreSQL database (team mode): URLs, the driver, opening with clear errors.

`ATENDE_DATABASE_URL=postgresql://user:password@host:5432/atende` (or `--db` with such a
URL, or Arquivo → Banco de dados…) puts every desk on one server. The driver (psycopg2) is
the optional extra `atende[postgres]`: it is imported only when a URL is used, so the app
runs without it on SQLite, and says in Portuguese how to install it when it is missing.

The password can stay out of the URL: libpq reads `PGPASSWORD` or `~/.pgpass` as usual.
"""

from __future__ import annotations

import collections
import re
from urllib.parse import quote, unquote, urlsplit

import peewee

from app.core.storage.dialect import CHANGES_CHANNEL
from app.core.storage.errors import DatabaseOpenError, NewerSchemaError, UnwritableDatabaseError
from app.core.storage.migrations import current_version, refuse_newer
from app.i18n import _
from app.paths import (  # noqa: F401 - its interface
    is_database_url,
    mask_secrets,
    masked,
    normalized_url,
)

CONNECT_TIMEOUT_SECONDS = 10
NOTIFY_BACKLOG = 1000  # notifications kept between two polls (app.core.storage.changes)


class DriverMissingError(DatabaseOpenError):
    pass


class ServerUnavailableError(DatabaseOpenError):
    pass


DEFAULT_PORT = 5432


def build_url(host: str, port: int | str, dbname: str, user: str, password: str = "") -> str:
    """`postgresql://user:password@host:port/dbname`, each part quoted for a URL."""
    credentials = quote(user.strip(), safe="")
    if password:
        credentials += ":" + quote(password, safe="")
    host = host.strip()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return (
        f"postgresql://{credentials}@{host}:{int(port or DEFAULT_PORT)}/"
        f"{quote(dbname.strip(), safe='')}"
    )


def url_parts(url: str) -> dict[str, str]:
    """The fields of a form from a URL (empty strings for what it does not say, all of them
    for a URL that cannot be read, such as an unclosed IPv6 bracket)."""
    try:
        parts = urlsplit(normalized_url(url))
        parts.port  # noqa: B018 - reading it validates it
    except ValueError:
        return {"host": "", "port": str(DEFAULT_PORT), "dbname": "", "user": "", "password": ""}
    return {
        "host": parts.hostname or "",
        "port": str(parts.port or DEFAULT_PORT),
        "dbname": unquote(parts.path.lstrip("/")),
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
    }


def check_connection(url: str) -> int:
    """Connect once (nothing is created) and return the schema version found (0: none yet).

    Raises DatabaseOpenError with the Portuguese reason when the server refuses.
    """
    db = connect(url)
    try:
        version = current_version(db)
        refuse_newer(version)
        return version
    finally:
        db.close()


def _driver():
    try:
        import psycopg2  # noqa: F401 (peewee picks it up)
    except ImportError as exc:
        raise DriverMissingError(
            _(
                "A PostgreSQL database was chosen, but its driver is not installed. Install "
                'it with: pip install "atende[postgres]" (or unset ATENDE_DATABASE_URL to '
                "use the local file)."
            )
        ) from exc
    _hand_to_peewee(psycopg2)
    return psycopg2


def _hand_to_peewee(psycopg2) -> None:
    """Give Peewee the driver it was imported without (see `app.core`): what its import
    would have set when finding psycopg2."""
    from psycopg2 import extensions, extras  # the driver loads for a server only

    if peewee.psycopg2 is not None:  # type: ignore[attr-defined]
        return
    extras.register_uuid()
    # Peewee's module globals, set as its own import would have (not in its type stubs)
    peewee.psycopg2, peewee.pg_extensions = psycopg2, extensions  # type: ignore[attr-defined]
    peewee.Json_pg2 = extras.Json  # type: ignore[attr-defined]
    peewee.pg_register_uuid = extras.register_uuid  # type: ignore[attr-defined]
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN


def _database_class():
    from peewee import InterfaceError, OperationalError, PostgresqlDatabase
    from playhouse.shortcuts import ReconnectMixin

    class AtendePostgresqlDatabase(ReconnectMixin, PostgresqlDatabase):
        """Reconnects by itself after the server restarted (never inside a transaction),
        and LISTENs for other desks' changes on every new connection."""

        reconnect_errors = (
            (OperationalError, "server closed the connection"),
            (OperationalError, "terminating connection"),
            (OperationalError, "could not receive data"),
            (OperationalError, "ssl syscall"),
            (InterfaceError, "connection already closed"),
        )

        def _initialize_connection(self, conn) -> None:
            super()._initialize_connection(conn)
            conn.notifies = collections.deque(maxlen=NOTIFY_BACKLOG)
            with conn.cursor() as cursor:
                cursor.execute(f"LISTEN {CHANGES_CHANNEL}")

    return AtendePostgresqlDatabase


def connect(url: str):
    """A connected (not yet bound, not migrated) Peewee database for `url`."""
    _driver()  # a clear message when psycopg2 is missing
    cls = _database_class()
    db = cls(
        normalized_url(url), connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="atende"
    )
    try:
        db.connect()
    except Exception as exc:
        raise classify(exc, url) from exc
    return db


def classify(exc: Exception, url: str) -> DatabaseOpenError:
    text = mask_secrets(str(exc).strip())  # libpq may quote the whole URL back
    where = masked(url)
    lowered = text.lower()
    if isinstance(exc, ValueError) or "invalid dsn" in lowered or "invalid uri" in lowered:
        return ServerUnavailableError(
            _(
                "The PostgreSQL address {url} is not a valid URL: check the user, the host, the "
                "port and the brackets around an IPv6 address."
            ).format(url=where)
        )
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return ServerUnavailableError(
            _("The PostgreSQL server refused the user or password of {url}.").format(url=where)
        )
    if re.search(r"database \".*\" does not exist", lowered):
        return ServerUnavailableError(
            _(
                "The database named in {url} does not exist on the server: ask whoever manages "
                "it to create it (createdb)."
            ).format(url=where)
        )
    if "permission denied" in lowered:
        return UnwritableDatabaseError(
            _("The user of {url} may not create or change the tables of Atende: {error}").format(
                url=where, error=text
            )
        )
    if isinstance(exc, NewerSchemaError):
        return exc
    return ServerUnavailableError(
        _("Could not connect to the PostgreSQL server {url}: {error}").format(
            url=where, error=text or type(exc).__name__
        )
    )
