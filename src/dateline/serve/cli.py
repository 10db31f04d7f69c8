"""The `dateline` command. Subcommands import what they need when they run, so
`dateline --help` stays fast."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from ..errors import DatelineError

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def _read(args: argparse.Namespace) -> int:
    from ..api import read_many
    from .report import render

    status = 0
    results = read_many(
        args.sources,
        language=args.lang,
        date=args.date,
        raw=args.raw,
        allow_private=args.allow_private,
        analyze=not args.no_nlp,
    )
    first = True
    for source, result in zip(args.sources, results, strict=True):
        if isinstance(result, DatelineError):
            print(f"dateline: {source}: {result}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            indent = 2 if len(args.sources) == 1 else None
            print(json.dumps(result.to_dict(), ensure_ascii=False, indent=indent))
        else:
            if not first:
                print("\n" + "=" * 72 + "\n")
            print(render(result, color=sys.stdout.isatty()))
        first = False
        sys.stdout.flush()
    return status


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="dateline",
        description="Read news pages: clean article text, who said what, and when.",
    )
    parser.add_argument("--version", action="version", version=f"dateline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to standard error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = sub.add_parser(
        "read",
        help="read pages or scraped text and report each article",
        description="Read HTML pages, scraped text, URLs or standard input (-) and report each article.",
    )
    read.add_argument("sources", nargs="+", metavar="SOURCE", help="a path, an http(s) URL, or - for standard input")
    read.add_argument(
        "--json", action="store_true", help="print the dateline.article/1 record (JSONL for several sources)"
    )
    read.add_argument(
        "--lang", choices=None, metavar="CODE", help="language of the text (fr, en); detected when absent"
    )
    read.add_argument("--date", metavar="YYYY-MM-DD", help="the page's stated date, for text that carries none")
    read.add_argument("--raw", action="store_true", help="the input is already the clean body: no extraction")
    read.add_argument("--allow-private", action="store_true", help="allow URLs on private or loopback addresses")
    read.add_argument("--no-nlp", action="store_true", help="extraction and metadata only; skip the analysis steps")
    _COMMANDS["read"] = _read
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _COMMANDS[args.command](args)
    except DatelineError as exc:
        print(f"dateline: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
