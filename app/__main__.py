"""`python -m app` and the `atende` console script: GUI without sub-command, else CLI."""

import sys


def main() -> int:
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
