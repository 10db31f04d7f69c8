"""Scraped-text cleaner: body F1 and speed on scrapinghub/scraped-text, beside the baselines.

Input: the whole page as text (html-text 0.7.0 output, menus and share bars included),
scored against the benchmark's ground-truth bodies with its own metric
(dateline.evaluate.extraction). Printed in the same run, on the same machine:
  - dateline      our line classifier (dateline.read_text, extraction only)
  - justext-lines jusText 3 with its English stop list, each non-empty line one paragraph
  - trafilatura-lines  trafilatura 2.3 on the same lines as <p> paragraphs
  - raw           the input unchanged (no cleaning: recall ~1, precision ~0.5)
Speed is pages per second per core from time.process_time (CPU time of this process), so it
is less sensitive to other work on the machine than wall time.

A second table checks French, which scrapinghub lacks: the 26 French pages of
trafilatura-evaldata turned into text by html-text (the converter that made the scrapinghub
text input), scored with that benchmark's own counting of "with" / "without" segments;
jusText runs there with its French stop list.

Usage:  .venv/bin/python bench/extraction_text.py [--worst N] [--only dateline]
Needs:  pip install -e '.[bench]' (jusText, html-text) and ../shared/benchmarks.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import dateline
from dateline.evaluate.extraction import corpus_score, counts_f1, page_score, segments_score

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "scrapinghub"
INPUT = BENCH / "scraped-text" / "html-text.json"
TRUTH = BENCH / "ground-truth.json"
EVALDATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction" / "trafilatura-evaldata-fr-en"


def load() -> tuple[dict[str, str], dict[str, str]]:
    pages = {k: v["articleBody"] for k, v in json.loads(INPUT.read_text(encoding="utf-8"))["output"].items()}
    truth = {k: v["articleBody"] for k, v in json.loads(TRUTH.read_text(encoding="utf-8")).items()}
    return pages, truth


def ours(text: str) -> str:
    return dateline.read_text(text, analyze=False).text


def justext_lines(text: str, stoplist: str = "English") -> str:
    import justext  # bench-only anchor

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    paragraphs = justext.justext(f"<html><body>{body}</body></html>".encode(), justext.get_stoplist(stoplist))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_lines(text: str) -> str:
    import trafilatura  # the HTML anchor, given the same lines as paragraphs

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return trafilatura.extract(f"<html><body>{body}</body></html>", include_comments=False) or ""


def raw(text: str) -> str:
    return text


SYSTEMS: dict[str, Callable[[str], str]] = {
    "dateline": ours,
    "justext-lines": justext_lines,
    "trafilatura-lines": trafilatura_lines,
    "raw": raw,
}


def run(name: str, pages: dict[str, str], truth: dict[str, str]) -> tuple[dict[str, str], float]:
    system = SYSTEMS[name]
    system(next(iter(pages.values())))  # warm-up: imports and lexicons are not per-page cost
    out: dict[str, str] = {}
    cpu = time.process_time()
    for page_id in truth:
        out[page_id] = system(pages[page_id])
    return out, time.process_time() - cpu


def french(names: list[str]) -> None:
    """The French check: evaldata pages as html-text output, segment counts per system."""
    import html_text  # bench-only: makes the text input from the HTML pages

    gold = json.loads((EVALDATA / "evaldata-fr-en.json").read_text(encoding="utf-8"))
    rows = [line.split("\t") for line in (EVALDATA / "languages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    urls = [row[0] for row in rows if row[2].strip() == "fr"]
    texts = {}
    for url in urls:
        page = gzip.decompress((EVALDATA / "html" / f"{gold[url]['file']}.gz").read_bytes()).decode("utf-8", "replace")
        texts[url] = html_text.extract_text(page, guess_layout=True)
    french_systems: dict[str, Callable[[str], str]] = {
        "dateline": ours,
        "justext-lines": lambda text: justext_lines(text, "French"),
        "trafilatura-lines": trafilatura_lines,
        "raw": raw,
    }
    print(f"\ntrafilatura-evaldata French pages as text (html-text): {len(urls)} pages; segment counts")
    print(f"{'system':<17} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>9}")
    for name in names:
        counts = sum(
            (segments_score(french_systems[name](texts[u]), gold[u]["with"], gold[u]["without"]) for u in urls),
            start=Counter(),
        )
        m = counts_f1(counts)
        print(f"{name:<17} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['accuracy']:>9.3f}")


def titles() -> None:
    """Title exact match from text: every evaldata page (fr+en) with a gold title, as text."""
    import html_text

    gold = json.loads((EVALDATA / "evaldata-fr-en.json").read_text(encoding="utf-8"))
    pages = [e for e in gold.values() if e.get("title")]
    found = empty = 0
    for entry in pages:
        page = gzip.decompress((EVALDATA / "html" / f"{entry['file']}.gz").read_bytes()).decode("utf-8", "replace")
        title = dateline.read_text(html_text.extract_text(page, guess_layout=True), analyze=False).title
        found += (title or "").strip() == entry["title"].strip()
        empty += title is None
    print(f"\ntitle exact match from text, evaldata fr+en: {found}/{len(pages)} = {found / len(pages):.3f}", end="")
    print(f" ({empty} pages without a title; no text-input anchor extracts titles)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages by F1")
    parser.add_argument("--only", choices=sorted(SYSTEMS), action="append", help="run only these systems")
    parser.add_argument("--no-french", action="store_true", help="skip the French check")
    args = parser.parse_args(argv)
    if not INPUT.exists():
        print(f"{INPUT} is absent: the shared benchmarks are needed", file=sys.stderr)
        return 2
    pages, truth = load()
    print(f"scrapinghub/scraped-text: {len(truth)} pages; body F1 = scrapinghub 4-gram shingle metric")
    print(f"{'system':<17} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s/core':>13}")
    results: dict[str, dict[str, str]] = {}
    for name in args.only or list(SYSTEMS):
        out, cpu = run(name, pages, truth)
        results[name] = out
        score = corpus_score((out[k], truth[k]) for k in truth)
        speed = len(truth) / cpu if cpu > 0 else float("inf")
        print(f"{name:<17} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} {speed:>13.0f}")
    if not args.no_french and EVALDATA.exists():
        french(args.only or list(SYSTEMS))
        titles()
    if args.worst and "dateline" in results:
        scored = []
        for k in truth:
            s = page_score(results["dateline"][k], truth[k])
            f1 = 2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0.0
            scored.append((f1, s.precision, s.recall, k))
        for f1, p, r, k in sorted(scored)[: args.worst]:
            print(f"  {f1:.3f}  P={p:.3f} R={r:.3f}  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
