"""HTML extraction quality and speed: ours beside trafilatura alone, same run, same machine.

    .venv/bin/python bench/extraction_html.py [--quick] [--fast]

--fast adds a column for the fast extractor (`dateline ingest --fast`, extract/fast.py: no
trafilatura, no htmldate search), same pages, same run.

Body F1 (scrapinghub token-shingle metric) on ../shared/benchmarks/article-extraction/scrapinghub;
segment F1 (trafilatura-evaldata counting) on its 26 French pages (and all 194 fr+en);
title and author exact match on the evaldata gold fields; CPU seconds per page
(time.process_time, so other processes on the shared machine count less).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dateline.article import Article
from dateline.evaluate.extraction import corpus_score, counts_f1, segments_score
from dateline.evaluate.metadata import names_match, title_match
from dateline.extract import html as html_extract

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "article-extraction"
SCRAPINGHUB = ROOT / "scrapinghub"
EVALDATA = ROOT / "trafilatura-evaldata-fr-en"


def read_gz(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def ours(html: str, url: str | None) -> tuple[str, str | None, str]:
    article = Article(html=html, url=url)
    html_extract.extract(article)
    return article.text, article.title, "; ".join(article.authors)


def ours_fast(html: str, url: str | None) -> tuple[str, str | None, str]:
    article = Article(html=html, url=url)
    html_extract.extract(article, fast=True)
    return article.text, article.title, "; ".join(article.authors)


def trafilatura_alone(html: str, url: str | None) -> tuple[str, str | None, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return "", None, ""
    return doc.text or "", doc.title, doc.author or ""


Extractor = Callable[[str, str | None], tuple[str, str | None, str]]


def scrapinghub(run: Extractor, limit: int | None) -> tuple[float, float]:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit]
    pages = {i: read_gz(SCRAPINGHUB / "html" / f"{i}.html.gz") for i in ids}
    pairs: list[tuple[str, str]] = []
    start = time.process_time()
    for i in ids:
        pairs.append((run(pages[i], truth[i]["url"])[0], truth[i]["articleBody"]))
    seconds = time.process_time() - start
    return corpus_score(pairs).f1, len(ids) / seconds


def evaldata(run: Extractor) -> dict[str, float]:
    data = json.loads((EVALDATA / "evaldata-fr-en.json").read_text(encoding="utf-8"))
    rows = [line.rstrip("\n").split("\t") for line in (EVALDATA / "languages.tsv").read_text().splitlines()[1:]]
    french = {row[0] for row in rows if row[2] == "fr"}
    fr_counts: Counter[str] = Counter()
    all_counts: Counter[str] = Counter()
    titles = authors = gold_pages = 0
    for url, entry in data.items():
        text, title, author = run(read_gz(EVALDATA / "html" / f"{entry['file']}.gz"), url)
        counts = segments_score(text, entry["with"], entry["without"])
        all_counts += counts
        if url in french:
            fr_counts += counts
        if "title" in entry:
            gold_pages += 1
            titles += title_match(title, entry["title"])
            authors += names_match(author, entry["author"])
    return {
        "fr_f1": counts_f1(fr_counts)["f1"],
        "all_f1": counts_f1(all_counts)["f1"],
        "title": titles / gold_pages,
        "author": authors / gold_pages,
    }


def isolated(run: Extractor, limit: int | None) -> tuple[float, float]:
    """scrapinghub in a fresh process: htmldate (inside both tools) caches by page text, so
    the second tool on the same pages would look faster than it is."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(scrapinghub, run, limit).result()


def main() -> None:
    limit = 40 if "--quick" in sys.argv else None
    runs: list[tuple[str, Extractor]] = [("dateline", ours)]
    if "--fast" in sys.argv:
        runs.append(("dateline --fast", ours_fast))
    runs.append(("trafilatura alone", trafilatura_alone))
    print("| measure | " + " | ".join(name for name, _ in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    sh = [isolated(run, limit) for _, run in runs]
    ev = [evaldata(run) for _, run in runs]

    def row(label: str, values: list[float], form: str = "{:.3f}") -> None:
        print(f"| {label} | " + " | ".join(form.format(v) for v in values) + " |")

    row(f"scrapinghub body F1 ({limit or 181} pages)", [f1 for f1, _ in sh])
    row("evaldata fr segment F1 (26 pages)", [e["fr_f1"] for e in ev])
    row("evaldata fr+en segment F1 (194 pages)", [e["all_f1"] for e in ev])
    row("evaldata title exact match (156 pages)", [e["title"] for e in ev])
    row("evaldata author exact match (156 pages)", [e["author"] for e in ev])
    row("pages/s per core (scrapinghub, CPU time)", [speed for _, speed in sh], "{:.1f}")
    print("(trafilatura alone: bare_extraction(include_comments=False, with_metadata=True), i.e. with its own")
    print(" metadata and htmldate pass, as a user would run it to get title, author and date.)")


if __name__ == "__main__":
    main()
