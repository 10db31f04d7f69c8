"""The `dateline` command. Each subcommand lives in its own `cmd_<name>.py` module with a
`register(subparsers)` function that sets `handler`; subcommands import what they need when
they run, so `dateline --help` stays fast."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ..errors import DatelineError

# The subcommand modules, in the order `--help` lists them. Add one line per command.
COMMANDS: tuple[str, ...] = ("read", "ingest", "search", "show", "export", "serve", "spark")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Read news pages: clean article text, who said what, and when.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to standard error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__package__}.cmd_{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        status: int = args.handler(args)
        return status
    except DatelineError as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
