"""Quote scoring with GenderGapTracker's matching, and speaker accuracy counted apart.

GGT's definition (nlp/french/evaluation/src/evaluate_quotes.py, read with the search tools,
not copied): a gold quote matches the predicted quote that covers the largest share of the
gold characters, |gold ∩ pred| / |gold|, when that share is above the threshold (0.3, and 0.8
for a strict view); each prediction matches at most one gold quote, golds are taken in order;
unmatched golds are false negatives, unmatched predictions false positives. Speaker accuracy is
the share of matched quotes whose speaker is right; GGT's own "speaker match" is any overlap
of the speaker spans, and the challenge set's "resolved" criterion is that the predicted
speaker's name contains the gold entity's last word (both reported here).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

THRESHOLDS = (0.3, 0.8)


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    entity: str | None  # the resolved speaker's name; None when anonymous or unresolvable
    mention: tuple[int, int] | None = None


@dataclass(frozen=True)
class PredQuote:
    start: int
    end: int
    speaker: str | None
    mention: tuple[int, int] | None = None


@dataclass
class Score:
    threshold: float
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0  # resolved speaker right (name criterion)
    mention_ok: int = 0  # GGT's criterion: speaker spans overlap
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.tp if self.tp else 0.0

    @property
    def mention_accuracy(self) -> float:
        return self.mention_ok / self.tp if self.tp else 0.0

    def row(self) -> dict[str, float | int]:
        return {
            "P": round(100 * self.precision, 1),
            "R": round(100 * self.recall, 1),
            "F1": round(100 * self.f1, 1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "speaker_acc": round(100 * self.speaker_accuracy, 1),
            "speaker_ok": self.speaker_ok,
            "mention_acc": round(100 * self.mention_accuracy, 1),
        }


def coverage(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Share of the gold characters the prediction covers (GGT's asymmetric score)."""
    if gold[1] <= gold[0] or pred[1] <= pred[0]:
        return 0.0
    return max(0, min(gold[1], pred[1]) - max(gold[0], pred[0])) / (gold[1] - gold[0])


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """The challenge set's criterion: the predicted name contains the gold name's last word;
    an anonymous gold speaker is right when none was resolved to a name either."""
    if gold is None:
        return pred is None or not any(ch.isupper() for ch in pred)
    if pred is None:
        return False
    if "|" in gold:  # our gold lists acceptable names: "Martin Griffiths|ONU"
        return any(same_speaker(name, pred) for name in gold.split("|"))
    last = fold(gold).replace("’", "'").split()[-1]
    return last in fold(pred).replace("’", "'").replace("-", " ").split() or last in fold(pred)


def score(golds: list[GoldQuote], preds: list[PredQuote], threshold: float, into: Score | None = None) -> Score:
    result = into if into is not None else Score(threshold=threshold)
    remaining = list(preds)
    for gold in golds:
        best: PredQuote | None = None
        best_score = 0.0
        for pred in remaining:
            s = coverage((gold.start, gold.end), (pred.start, pred.end))
            if s > threshold and s > best_score:
                best, best_score = pred, s
        if best is None:
            result.fn += 1
            result.misses.append(f"missed {gold.start}:{gold.end}")
            continue
        remaining.remove(best)
        result.tp += 1
        if same_speaker(gold.entity, best.speaker):
            result.speaker_ok += 1
        if gold.mention is None and best.mention is None and gold.entity is None:
            result.mention_ok += 1
        elif gold.mention is not None and best.mention is not None:
            if coverage(gold.mention, best.mention) > 0:
                result.mention_ok += 1
        elif gold.mention is None and same_speaker(gold.entity, best.speaker):
            result.mention_ok += 1  # floating quote: GGT counts the inherited speaker
    result.fp += len(remaining)
    result.misses.extend(f"spurious {p.start}:{p.end}" for p in remaining)
    return result
