"""Quality gate for the scraped-text cleaner: body F1 on scrapinghub/scraped-text.

The floor in tests/gates/text.json only moves up. The cleaner is deterministic, so on the same
corpus the score is exactly reproducible; EPSILON only absorbs float summation order (the
average runs over 181 pages) and must never hide a real regression: one page losing a single
paragraph moves F1 by about 0.001, more than EPSILON.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dateline
from conftest import need_shared
from dateline.evaluate.extraction import corpus_score

GATE = Path(__file__).parent / "gates" / "text.json"
EPSILON = 0.0005


def test_scraped_text_body_f1_stays_above_floor() -> None:
    gate = json.loads(GATE.read_text(encoding="utf-8"))
    source = need_shared(*gate["input"].split("/"))
    truth_path = need_shared(*gate["truth"].split("/"))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == gate["input_sha256"], "corpus changed: re-measure"
    pages = json.loads(source.read_text(encoding="utf-8"))["output"]
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pairs = [(dateline.read_text(pages[k]["articleBody"], analyze=False).text, truth[k]["articleBody"]) for k in truth]
    score = corpus_score(pairs)
    assert score.pages == gate["pages"]
    # F1 is the gate; precision and recall are recorded in text.json for reference only (a
    # change may trade one for the other and still be better).
    assert score.f1 >= gate["f1"] - EPSILON, f"body F1 {score.f1:.4f} fell below the floor {gate['f1']}"
