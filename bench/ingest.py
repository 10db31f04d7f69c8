"""Ingest throughput and worker memory.

    .venv/bin/python bench/ingest.py [--warc ../shared/benchmarks/warc/aut-example.warc.gz] [--skip-nlp] [--repeat 3]
                                     [--fast]

1. Throughput without NLP (`dateline ingest --no-nlp`, one process) on the WARC: CPU seconds
   of this process (time.process_time; the machine is shared, wall time is noisy; the minimum
   of --repeat runs) per page handed to the pipeline, then the same run split into stages
   (CPU ms per page: decoding, parsing, metadata, page date, trafilatura's passes, language,
   store preparation and write; each stage timed by wrapping its function).
   Anchor, same pages, same run: bare warcio + `trafilatura.extract` (what a script without
   dateline does; it stores nothing and finds no date).
   --fast: the same run with `dateline ingest --no-nlp --fast` (extract/fast.py: no trafilatura,
   no htmldate extensive search) printed beside the normal mode and the anchor, same run,
   with its own stage split.
2. Wall time with --workers 2 (the machine has 2 cores, shared with other jobs).
3. Peak resident memory per worker with the analysis steps on (French model loaded), over
   synthetic-fr-news.warc.gz and the bundled examples. Target (issue 6): < 1.5 GB per worker.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.ingest.batch import ingest  # noqa: E402
from dateline.ingest.sources import Item  # noqa: E402
from dateline.ingest.warc import records  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks" / "warc"


def read_only(warc: Path) -> tuple[int, float]:
    t = time.process_time()
    items = [e for e in records(warc, lambda key: False) if isinstance(e, Item)]
    return len(items), time.process_time() - t


def anchor(warc: Path) -> tuple[int, float]:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    pages = 0
    t = time.process_time()
    with warc.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode() or ""
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if not status.startswith("2") or "html" not in ctype:
                continue
            body = record.content_stream().read()
            if not body.strip():
                continue
            trafilatura.extract(body.decode("utf-8", "replace"))
            pages += 1
    return pages, time.process_time() - t


def ours(warc: Path, workers: int, fast: bool = False) -> tuple[int, float, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        t_cpu, t_wall = time.process_time(), time.monotonic()
        report = ingest([str(warc)], Path(tmp) / "b.db", workers=workers, analyze=False, fast=fast)
        cpu, wall = time.process_time() - t_cpu, time.monotonic() - t_wall
    tally = report.tally
    pages = tally.new + sum(tally.duplicates.values()) + sum(tally.failed.values())
    pages += sum(v for k, v in tally.skipped.items() if k in ("no-article", "home-page"))
    summary = f"new {tally.new}, dup {sum(tally.duplicates.values())}, skipped {dict(tally.skipped)}"
    return pages, cpu, wall, summary + f", failed {dict(tally.failed)}"


# (module, attribute, label) of each stage timed by `stages`.
_STAGES = (
    ("dateline.ingest.files", "from_bytes", "decode bytes"),
    ("dateline.extract.html", "parse", "parse HTML (lxml)"),
    ("dateline.extract.fast", "read", "parse HTML, bounded (fast: lxml)"),
    ("dateline.extract.fast", "page_lines", "page lines (fast)"),
    ("dateline.extract.metadata", "read", "metadata (ours)"),
    ("dateline.extract.markup", "short_lines", "dropped lines (ours)"),
    ("dateline.extract.html", "_page_date", "page date (htmldate+ours)"),  # fast: htmldate's quick search
    ("dateline.extract", "identify", "language (py3langid)"),
    ("dateline.extract.text", "extract", "text cleaner (text/plain; fast: all)"),
    ("dateline.store.sqlite", "prepare", "store: prepare (MinHash...)"),
)


def stages(warc: Path, fast: bool = False) -> tuple[int, dict[str, tuple[int, float]]]:
    """Calls and CPU seconds per stage over one ingest run, by wrapping each stage's function
    (trafilatura's fast first pass and its full pass with fallbacks are told apart)."""
    import importlib
    from collections.abc import Callable
    from typing import Any

    import trafilatura

    from dateline.store.sqlite import Store

    spent: dict[str, list[float]] = {}

    def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            name = label
            if label == "trafilatura":
                name += " fast pass" if kwargs.get("fast") else " full pass (fallbacks)"
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                cell = spent.setdefault(name, [0, 0.0])
                cell[0] += 1
                cell[1] += time.process_time() - start

        return run

    patched: list[tuple[object, str, object]] = []
    targets = [(importlib.import_module(m), a, label) for m, a, label in _STAGES]
    targets += [(trafilatura, "bare_extraction", "trafilatura"), (Store, "add", "store: write (SQLite, FTS)")]
    for owner, attr, label in targets:
        original = getattr(owner, attr)
        patched.append((owner, attr, original))
        setattr(owner, attr, timed(label, original))
    try:
        pages, cpu, _, _ = ours(warc, 1, fast)
    finally:
        for owner, attr, original in patched:
            setattr(owner, attr, original)
    found = {k: (int(v[0]), v[1]) for k, v in spent.items()}
    found["everything else"] = (0, cpu - sum(v[1] for v in spent.values()))
    return pages, found


def memory() -> tuple[float, str]:
    sources = [str(SHARED / "synthetic-fr-news.warc.gz"), str(ROOT / "examples")]
    with tempfile.TemporaryDirectory() as tmp:
        report = ingest(sources, Path(tmp) / "m.db", workers=2, analyze=True)
    return report.tally.peak_mb, f"{report.tally.new} articles, {report.seconds:.1f} s wall"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warc", type=Path, default=SHARED / "aut-example.warc.gz")
    parser.add_argument("--skip-nlp", action="store_true", help="skip the memory run with the French model")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the minimum CPU time is kept")
    parser.add_argument("--fast", action="store_true", help="also measure `dateline ingest --fast` (extract/fast.py)")
    args = parser.parse_args()
    warc: Path = args.warc
    if not warc.exists():
        print(f"{warc} is absent", file=sys.stderr)
        return 2
    ours(warc, 1)  # warm-up: imports, lazy tables
    repeat = max(1, args.repeat)
    n_read, cpu_read = min((read_only(warc) for _ in range(repeat)), key=lambda r: r[1])
    pages, cpu, wall, summary = min((ours(warc, 1) for _ in range(repeat)), key=lambda r: r[1])
    if args.fast:
        ours(warc, 1, True)  # warm-up of the fast path's own imports
        f_pages, f_cpu, _, f_summary = min((ours(warc, 1, True) for _ in range(repeat)), key=lambda r: r[1])
    a_pages, a_cpu = min((anchor(warc) for _ in range(repeat)), key=lambda r: r[1])
    print(f"ingest --no-nlp of {warc.name}, one process (CPU seconds of this process; shared machine)\n")
    print(f"{'':38} {'pages':>6} {'CPU s':>7} {'ms/page':>8} {'pages/s/core':>13}")
    row = "{:38} {:6d} {:7.2f} {:8.1f} {:13.1f}"
    print(row.format("dateline ingest (WARC+extract+store)", pages, cpu, cpu / pages * 1000, pages / cpu))
    if args.fast:
        print(row.format("dateline ingest --fast", f_pages, f_cpu, f_cpu / f_pages * 1000, f_pages / f_cpu))
    print(f"{'  of which WARC reading':38} {n_read:6d} {cpu_read:7.2f} {cpu_read / n_read * 1000:8.1f}")
    print(row.format("anchor: warcio + trafilatura.extract", a_pages, a_cpu, a_cpu / a_pages * 1000, a_pages / a_cpu))
    print(f"\n  ({summary})")
    if args.fast:
        print(f"  (--fast: {f_summary})")
    for mode in (False, True) if args.fast else (False,):
        s_pages, spent = min(
            (stages(warc, mode) for _ in range(repeat)), key=lambda r: sum(v[1] for v in r[1].values())
        )
        name = " --fast" if mode else ""
        print(f"\nwhere the CPU goes{name}, ms per page ({s_pages} pages; the stage-timed run with the least total):")
        for label, (calls, seconds) in sorted(spent.items(), key=lambda kv: -kv[1][1]):
            print(f"  {label:38} {seconds / s_pages * 1000:6.1f}" + (f"  ({calls} calls)" if calls else ""))
    pages2, _, wall2, _ = ours(warc, 2)
    print(f"\n--workers 1: {wall:.1f} s wall ({pages / wall:.1f} pages/s); ", end="")
    print(f"--workers 2: {wall2:.1f} s wall ({pages2 / wall2:.1f} pages/s)")
    if not args.skip_nlp:
        peak, detail = memory()
        print(
            f"\nwith analysis (French model), --workers 2: peak worker RSS {peak:.0f} MB ({detail}); target < 1500 MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
