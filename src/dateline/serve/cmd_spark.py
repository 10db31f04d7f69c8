"""`dateline spark`: the same pipeline on Apache Spark, WARC files in, Parquet out."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    spark = sub.add_parser(
        "spark",
        help="read WARC collections on Apache Spark and write Parquet records",
        description=(
            "Run the dateline pipeline on Apache Spark (pip install 'dateline[spark]'; needs Java 17+). "
            "Each WARC file is one task; OUTPUT/articles holds the dateline.article/1 records as Parquet "
            "columns, OUTPUT/rejected the pages that were not articles or failed, with the reason."
        ),
    )
    spark.add_argument("warcs", nargs="+", metavar="WARC", help="WARC or WARC.gz files (paths every executor can read)")
    spark.add_argument("--output", required=True, metavar="DIR", help="folder for the Parquet output (overwritten)")
    spark.add_argument(
        "--master", metavar="URL", help="Spark master, e.g. local[2]; default: spark-submit's or local[*]"
    )
    spark.add_argument("--no-nlp", action="store_true", help="extraction and metadata only; skip the analysis steps")
    spark.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("dateline: Spark is not installed; pip install 'dateline[spark]'", file=sys.stderr)
        return 1
    from ..scale.spark import run as run_spark

    counts = run_spark(args.warcs, args.output, analyze=not args.no_nlp, master=args.master or "local[*]")
    print(f"{counts['articles']} articles, {counts['rejected']} rejected → {args.output}")
    return 0
