"""`dateline read`: one report (or JSON record) per source."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import DatelineError


def register(sub: Any) -> None:
    read = sub.add_parser(
        "read",
        help="read pages or scraped text and report each article",
        description="Read HTML pages, scraped text, URLs or standard input (-) and report each article.",
    )
    read.add_argument("sources", nargs="+", metavar="SOURCE", help="a path, an http(s) URL, or - for standard input")
    read.add_argument(
        "--json", action="store_true", help="print the dateline.article/1 record (JSONL for several sources)"
    )
    read.add_argument("--lang", metavar="CODE", help="language of the text (fr, en); detected when absent")
    read.add_argument("--date", metavar="YYYY-MM-DD", help="the page's stated date, for text that carries none")
    read.add_argument("--raw", action="store_true", help="the input is already the clean body: no extraction")
    read.add_argument("--allow-private", action="store_true", help="allow URLs on private or loopback addresses")
    read.add_argument("--no-nlp", action="store_true", help="extraction and metadata only; skip the analysis steps")
    read.add_argument(
        "--fast",
        action="store_const",
        const=True,
        default=None,
        help="fast HTML extraction for bulk work: no trafilatura, htmldate quick search only (default: [extract] fast)",
    )
    read.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
        fast=args.fast,
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
