"""Qt-free core of Atende: models, rules, validation, config format and the watcher pass.

Two libraries load what a desk on SQLite never uses (bench/memory.py); the finder below
keeps them out:
- Peewee imports the PostgreSQL driver whenever it is installed (psycopg2, with its libpq,
  OpenSSL and Kerberos libraries). While Peewee loads, the driver looks absent;
  `core.storage.postgres` imports it and hands it to Peewee when a server is used.
- hashlib's OpenSSL backend (`_hashlib`) maps and initialises libcrypto: 3.4 MiB for the
  two SHA-256 digests of lock names (`core.storage.lock`), which Python's own
  implementation computes alike. HTTPS (`ssl`) still loads OpenSSL when Chatwoot is used.
"""

from __future__ import annotations

import sys


class _LeanImports:
    """A `sys.meta_path` finder that finds nothing: it refuses `_hashlib`, and psycopg2
    to Peewee's own import."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        peewee = sys.modules.get("peewee")
        if name == "_hashlib" or (
            name == "psycopg2" and peewee is not None and not hasattr(peewee, "Model")
        ):
            raise ModuleNotFoundError(f"{name}: not needed by this process", name=name)
        return None


if _LeanImports not in sys.meta_path:
    sys.meta_path.insert(0, _LeanImports)
