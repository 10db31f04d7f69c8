"""The quote corpora we score on: the challenge set (../shared) and our French gold.

Both are read in place; only our gold annotations live in the repository (tests/gold/quotes_fr),
anchored by quote text because the article texts come from the HTML extractor, which changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from .quotes import THRESHOLDS, GoldQuote, PredQuote, Score, fold, same_speaker, score

# Challenge-set stance names -> ours ("assert" is a plain report, "criticize" an accusation).
STANCE_ALIASES = {"assert": "report", "criticize": "accuse"}

Analyse = Callable[[str, str], Article]


@dataclass
class ClaimScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "P": round(100 * p, 1),
            "R": round(100 * r, 1),
            "F1": round(100 * self.f1, 1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class SetScore:
    quotes: dict[float, Score]
    claims: ClaimScore
    items: int


def predictions(article: Article) -> list[PredQuote]:
    out = []
    for q in article.quotes:
        speaker = q.speaker
        mention = (
            (speaker.start, speaker.end) if speaker and speaker.start is not None and speaker.end is not None else None
        )
        out.append(PredQuote(q.start, q.end, speaker.name if speaker else None, mention))
    return out


def read_challenge(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _claim_matches(gold: dict[str, Any], article: Article) -> bool:
    stance = STANCE_ALIASES.get(gold["stance"], gold["stance"])
    target = fold(gold["target"])
    for claim in article.claims:
        if claim.stance != stance:
            continue
        holder = claim.holder.name if claim.holder else None
        if holder and claim.holder and claim.holder.entity is None and not any(c.isupper() for c in holder[1:]):
            # "Les avocats du colonel" names nobody: its capital is the sentence's, and
            # same_speaker would take any capital for a name (an anonymous gold holder).
            holder = holder.lower()
        if not same_speaker(gold["holder"], holder):
            continue
        text = fold(claim.text)
        if not target or target in text or text in target or _shared(target, text) >= 0.5:
            return True
    return False


def _shared(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(len(wa), 1)


def score_challenge(items: list[dict[str, Any]], analyse: Analyse) -> SetScore:
    scores = {t: Score(threshold=t) for t in THRESHOLDS}
    claims = ClaimScore()
    for item in items:
        article = analyse(item["text"], item["lang"])
        golds = [
            GoldQuote(
                q["content"]["start"],
                q["content"]["end"],
                q["speaker_entity"],
                (q["speaker_mention"]["start"], q["speaker_mention"]["end"]) if q["speaker_mention"] else None,
            )
            for q in item["quotes"]
        ]
        preds = predictions(article)
        for t, s in scores.items():
            before = (s.fn, s.fp, s.tp - s.speaker_ok)
            score(golds, preds, t, into=s)
            if t == THRESHOLDS[0] and (s.fn, s.fp, s.tp - s.speaker_ok) != before:
                s.misses.append(f"{item['id']}: fn/fp/speaker-wrong now {(s.fn, s.fp, s.tp - s.speaker_ok)}")
        matched = 0
        for gold in item["claims"]:
            if _claim_matches(gold, article):
                claims.tp += 1
                matched += 1
            else:
                claims.fn += 1
                claims.misses.append(f"{item['id']}: missed {gold['stance']} {gold['holder']}")
        claims.fp += max(0, len(article.claims) - matched)
        if len(article.claims) > matched:
            claims.misses.append(f"{item['id']}: {len(article.claims) - matched} extra claims")
    return SetScore(quotes=scores, claims=claims, items=len(items))


def read_gold(folder: Path) -> list[dict[str, Any]]:
    """Our French gold: one JSON file per article (see tests/gold/quotes_fr/GUIDELINES.md)."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def anchor(text: str, quote: str, after: int = 0) -> tuple[int, int] | None:
    """Where a gold quote's text sits in the extracted article text (first match after `after`)."""
    at = text.find(quote, after)
    if at < 0:
        at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else None


def gold_span(text: str, start_words: str, end_words: str) -> tuple[int, int] | None:
    """A gold span anchored by its first and last words in the extracted text."""
    start = text.find(start_words)
    if start < 0:
        return None
    end = text.find(end_words, start)
    return (start, end + len(end_words)) if end >= 0 else None


def score_gold(folder: Path, shared: Path, read: Callable[[Path], Article]) -> tuple[SetScore, int]:
    """Score our French gold; returns the scores and how many gold quotes could not be anchored
    in the extracted text (the extractor changed: re-check those annotations)."""
    scores = {t: Score(threshold=t) for t in THRESHOLDS}
    claims = ClaimScore()
    lost = 0
    docs = read_gold(folder)
    for doc in docs:
        article = read(shared / doc["source"])
        golds = []
        for q in doc["quotes"]:
            span = gold_span(article.text, q["from"], q["to"])
            if span is None:
                lost += 1
                continue
            golds.append(GoldQuote(span[0], span[1], q["speaker"]))
        preds = predictions(article)
        for t, s in scores.items():
            score(golds, preds, t, into=s)
        if not doc.get("claims_annotated"):
            continue  # claims were annotated in a subset of the articles only (GUIDELINES.md)
        matched = 0
        for gold in doc["claims"]:
            item = {"stance": gold["stance"], "holder": gold["holder"], "target": gold["from"]}
            if _claim_matches(item, article):
                claims.tp += 1
                matched += 1
            else:
                claims.fn += 1
        claims.fp += max(0, len(article.claims) - matched)
    return SetScore(quotes=scores, claims=claims, items=len(docs)), lost
