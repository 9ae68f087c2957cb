"""`python -m app` and the `atende` console script: GUI without sub-command, else CLI."""

import gc
import sys
from types import SimpleNamespace

from app.options import GLOBAL_OPTIONS  # a leaf: the table argparse is built from


def window_options(argv: list[str]) -> SimpleNamespace | None:
    """The options of a plain window launch (`--db PATH`, `--demo`, `--minimized`), or None
    when `argv` holds anything else (a command, `--help`, a mistake): those go through the
    whole parser of `app.cli`, whose messages and exit codes they keep. Skipping that parser
    and its seven command modules is start-up time the window does not pay."""
    options = SimpleNamespace(command=None)
    takes_value = {}
    for option in GLOBAL_OPTIONS:
        setattr(options, option.name, None if option.takes_value else False)
        takes_value["--" + option.name] = option.takes_value
    args = iter(argv)
    for arg in args:
        flag, equals, inline = arg.partition("=")
        if flag not in takes_value or (equals and not takes_value[flag]):
            return None  # a command, --help, an abbreviation, a mistake: argparse's job
        name = flag.removeprefix("--")
        if not takes_value[flag]:
            setattr(options, name, True)
            continue
        value = inline if equals else next(args, None)
        if value is None or not value.strip() or (not equals and value.startswith("-")):
            return None  # argparse explains what is missing (or empty)
        setattr(options, name, value)
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
