"""Scoring the date check on documents whose true writing date is known.

Shared by bench/datecheck.py and tests/test_gate_datecheck.py. Clues are found once per
document (they do not depend on the stated date), then any stated date is judged:
- `hidden`: the date is hidden and estimated; share within 0, ±1, ±7, ±31 days, right year;
- `shifts`: the stated date is the true one (false alarms) or shifted by an offset
  (recall of "inconsistent" per offset class; precision over all judged copies).
"""

from __future__ import annotations

import calendar
import csv
import gzip
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..analyze import nlp
from ..analyze.datecheck import find_clues
from ..analyze.datecheck_clues import parse_day
from ..analyze.datecheck_combine import Scorer
from ..article import Article, PageDates
from . import timeml

# (label, years, months, days), as in the issue.
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
YEAR_OR_MORE = ("-10y", "-5y", "-2y", "-1y", "+1y")
SEED = 20240106


@dataclass
class Doc:
    name: str
    truth: date
    scorer: Scorer
    cpu: float  # process time for parse + clues, seconds


def shifted(day: date, years: int, months: int, days: int) -> date:
    index = day.year * 12 + day.month - 1 + years * 12 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last)) + timedelta(days=days)


def _doc(name: str, truth: date, article: Article, code: str, latest: date) -> Doc:
    start = time.process_time()
    article.nlp = nlp.parse(nlp.model(code), article.text[:100_000])
    clues = find_clues(article, code)
    return Doc(name, truth, Scorer(clues, latest), time.process_time() - start)


def timeml_docs(folder: Path, code: str, *, latest: date | None = None) -> list[Doc]:
    """TimeML files under `folder`: the `<TEXT>` is the article, the DCT the truth."""
    docs: list[Doc] = []
    for path in sorted(folder.rglob("*.tml")):
        doc = timeml.read(path)
        truth = parse_day(doc.dct)
        if truth is not None:
            article = Article(text=doc.text, language=code)
            docs.append(_doc(path.name, truth, article, code, latest or date.today()))
    return docs


def page_docs(root: Path, code: str, *, page_dates: bool = False, latest: date | None = None) -> list[Doc]:
    """htmldate evaluation pages of one language (languages.tsv), extracted by dateline."""
    from ..extract import Extract
    from ..ingest import files

    with (root / "languages.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["lang"] == code]
    docs: list[Doc] = []
    for row in rows:
        truth = parse_day(row["date"])
        path = root / "html" / f"{row['file']}.gz"
        if truth is None or not path.exists():
            continue
        article = files.from_bytes(gzip.decompress(path.read_bytes()), location=row["url"], kind="html")
        article.url = row["url"]
        article = Extract(language=code)(article)
        if not article.text.strip():
            continue
        if not page_dates:
            article.page_dates = PageDates()
        docs.append(_doc(row["file"], truth, article, code, latest or date.today()))
    return docs


def hidden(docs: list[Doc]) -> dict[str, float]:
    bands = {"exact": 0, "±1 d": 1, "±7 d": 7, "±31 d": 31}
    counts = dict.fromkeys([*bands, "year", "no estimate"], 0)
    for doc in docs:
        guess = doc.scorer.best(None)
        if guess is None:
            counts["no estimate"] += 1
            continue
        gap = abs((guess - doc.truth).days)
        for label, width in bands.items():
            counts[label] += gap <= width
        counts["year"] += guess.year == doc.truth.year
    return {k: v / max(1, len(docs)) for k, v in counts.items()}


def shifts(docs: Iterable[Doc], *, all_offsets: bool = True, seed: int = SEED) -> dict[str, Any]:
    """False alarms on true dates; recall per offset (every offset, or one drawn per doc)."""
    rng = random.Random(seed)
    flagged: dict[str, list[int]] = {label: [0, 0] for label, *_ in OFFSETS}
    alarms = [0, 0]
    for doc in docs:
        alarms[1] += 1
        alarms[0] += doc.scorer.judge(doc.truth).verdict == "inconsistent"
        chosen = OFFSETS if all_offsets else [rng.choice(OFFSETS)]
        for label, years, months, days in chosen:
            verdict = doc.scorer.judge(shifted(doc.truth, years, months, days)).verdict
            flagged[label][0] += verdict == "inconsistent"
            flagged[label][1] += 1
    caught = sum(v[0] for v in flagged.values())
    big = [flagged[k] for k in YEAR_OR_MORE]
    return {
        "false_alarm_rate": alarms[0] / max(1, alarms[1]),
        "false_alarms": alarms,
        "recall": {k: (v[0] / v[1] if v[1] else 0.0, v[1]) for k, v in flagged.items()},
        "recall_year_or_more": sum(v[0] for v in big) / max(1, sum(v[1] for v in big)),
        "precision": caught / (caught + alarms[0]) if caught + alarms[0] else 0.0,
    }
