"""Atende: configure the Atendimento section of WhatsApp instances, offline."""


def __getattr__(name: str) -> str:
    # `app.__version__` is read lazily: importlib.metadata costs ≈ 20 ms of start-up, and only
    # the About dialog and the packaging smoke report need the version.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("atende")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value
