"""Quality gate for the date check on the TimeML corpora (true creation dates).

Every document is judged with its true date (a false alarm if called inconsistent) and with
each of the issue's offsets (recall of "inconsistent"). Floors in tests/gates/datecheck.json
only move the right way (false alarms down, recall up). The check is deterministic for a
given spaCy model, so EPSILON only absorbs a model re-build changing one clause's tense:
one document of 108 (fr-ftib, the smallest corpus gated) is 0.0093, hence 0.01.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.evaluate import datecheck as ev

GATE = Path(__file__).parent / "gates" / "datecheck.json"
EPSILON = 0.01


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["tbaq", "ftib", "platinum"])
def test_date_check_false_alarms_and_recall(corpus: str) -> None:
    gate = json.loads(GATE.read_text(encoding="utf-8"))[corpus]
    folder = need_shared(*gate["path"].split("/"))
    docs = ev.timeml_docs(folder, gate["language"])
    assert len(docs) == gate["docs"], "corpus changed: re-measure"
    result = ev.shifts(docs, all_offsets=True)
    assert result["false_alarm_rate"] <= gate["max_false_alarm_rate"] + EPSILON, result["false_alarms"]
    assert result["recall_year_or_more"] >= gate["min_recall_year_or_more"] - EPSILON, result["recall"]
    assert ev.hidden(docs)["year"] >= gate["min_hidden_right_year"] - EPSILON
