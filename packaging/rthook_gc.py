"""Runtime hook of the packaged app, run before PyInstaller's own (Qt's included): no cyclic
garbage collection while Python, Qt and the window start. app.__main__ turns it back on at
once for a command; for the window, app.ui.app.collect_garbage_again does once it is ready."""

import gc

gc.disable()
