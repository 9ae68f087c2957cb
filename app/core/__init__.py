"""Qt-free core of Atende: models, rules, validation, config format and the watcher pass.

Peewee imports the PostgreSQL driver (psycopg2, with its libpq, OpenSSL and Kerberos
libraries) whenever it is installed: 10 MiB of every SQLite desk's memory
(bench/memory.py). While Peewee loads, the finder below says the driver is absent;
`core.storage.postgres` imports it and hands it to Peewee when a server is used.
"""

from __future__ import annotations

import sys


class _NoDriverWhilePeeweeLoads:
    """A `sys.meta_path` finder that finds nothing, and refuses psycopg2 to Peewee's import."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        peewee = sys.modules.get("peewee")
        if name == "psycopg2" and peewee is not None and not hasattr(peewee, "Model"):
            raise ModuleNotFoundError("psycopg2: imported for a PostgreSQL server", name=name)
        return None


if _NoDriverWhilePeeweeLoads not in sys.meta_path:
    sys.meta_path.insert(0, _NoDriverWhilePeeweeLoads)
