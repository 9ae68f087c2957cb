"""The PySide6 user interface: it reads, validates and saves through `app.core`."""
