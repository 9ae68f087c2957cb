"""Mensagens predefinidas: template syntax, fields, rendering, storage and CSV files."""
