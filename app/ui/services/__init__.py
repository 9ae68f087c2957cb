"""What runs behind the window: the watcher, the tray, daily backups, change polling, crashes."""
