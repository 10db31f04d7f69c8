"""Date check on TimeML corpora with their true creation dates (DCT).

(a) Hide the date and estimate it: share of documents within 0, ±1, ±7, ±31 days and in the
    right year.
(b) Shift the stated date by an offset drawn with a fixed seed from OFFSETS, plus an
    unshifted copy of every document: false alarms on unshifted copies, recall of
    "inconsistent" per offset class, precision overall. `--all-offsets` judges every
    offset for every document (no draw; steadier figures, used by the gate).
The anchor is the rules-only baseline the issue quotes (5.5 % false alarms, 13.5 % recall
on -1 year), measured earlier on this machine; it has no code in this repository.

Also on modern news pages (htmldate's evaluation set, en and fr, gold publication dates):
text extracted by dateline; `--page-dates` keeps the page's own URL/meta dates as clues.

Usage: .venv/bin/python bench/datecheck.py [--corpus tbaq|platinum|ftib|htmldate-en|htmldate-fr|all]
       [--all-offsets] [--page-dates] [--json]
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateline.analyze import nlp
from dateline.analyze.datecheck import find_clues
from dateline.analyze.datecheck_clues import parse_day
from dateline.analyze.datecheck_combine import Scorer
from dateline.article import Article
from dateline.evaluate import timeml

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "timex"
CORPORA = {
    "tbaq": (SHARED / "en-te3" / "tbaq", "en"),
    "platinum": (SHARED / "en-te3" / "platinum", "en"),
    "ftib": (SHARED / "fr-ftib" / "Data", "fr"),
}
PUBDATE = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "pubdate" / "htmldate"
# Modern news pages with a gold publication date (htmldate's evaluation set): extracted with
# dateline's own HTML extraction; only en and fr pages are read.
PAGES = {"htmldate-en": "en", "htmldate-fr": "fr"}
# (label, years, months, days)
OFFSETS: list[tuple[str, int, int, int]] = [
    ("-10y", -10, 0, 0),
    ("-5y", -5, 0, 0),
    ("-2y", -2, 0, 0),
    ("-1y", -1, 0, 0),
    ("-6mo", 0, -6, 0),
    ("-1mo", 0, -1, 0),
    ("-7d", 0, 0, -7),
    ("+7d", 0, 0, 7),
    ("+1y", 1, 0, 0),
]
SEED = 20240106
BASELINE = {"false_alarms": 0.055, "recall_-1y": 0.135}


def shifted(day: date, years: int, months: int, days: int) -> date:
    month_index = day.year * 12 + day.month - 1 + years * 12 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last)) + timedelta(days=days)


@dataclass
class Doc:
    corpus: str
    name: str
    dct: date
    scorer: Scorer
    cpu: float


def pages(corpus: str, *, page_dates: bool) -> list[Doc]:
    """htmldate pages of one language: text and page dates from dateline's extraction."""
    import csv
    import gzip

    from dateline.extract import Extract
    from dateline.ingest import files

    code = PAGES[corpus]
    table = PUBDATE / "languages.tsv"
    if not table.exists():
        sys.exit(f"{table} is absent: the shared benchmarks are needed")
    model = nlp.model(code)
    docs: list[Doc] = []
    with table.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["lang"] == code]
    for row in rows:
        gold = parse_day(row["date"])
        path = PUBDATE / "html" / f"{row['file']}.gz"
        if gold is None or not path.exists():
            continue
        article = files.from_bytes(gzip.decompress(path.read_bytes()), location=row["url"], kind="html")
        article.url = row["url"]
        start = time.process_time()
        article = Extract(language=code)(article)
        if not article.text.strip():
            continue
        if not page_dates:
            article.page_dates = type(article.page_dates)()
        article.nlp = model(article.text[:100_000])
        clues = find_clues(article, code)
        docs.append(Doc(corpus, row["file"], gold, Scorer(clues, date.today()), time.process_time() - start))
    return docs


