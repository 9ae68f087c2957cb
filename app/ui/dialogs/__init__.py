"""Dialogs: About, preferences, instances, the database, backups, config files, crashes."""
