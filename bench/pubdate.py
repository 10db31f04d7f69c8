"""Stated (published) date accuracy: ours beside htmldate extensive alone, same run.

    .venv/bin/python bench/pubdate.py [--fast]

--fast adds a column for the fast extractor (`dateline ingest --fast`: JSON-LD, meta tags,
the page's date line and the URL, no htmldate search), same pages, same run.

Corpus: ../shared/benchmarks/pubdate/htmldate (eval_default.json + eval_mediacloud_2020.json,
1,000 entries; the 5 gold `NaN` entries count as misses for every tool, as upstream does).
Metric: evaluate.metadata.date_outcome (same day = TP). Speed: CPU seconds (process_time)
of our whole HTML extraction vs htmldate's date search alone.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dateline.article import Article
from dateline.evaluate.metadata import date_outcome, date_scores
from dateline.extract import html as html_extract

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "pubdate" / "htmldate"


def load() -> list[tuple[str, str, object, str]]:
    """(url, html, gold date, language) per entry."""
    gold: dict[str, dict[str, object]] = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        gold.update(json.loads((CORPUS / name).read_text(encoding="utf-8")))
    languages: dict[str, str] = {}
    for line in (CORPUS / "languages.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        languages[cells[0]] = cells[3]
    rows = []
    for url, entry in gold.items():
        html = gzip.decompress((CORPUS / "html" / f"{entry['file']}.gz").read_bytes()).decode("utf-8", "replace")
        rows.append((url, html, entry["date"], languages.get(url, "")))
    return rows


def ours(html: str, url: str) -> str | None:
    article = Article(html=html, url=url)
    html_extract.extract(article)
    return article.stated_date


def ours_fast(html: str, url: str) -> str | None:
    article = Article(html=html, url=url)
    html_extract.extract(article, fast=True)
    return article.stated_date


def htmldate_alone(html: str, url: str) -> str | None:
    from htmldate import find_date

    found = find_date(html, url=url, extensive_search=True, original_date=True)
    return found if isinstance(found, str) else None


def score(rows: list[tuple[str, str, object, str]], run: str) -> tuple[dict[str, float], dict[str, float], float]:
    tool = {"ours": ours, "fast": ours_fast}.get(run, htmldate_alone)
    counts: Counter[str] = Counter()
    french: Counter[str] = Counter()
    start = time.process_time()
    for url, html, gold, language in rows:
        outcome = date_outcome(tool(html, url), gold)
        counts[outcome] += 1
        if language == "fr":
            french[outcome] += 1
    seconds = time.process_time() - start
    return date_scores(counts), date_scores(french), len(rows) / seconds


def isolated(run: str) -> tuple[dict[str, float], dict[str, float], float]:
    """Score one tool in a fresh process: htmldate keeps caches keyed by page text, so a
    tool run after another on the same pages would look faster than it is."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_score_fresh, run).result()


def _score_fresh(run: str) -> tuple[dict[str, float], dict[str, float], float]:
    return score(load(), run)


def main() -> None:
    rows = load()
    names = ["ours", *(["fast"] if "--fast" in sys.argv else []), "htmldate"]
    results = [isolated(name) for name in names]
    header = {"ours": "dateline", "fast": "dateline --fast", "htmldate": "htmldate extensive"}
    print("| measure | " + " | ".join(header[n] for n in names) + " |")
    print("|---|" + "---:|" * len(names))
    fr = sum(1 for r in rows if r[3] == "fr")
    print(f"| accuracy, all {len(rows)} entries | " + " | ".join(f"{r[0]['accuracy']:.3f}" for r in results) + " |")
    print(f"| accuracy, {fr} French pages | " + " | ".join(f"{r[1]['accuracy']:.3f}" for r in results) + " |")
    print("| F1, all | " + " | ".join(f"{r[0]['f1']:.3f}" for r in results) + " |")
    print(
        "| pages/s per core (CPU time; ours = whole HTML extraction) | "
        + " | ".join(f"{r[2]:.1f}" for r in results)
        + " |"
    )


if __name__ == "__main__":
    main()
