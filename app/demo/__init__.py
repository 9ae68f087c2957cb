"""Example data for `make run` and the welcome screen; no production wing imports it."""
