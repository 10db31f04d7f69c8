"""`dateline export --db FILE --format jsonl|csv|parquet [--table T] [--output FILE]`."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    from ..store.export import FORMATS, TABLES

    cmd = sub.add_parser(
        "export",
        help="export a store as JSONL, CSV or Parquet",
        description=(
            "JSONL of articles is one dateline.article/1 record a line; CSV and Parquet have one row per article "
            "(--table articles) or per quote, claim, entity or time expression. JSONL and CSV go to standard "
            "output unless --output is given; Parquet needs --output."
        ),
    )
    cmd.add_argument(
        "--db",
        required=True,
        metavar="DB",
        help="the store: a SQLite file or a postgresql:// URL",
    )
    cmd.add_argument("--format", choices=FORMATS, default="jsonl", help="jsonl (default), csv or parquet")
    cmd.add_argument("--table", choices=TABLES, default="articles", help="what one row is (articles)")
    cmd.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    cmd.add_argument("--duplicates", action="store_true", help="include articles marked as duplicates")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import Code, DatelineError
    from ..store import export, open_store

    with open_store(args.db, readonly=True) as store:
        if args.format == "parquet":
            if not args.output:
                raise DatelineError(Code.STORE, "Parquet is binary: give --output FILE.parquet")
            n = export.write_parquet(store.conn, args.output, args.table, duplicates=args.duplicates)
        else:
            write = export.write_jsonl if args.format == "jsonl" else export.write_csv
            if args.output:
                try:
                    with open(args.output, "w", encoding="utf-8", newline="") as out:
                        n = write(store.conn, out, args.table, duplicates=args.duplicates)
                except OSError as exc:
                    raise DatelineError(Code.STORE, f"{args.output}: {exc.strerror or exc}") from exc
            else:
                n = write(store.conn, sys.stdout, args.table, duplicates=args.duplicates)
    print(f"{n} {args.table} row(s) exported", file=sys.stderr)
    return 0
