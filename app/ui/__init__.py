"""The PySide6 UI, through `app.core`: the shell here; pages/, widgets/, dialogs/, services/."""