def documents(names: list[str]) -> list[Doc]:
    docs: list[Doc] = []
    for corpus in names:
        folder, code = CORPORA[corpus]
        if not folder.exists():
            sys.exit(f"{folder} is absent: the shared benchmarks are needed")
        model = nlp.model(code)
        for path in sorted(folder.rglob("*.tml")):
            doc = timeml.read(path)
            dct = parse_day(doc.dct)
            if dct is None:
                continue
            article = Article(text=doc.text, language=code)
            start = time.process_time()
            article.nlp = model(doc.text)
            clues = find_clues(article, code)
            scorer = Scorer(clues, date.today())
            docs.append(Doc(corpus, path.name, dct, scorer, time.process_time() - start))
    return docs


def hidden(docs: list[Doc]) -> dict[str, float]:
    bands = {"exact": 0, "±1 d": 1, "±7 d": 7, "±31 d": 31}
    counts = dict.fromkeys([*bands, "year", "no estimate"], 0)
    for doc in docs:
        guess = doc.scorer.best(None)
        if guess is None:
            counts["no estimate"] += 1
            continue
        gap = abs((guess - doc.dct).days)
        for label, width in bands.items():
            counts[label] += gap <= width
        counts["year"] += guess.year == doc.dct.year
    return {k: v / len(docs) for k, v in counts.items()}


def shifts(docs: list[Doc], all_offsets: bool) -> dict[str, Any]:
    rng = random.Random(SEED)
    flagged: dict[str, list[int]] = {label: [0, 0] for label, *_ in OFFSETS}
    false_alarms = [0, 0]
    for doc in docs:
        false_alarms[1] += 1
        false_alarms[0] += doc.scorer.judge(doc.dct).verdict == "inconsistent"
        chosen = OFFSETS if all_offsets else [rng.choice(OFFSETS)]
        for label, years, months, days in chosen:
            verdict = doc.scorer.judge(shifted(doc.dct, years, months, days)).verdict
            flagged[label][0] += verdict == "inconsistent"
            flagged[label][1] += 1
    true_pos = sum(v[0] for v in flagged.values())
    precision = true_pos / (true_pos + false_alarms[0]) if true_pos + false_alarms[0] else 0.0
    big = [flagged[k] for k in ("-10y", "-5y", "-2y", "-1y", "+1y")]
    return {
        "false_alarm_rate": false_alarms[0] / false_alarms[1],
        "false_alarms": false_alarms,
        "recall": {k: (v[0] / v[1] if v[1] else 0.0, v[1]) for k, v in flagged.items()},
        "recall_year_or_more": sum(v[0] for v in big) / max(1, sum(v[1] for v in big)),
        "precision": precision,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="all", choices=[*CORPORA, *PAGES, "all"])
    parser.add_argument("--all-offsets", action="store_true")
    parser.add_argument("--page-dates", action="store_true", help="htmldate pages: keep URL and meta dates as clues")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = [*CORPORA, *PAGES] if args.corpus == "all" else [args.corpus]
    results: dict[str, Any] = {}
    for name in names:
        docs = pages(name, page_dates=args.page_dates) if name in PAGES else documents([name])
        results[name] = {
            "docs": len(docs),
            "cpu_ms_per_doc": 1000 * sum(d.cpu for d in docs) / max(1, len(docs)),
            "hidden": hidden(docs),
            "shifts": shifts(docs, args.all_offsets),
        }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for name, r in results.items():
        s = r["shifts"]
        print(f"== {name}: {r['docs']} docs, {r['cpu_ms_per_doc']:.0f} ms CPU/doc (parse + clues)")
        print("  (a) hidden date: " + ", ".join(f"{k} {v:.1%}" for k, v in r["hidden"].items()))
        print(
            f"  (b) false alarms {s['false_alarm_rate']:.1%} ({s['false_alarms'][0]}/{s['false_alarms'][1]})"
            f" [baseline {BASELINE['false_alarms']:.1%}]; precision {s['precision']:.1%};"
            f" recall on shifts >= 1 y {s['recall_year_or_more']:.1%}"
        )
        print("      recall: " + ", ".join(f"{k} {v:.0%} (n={n})" for k, (v, n) in s["recall"].items()))
        print(f"      [baseline recall -1y {BASELINE['recall_-1y']:.1%}]")


if __name__ == "__main__":
    main()
