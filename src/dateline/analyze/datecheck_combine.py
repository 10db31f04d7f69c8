"""Weigh the clues: the best-supported writing date, and whether the stated one fits.

Every hard clue is a union of windows with a weight. The support of a date is the sum of
the weights of the clues that allow it; the estimate is the best-supported date (soft
clues break ties, then nearness to the stated date). The stated date is inconsistent when
the estimate beats it by at least ALARM: more than any untensed mention, day without a
year, date told as to come or end of a term, so one of those cannot raise an alarm alone,
while a weekday match, a term not yet begun, a page date or a dated event told in the past can.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, field
from datetime import date

from .datecheck_clues import EARLIEST, LATEST, Clue

# Margin of hard support the estimate needs over the stated date to call it inconsistent.
# Calibrated with bench/datecheck.py --all-offsets (every offset for every document) on the
# TimeML corpora (dev: en-te3/tbaq) and htmldate's news pages (en 264, fr 41):
#   margin 1.0: false alarms tbaq 1.6 %, en pages 4.5 %, fr pages 4.9 % (too many);
#   margin 1.5: 0.4 %, 1.1 %, 2.4 % (1 page, whose text was updated a year after its date);
#               recall on shifts >= 1 year 13.4 %, 18.3 %, 36.6 %;
#   margin 2.0: 0 %, 0.8 %, 2.4 %; recall 10.3 %, 14.2 %, 32.2 %.
# 1.5 keeps false alarms under the 2 % target with the most recall. See bench/RESULTS.md.
ALARM = 1.5
# Confidence grows with the margin: 1 - exp(-margin / SCALE); ALARM alone gives 0.45,
# the seed (a weekday told as past, two officeholders' terms) 0.80.
SCALE = 2.5
# Hard support the stated date needs before it is called consistent rather than unknown.
MIN_SUPPORT = 1.0


@dataclass
class Judgement:
    estimate: date | None = None
    interval: tuple[date | None, date | None] = (None, None)
    verdict: str = "unknown"
    confidence: float = 0.0
    evidence: list[tuple[Clue, str]] = field(default_factory=list)
    reason: str | None = None


class Scorer:
    """Support of any date under a fixed set of clues (computed once, judged many times)."""

    def __init__(self, clues: list[Clue], latest: date = LATEST) -> None:
        # A date named twice is one piece of evidence, not two.
        clues = list({(c.kind, c.weight, c.windows): c for c in reversed(clues)}.values())[::-1]
        self.hard = [c for c in clues if c.kind != "soft"]
        self.soft = [c for c in clues if c.kind == "soft"]
        self.latest = latest
        self._starts = {id(c): [lo for lo, _ in c.windows] for c in clues}
        candidates: set[date] = set()
        for clue in clues:
            for lo, hi in clue.windows:
                candidates.update((lo, hi))
        self.candidates = sorted(d for d in candidates if EARLIEST < d <= latest)
        self._scores = list(zip(self._sums(self.hard), self._sums(self.soft), strict=True))

    def _allows(self, clue: Clue, day: date) -> bool:
        index = bisect.bisect_right(self._starts[id(clue)], day) - 1
        return index >= 0 and clue.windows[index][0] <= day <= clue.windows[index][1]

    def _sums(self, clues: list[Clue]) -> list[float]:
        """`support` of every candidate at once, found window by window rather than candidate
        by candidate (1 ms less per article): each candidate gets the same additions in the
        same order, so the same floats, and a window counts where `_allows` counts it."""
        days = self.candidates
        totals = [0.0] * len(days)
        for clue in clues:
            starts = self._starts[id(clue)]
            if any(a > b for a, b in itertools.pairwise(starts)):
                for i, day in enumerate(days):  # unsorted windows: bisect's own answer, day by day
                    if self._allows(clue, day):
                        totals[i] += clue.weight
                continue
            for index, (lo, hi) in enumerate(clue.windows):
                stop = bisect.bisect_right(days, hi)
                if index + 1 < len(starts):  # a later window starting before `hi` takes over there
                    stop = min(stop, bisect.bisect_left(days, starts[index + 1]))
                for i in range(bisect.bisect_left(days, lo), stop):
                    totals[i] += clue.weight
        return totals

    def support(self, day: date) -> float:
        return sum(c.weight for c in self.hard if self._allows(c, day))

    def soft_support(self, day: date) -> float:
        return sum(c.weight for c in self.soft if self._allows(c, day))

    def best(self, stated: date | None) -> date | None:
        if not self.candidates:
            return None
        top = max(h for h, _ in self._scores)
        pool = [(s, d) for d, (h, s) in zip(self.candidates, self._scores, strict=True) if h == top]
        top_soft = max(s for s, _ in pool)
        days = [d for s, d in pool if s == top_soft]
        if stated is None:
            return days[0]
        # The best-supported stretch nearest the stated date, and in it the earliest day:
        # writing follows the latest event told as past (the seed: Monday 6, not Tuesday 7).
        nearest = min(days, key=lambda d: abs((d - stated).days))
        lo, hi = self.interval(nearest)
        return min(d for d in days if (lo is None or lo <= d) and (hi is None or d <= hi))

    def interval(self, day: date) -> tuple[date | None, date | None]:
        lo, hi = EARLIEST, self.latest
        for clue in self.hard:
            window = clue.window_at(day)
            if window is not None:
                lo, hi = max(lo, window[0]), min(hi, window[1])
        return (lo if lo > EARLIEST else None, hi if hi < LATEST else None)

    def judge(self, stated: date | None) -> Judgement:
        if not self.hard and not self.soft:
            return Judgement(reason="the text gives no dated evidence")
        estimate = self.best(stated)
        if estimate is None:
            return Judgement(reason="the text gives no dated evidence")
        result = Judgement(estimate=estimate, interval=self.interval(estimate))
        result.evidence = self._explain(estimate, stated)
        if stated is None:
            result.reason = "no stated date to check; the estimate stands alone"
            result.confidence = _confidence(self.support(estimate))
            return result
        margin = self.support(estimate) - self.support(stated)
        if margin >= ALARM and abs((estimate - stated).days) > 1:
            result.verdict = "inconsistent"
            result.confidence = _confidence(margin)
        elif self.support(stated) >= MIN_SUPPORT:
            result.verdict = "consistent"
            result.estimate = stated
            result.interval = self.interval(stated)
            result.evidence = self._explain(stated, None)
            against = sum(c.weight for c in self.hard if not self._allows(c, stated))
            result.confidence = _confidence(self.support(stated) - against)
        else:
            result.reason = "the text gives too little hard evidence to check the stated date"
            result.estimate = stated if margin <= 0 else estimate
        return result

    def _explain(self, estimate: date, stated: date | None) -> list[tuple[Clue, str]]:
        def rank(clue: Clue) -> tuple[int, float]:
            decisive = stated is not None and self._allows(clue, estimate) and not self._allows(clue, stated)
            agrees = self._allows(clue, estimate)
            return (0 if decisive else 1 if agrees else 2, -clue.weight)

        chosen = sorted(self.hard, key=rank) or self.soft[:3]
        out: list[tuple[Clue, str]] = []
        shown: set[tuple[str, int | None]] = set()
        for clue in chosen:
            if (clue.kind, clue.start) in shown:
                continue  # one sentence per mention (officeholders give two clues)
            shown.add((clue.kind, clue.start))
            detail = clue.describe(estimate)
            if not self._allows(clue, estimate):
                detail += " (against the estimate)"
            out.append((clue, detail))
        return out


def _confidence(margin: float) -> float:
    return round(max(0.0, 1.0 - math.exp(-margin / SCALE)), 2) if margin > 0 else 0.0
