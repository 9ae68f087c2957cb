"""The database: connection, dialects, models, migrations, backup/restore, locks, change notices."""
