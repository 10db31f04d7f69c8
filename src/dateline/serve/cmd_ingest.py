"""`dateline ingest SOURCES… --db FILE`: read folders, files, URL lists, feeds, WARC and JSONL
into a store; progress and a summary on standard error."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "ingest",
        help="read many pages (folders, URL lists, feeds, WARC, JSONL) into a store",
        description=(
            "Read every SOURCE into the store named by --db (a SQLite file, created if needed, or a "
            "postgresql:// URL): folders of .html/.txt pages, WARC/WARC.gz files, JSONL of {url, html or "
            "text, date}, RSS/Atom/OPML feeds "
            "(files or URLs), URL lists (one URL a line, .urls or .txt) and single URLs. Running the same "
            "command again adds nothing; an interrupted run resumes."
        ),
    )
    cmd.add_argument("sources", nargs="+", metavar="SOURCE", help="a folder, a file or an http(s) URL")
    cmd.add_argument(
        "--db",
        required=True,
        metavar="DB",
        help="the store: a SQLite file or a postgresql:// URL",
    )
    cmd.add_argument("--workers", type=int, default=1, metavar="N", help="analyse with N processes (default 1)")
    cmd.add_argument("--no-nlp", action="store_true", help="extraction and metadata only; skip the analysis steps")
    cmd.add_argument(
        "--fast",
        action="store_const",
        const=True,
        default=None,
        help="fast HTML extraction for bulk work: no trafilatura, htmldate quick search only (default: [extract] fast)",
    )
    cmd.add_argument("--allow-private", action="store_true", help="allow URLs on private or loopback addresses")
    cmd.add_argument(
        "--feed-content", action="store_true", help="store the feeds' own entry content instead of fetching pages"
    )
    cmd.add_argument(
        "--delay", type=float, default=1.0, metavar="SECONDS", help="pause between two requests to one host (1.0)"
    )
    cmd.add_argument("--quiet", action="store_true", help="no progress line, only the summary")
    cmd.add_argument("--json", action="store_true", help="print the summary as JSON on standard output")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..ingest.batch import ingest
    from ..ingest.progress import Progress, summary
    from ..ingest.sources import Options, count_items

    options = Options(allow_private=args.allow_private, feed_content=args.feed_content, delay=max(0.0, args.delay))
    progress = Progress(count_items(args.sources), quiet=args.quiet)
    report = ingest(
        args.sources,
        args.db,
        workers=max(1, args.workers),
        analyze=not args.no_nlp,
        options=options,
        progress=progress,
        fast=args.fast,
    )
    for message in report.tally.messages[:10]:
        print(f"dateline: {message}", file=sys.stderr)
    if len(report.tally.messages) > 10:
        print(f"dateline: … and {sum(report.tally.failed.values()) - 10} more failures", file=sys.stderr)
    print(summary(report.tally, report.seconds), file=sys.stderr)
    if args.json:
        print(json.dumps(report.tally.to_dict() | {"seconds": round(report.seconds, 2)}, ensure_ascii=False))
    return 1 if report.errors else 0
