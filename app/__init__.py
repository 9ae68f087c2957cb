"""Atende: configure the Atendimento section of WhatsApp instances, offline."""

DIST_NAME = "atende"


def __getattr__(name: str) -> str:
    # `app.__version__` is read lazily, on first use (the log's start line, About, the
    # packaging smoke report), and without importlib.metadata when it can: importing it costs
    # ≈ 14 ms, which the window would pay between its first frame and its data.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = _version_from_dist_info_name() or _version_from_metadata()
    globals()["__version__"] = value
    return value


def _version_from_dist_info_name() -> str | None:
    """The version in the name of the installed `atende-<version>.dist-info` folder (the
    wheel format names it so); None when there is not exactly one."""
    import os
    import sys

    prefix, suffix = f"{DIST_NAME}-", ".dist-info"
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder gone
            continue
        found.update(
            n[len(prefix) : -len(suffix)]
            for n in names
            if n.startswith(prefix) and n.endswith(suffix)
        )
    return found.pop() if len(found) == 1 else None


def _version_from_metadata() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DIST_NAME)
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"
