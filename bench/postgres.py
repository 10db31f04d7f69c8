"""The PostgreSQL store beside the SQLite store on the same generated corpus: ingest rate and
search latency (p50/p95) with the queries of bench/search.py.

    .venv/bin/python bench/postgres.py --articles 10000 --url postgresql://…   (or DATELINE_TEST_POSTGRES)

The corpus is bench/search.py's synthetic one (Zipf vocabulary, 150-450 words an article,
same seed for both stores). Times are wall clock: the PostgreSQL server's work happens in
another process, so this process's CPU time would leave it out. The machine is shared, so
each query runs `--repeat` times and p50/p95 of those runs are printed. A fresh schema is
created in the URL's database for the run and dropped at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.store import open_store  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
assert _spec is not None and _spec.loader is not None
bench_search: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_search)


def run(store: Any, articles: int, repeat: int) -> tuple[float, list[tuple[str, int, float, float]]]:
    started = time.perf_counter()
    bench_search.generate(store, articles)
    rate = articles / (time.perf_counter() - started)
    vocab = bench_search.vocabulary(50_000, __import__("random").Random(7))
    common_words = bench_search.COMMON
    queries = [
        ("common word", vocab[5]),
        ("mid-frequency word", vocab[500]),
        ("rare word", vocab[20_000]),
        ("two words AND", f"{vocab[500]} {vocab[800]}"),
        ("phrase", f'"{common_words[40]} {common_words[41]}"'),
        ("prefix", vocab[300][:4] + "*"),
    ]
    rows = []
    for label, query in queries:
        store.search(query, lemmas=False)  # warm caches
        wall, _ = bench_search.measure(lambda q=query: store.search(q, lemmas=False), repeat)
        rows.append((label, store.count(query, lemmas=False), statistics.median(wall), bench_search.p95(wall)))
    return rate, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--url", default=os.environ.get("DATELINE_TEST_POSTGRES", ""))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url postgresql://… (or set DATELINE_TEST_POSTGRES)")
    import psycopg

    schema = "bench_" + secrets.token_hex(4)
    with psycopg.connect(args.url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    url = args.url + ("&" if "?" in args.url else "?") + f"options=-csearch_path%3D{schema}"
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, db in (("SQLite", str(Path(tmp) / "bench.db")), ("PostgreSQL", url)):
                with open_store(db) as store:
                    results[name] = run(store, args.articles, args.repeat)
    finally:
        with psycopg.connect(args.url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    print(f"\n{args.articles:,} generated articles, {args.repeat} runs a query, wall ms (shared machine)\n")
    print(f"{'':22} {'SQLite':>26} | {'PostgreSQL':>26}")
    print(f"{'ingest (articles/s)':22} {results['SQLite'][0]:26.0f} | {results['PostgreSQL'][0]:26.0f}")
    print(f"{'query':22} {'hits':>8} {'p50':>8} {'p95':>8} | {'hits':>8} {'p50':>8} {'p95':>8}")
    lite, pg = results["SQLite"][1], results["PostgreSQL"][1]
    for (label, h1, m1, p1), (_, h2, m2, p2) in zip(lite, pg, strict=True):
        print(f"{label:22} {h1:8d} {m1:8.1f} {p1:8.1f} | {h2:8d} {m2:8.1f} {p2:8.1f}")
    for name, (_, rows) in results.items():
        print(f"{name}: p95 over all queries {max(r[3] for r in rows):.1f} ms (worst query's p95)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
