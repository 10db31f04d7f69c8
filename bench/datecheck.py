"""Date check on documents with a known writing date: TimeML corpora (true creation dates,
DCT) and modern news pages (htmldate's evaluation set, gold publication dates, en and fr,
text extracted by dateline).

(a) Hide the date and estimate it: share of documents within 0, ±1, ±7, ±31 days and in the
    right year.
(b) Shift the stated date by an offset drawn with a fixed seed from the issue's offsets, plus
    an unshifted copy of every document: false alarms on unshifted copies, recall of
    "inconsistent" per offset class, precision overall; then every offset for every document
    (no draw; steadier figures, the ones the gate pins).
The anchor is the rules-only baseline the issue quotes (5.5 % false alarms, 13.5 % recall on
-1 year shifts), measured earlier on this machine; it has no code in this repository.
`--page-dates` keeps the htmldate pages' own URL/meta dates as clues (default: text only).
Timings are process (CPU) time per document for the spaCy parse plus the clues; the machine
is shared with other jobs, so wall time is not reported.

Usage: .venv/bin/python bench/datecheck.py [--corpus tbaq|platinum|ftib|htmldate-en|htmldate-fr|all]
       [--page-dates] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dateline.evaluate import datecheck as ev

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
CORPORA = {
    "tbaq": (SHARED / "timex" / "en-te3" / "tbaq", "en"),
    "platinum": (SHARED / "timex" / "en-te3" / "platinum", "en"),
    "ftib": (SHARED / "timex" / "fr-ftib" / "Data", "fr"),
}
PUBDATE = SHARED / "pubdate" / "htmldate"
PAGES = {"htmldate-en": "en", "htmldate-fr": "fr"}
BASELINE = {"false_alarms": 0.055, "recall_-1y": 0.135}


def load(name: str, *, page_dates: bool) -> list[ev.Doc]:
    folder = PUBDATE if name in PAGES else CORPORA[name][0]
    if not folder.exists():
        sys.exit(f"{folder} is absent: the shared benchmarks are needed")
    if name in PAGES:
        return ev.page_docs(PUBDATE, PAGES[name], page_dates=page_dates)
    return ev.timeml_docs(folder, CORPORA[name][1])


def main() -> None:
    parser = argparse.ArgumentParser(description="Date check: hidden-date estimates and shifted stated dates")
    parser.add_argument("--corpus", default="all", choices=[*CORPORA, *PAGES, "all"])
    parser.add_argument("--page-dates", action="store_true", help="htmldate pages: keep URL and meta dates as clues")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = [*CORPORA, *PAGES] if args.corpus == "all" else [args.corpus]
    results: dict[str, Any] = {}
    for name in names:
        docs = load(name, page_dates=args.page_dates)
        results[name] = {
            "docs": len(docs),
            "cpu_ms_per_doc": 1000 * sum(d.cpu for d in docs) / max(1, len(docs)),
            "hidden": ev.hidden(docs),
            "shifts": ev.shifts(docs, all_offsets=False),
            "all_offsets": ev.shifts(docs, all_offsets=True),
        }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for name, r in results.items():
        print(f"== {name}: {r['docs']} docs, {r['cpu_ms_per_doc']:.0f} ms CPU/doc (parse + clues)")
        print("  (a) hidden date: " + ", ".join(f"{k} {v:.1%}" for k, v in r["hidden"].items()))
        for label, key in ((f"one offset drawn per doc (seed {ev.SEED})", "shifts"), ("every offset", "all_offsets")):
            s = r[key]
            print(
                f"  (b) {label}: false alarms {s['false_alarm_rate']:.1%}"
                f" ({s['false_alarms'][0]}/{s['false_alarms'][1]}) [baseline {BASELINE['false_alarms']:.1%}];"
                f" precision {s['precision']:.1%}; recall on shifts >= 1 y {s['recall_year_or_more']:.1%}"
            )
            print("      recall: " + ", ".join(f"{k} {v:.0%} (n={n})" for k, (v, n) in s["recall"].items()))
        print(f"      [baseline: recall on -1 y shifts {BASELINE['recall_-1y']:.1%}]")


if __name__ == "__main__":
    main()
