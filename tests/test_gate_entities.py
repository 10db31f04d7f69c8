"""Quality gate for the entities step: speaker mentions of the challenge sets resolved to the
gold entity (floors in tests/gates/entities.json, which only move up; bench/entities.py prints
the same figures beside spaCy's NER alone).

The step and the models are deterministic on one machine, so the figures reproduce exactly;
EPSILON only absorbs float rounding. One mention weighs 1/27 (French) or 1/10 (English), far
above EPSILON, so losing a single resolution fails the gate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.evaluate.entities import speaker_resolution

GATE = json.loads((Path(__file__).parent / "gates" / "entities.json").read_text(encoding="utf-8"))
EPSILON = 0.001


@pytest.mark.parametrize("code", ["fr", "en"])
def test_challenge_speaker_resolution(code: str) -> None:
    path = need_shared("benchmarks", "quotes", "challenge_synthetic", f"challenge_{code}.jsonl")
    result = speaker_resolution(path, code)
    floor = GATE[f"challenge_{code}_speaker_resolution"]
    share = result.share("ours")
    assert share >= floor - EPSILON, f"{share:.3f} fell below the floor {floor}: {result.misses}"
    assert result.ours > result.anchor  # better than the tagger alone
