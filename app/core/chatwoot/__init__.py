"""Conexão com o Chatwoot: HTTP client, per-instance connection, sync, outbox delivery."""
