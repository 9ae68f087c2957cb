"""`python -m app` and the `atende` console script: GUI without sub-command, else CLI."""

import gc
import sys
from types import SimpleNamespace


def window_options(argv: list[str]) -> SimpleNamespace | None:
    """The options of a plain window launch (`--db PATH`, `--demo`, `--minimized`), or None
    when `argv` holds anything else (a command, `--help`, a mistake): those go through the
    whole parser of `app.cli`, whose messages and exit codes they keep. Skipping that parser
    and its seven command modules is start-up time the window does not pay."""
    options = SimpleNamespace(db=None, demo=False, minimized=False, command=None)
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            value = next(args, None)
            if value is None or value.startswith("-"):
                return None  # argparse explains what is missing
            options.db = value
        elif arg.startswith("--db="):
            options.db = arg.removeprefix("--db=")
        elif arg in ("--demo", "--minimized"):
            setattr(options, arg.removeprefix("--"), True)
        else:
            return None
    return options


def main() -> int:
    argv = sys.argv[1:]
    options = window_options(argv)
    if options is not None:
        # No cyclic garbage collection while Qt and the window load: it would walk the
        # same young start-up objects again and again. run_gui freezes them and turns it
        # back on once the window is ready.
        gc.disable()
        from app.i18n import install
        from app.ui.app import run_gui

        install()
        return run_gui(options)
    gc.enable()  # a command runs with it (the packaged app's runtime hook turned it off)
    from app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
