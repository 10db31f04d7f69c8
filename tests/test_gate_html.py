"""Quality gate for HTML extraction: body F1, French segment F1, title and author exact
match, stated-date accuracy, on the shared corpora (floors in tests/gates/html.json, which
only move up; bench/extraction_html.py and bench/pubdate.py print the same figures beside
the anchors).

Extraction is deterministic, so the scores reproduce exactly on the same corpus and library
versions; EPSILON only absorbs float summation order. One page changing moves every figure
here by more than EPSILON (1/181 pages of body F1 weigh ~0.005; one date in 1,000 weighs
0.001; one segment of 154 French ones ~0.006), so a real regression always fails.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.article import Article
from dateline.evaluate.extraction import corpus_score, counts_f1, segments_score
from dateline.evaluate.metadata import date_outcome, date_scores, names_match, title_match
from dateline.extract import html

GATE = json.loads((Path(__file__).parent / "gates" / "html.json").read_text(encoding="utf-8"))
EPSILON = 0.0005

pytestmark = pytest.mark.slow


def read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def run(page: str, url: str | None) -> Article:
    article = Article(html=page, url=url)
    html.extract(article)
    return article


def above(name: str, value: float) -> None:
    assert value >= GATE[name] - EPSILON, f"{name} {value:.4f} fell below the floor {GATE[name]}"


def test_scrapinghub_body_f1() -> None:
    root = need_shared("benchmarks", "article-extraction", "scrapinghub")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = [(run(read(root / "html" / f"{k}.html.gz"), v["url"]).text, v["articleBody"]) for k, v in truth.items()]
    score = corpus_score(pairs)
    assert score.pages == 181
    above("scrapinghub_body_f1", score.f1)


def test_evaldata_french_segments_title_author() -> None:
    root = need_shared("benchmarks", "article-extraction", "trafilatura-evaldata-fr-en")
    data = json.loads((root / "evaldata-fr-en.json").read_text(encoding="utf-8"))
    rows = [line.split("\t") for line in (root / "languages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    french = {row[0] for row in rows if row[2].strip() == "fr"}
    assert len(french) == 26
    counts: Counter[str] = Counter()
    titles = authors = gold = 0
    for url, entry in data.items():
        article = run(read(root / "html" / f"{entry['file']}.gz"), url)
        if url in french:
            counts += segments_score(article.text, entry["with"], entry["without"])
        if "title" in entry:
            gold += 1
            titles += title_match(article.title, entry["title"])
            authors += names_match("; ".join(article.authors), entry["author"])
    above("evaldata_fr_segment_f1", counts_f1(counts)["f1"])
    above("evaldata_title_exact", titles / gold)
    above("evaldata_author_exact", authors / gold)


def test_stated_date_accuracy() -> None:
    root = need_shared("benchmarks", "pubdate", "htmldate")
    gold: dict[str, dict[str, object]] = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        gold.update(json.loads((root / name).read_text(encoding="utf-8")))
    languages = {c[0]: c[3] for c in (x.split("\t") for x in (root / "languages.tsv").read_text().splitlines()[1:])}
    overall: Counter[str] = Counter()
    french: Counter[str] = Counter()
    for url, entry in gold.items():
        # stated_date() runs the same readers as extract() without the body (half the time).
        outcome = date_outcome(html.stated_date(read(root / "html" / f"{entry['file']}.gz"), url), entry["date"])
        overall[outcome] += 1
        if languages.get(url) == "fr":
            french[outcome] += 1
    assert sum(overall.values()) == 1000
    above("pubdate_accuracy", date_scores(overall)["accuracy"])
    above("pubdate_accuracy_fr", date_scores(french)["accuracy"])
