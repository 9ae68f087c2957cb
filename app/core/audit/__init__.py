"""The history (audit log): recording configuration changes and closures, reading them back."""
