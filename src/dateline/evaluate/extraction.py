"""Article-body scoring as the scrapinghub article-extraction-benchmark defines it.

Tokens are `\\w+` matches; each text becomes the multiset of its 4-token shingles; per page,
true/false positive and false negative counts are normalised to sum to 1; precision and
recall are averaged over pages and F1 is the harmonic mean of the two averages. Pages where
both texts are empty count as perfect; an empty prediction against a non-empty truth counts
as recall 0 (and precision 1: nothing wrong was said). This is our re-implementation of the
published definition (shared/benchmarks/article-extraction/SOURCE.md), not their code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class PageScore:
    precision: float
    recall: float


def page_score(predicted: str, truth: str) -> PageScore:
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    if tp + fp + fn == 0:
        return PageScore(1.0, 1.0)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return PageScore(precision, recall)


@dataclass(frozen=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    pages: int


def corpus_score(pairs: Iterable[tuple[str, str]]) -> CorpusScore:
    """Score (predicted, truth) pairs: averages of page precision and recall, then F1."""
    scores = [page_score(p, t) for p, t in pairs]
    if not scores:
        return CorpusScore(0.0, 0.0, 0.0, 0)
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CorpusScore(precision, recall, f1, len(scores))


def segments_score(output: str, with_segments: Iterable[str], without_segments: Iterable[str]) -> Counter[str]:
    """trafilatura-evaldata counting: a 'with' segment found is a TP, missing an FN; a
    'without' segment found is an FP, absent a TN. Whitespace is normalised on both sides."""
    norm = " ".join(output.split())
    counts: Counter[str] = Counter()
    for segment in with_segments:
        counts["tp" if " ".join(segment.split()) in norm else "fn"] += 1
    for segment in without_segments:
        counts["fp" if " ".join(segment.split()) in norm else "tn"] += 1
    return counts


def counts_f1(counts: Counter[str]) -> dict[str, float]:
    tp, fp, fn, tn = counts["tp"], counts["fp"], counts["fn"], counts["tn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}
