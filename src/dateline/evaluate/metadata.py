"""Exact-match scorers for page metadata (title, authors) and the stated-date metric.

Title: whitespace-normalised strings must be equal; an unknown title matches an empty gold.
Authors: gold strings join names with ";", "," or " and " (trafilatura-evaldata mixes all
three), so both sides are split on those and compared as sets of whitespace-normalised
names; the same rule is applied to every tool compared.
Dates: the htmldate benchmark counting (shared/benchmarks/pubdate/SOURCE.md): same day as
gold = TP, another day = FP, nothing = FN; accuracy = TP / all entries (a gold `NaN` is a miss).
"""

from __future__ import annotations

import re
from collections import Counter

_SPLIT = re.compile(r"\s*(?:;|,|\s&\s|\sand\s)\s*")


def _squash(text: object) -> str:
    if isinstance(text, list):  # some gold entries are lists of names
        text = "; ".join(str(t) for t in text)
    return " ".join(str(text or "").split())


def title_match(predicted: str | None, gold: object) -> bool:
    return _squash(predicted) == _squash(gold)


def names(text: object) -> frozenset[str]:
    return frozenset(n for n in (_squash(p) for p in _SPLIT.split(_squash(text))) if n)


def names_match(predicted: str | None, gold: object) -> bool:
    return names(predicted) == names(gold)


def date_outcome(predicted: str | None, gold: object) -> str:
    """'tp', 'fp' or 'fn' for one page; a gold that is not a date string is always a miss."""
    if not predicted:
        return "fn"
    if isinstance(gold, str) and predicted[:10] == gold[:10]:
        return "tp"
    return "fp"


def date_scores(counts: Counter[str]) -> dict[str, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    total = tp + fp + fn
    return {
        "accuracy": tp / total if total else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if total else 0.0,
    }
