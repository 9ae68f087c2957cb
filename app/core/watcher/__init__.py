"""Encerramento automático: chats, the due rule, the closing pass and its settings."""
