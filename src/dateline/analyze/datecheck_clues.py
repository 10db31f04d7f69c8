"""What every date-check rule returns: a `Clue`, the writing dates the text allows.

A clue is a union of date windows (the writing date lies in one of them), a weight (how
much a violation counts) and what a reader needs to check it (kind, span, a sentence).
Rules find clues without looking at the stated date, so the same clues judge any stated
date (bench/datecheck.py shifts the stated date over one set of clues per document).
Tense is read from the spaCy parse when the nlp step ran, else from cue words (lang data).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from .nlp import parsed_text

Tense = Literal["past", "present", "future"]

# Open ends of windows: nothing before 1800 or after 2200 is judged (bad-input rule).
EARLIEST = date(1800, 1, 1)
LATEST = date(2200, 12, 31)


@dataclass(frozen=True)
class Clue:
    kind: str
    windows: tuple[tuple[date, date], ...]
    weight: float
    start: int | None
    end: int | None
    text: str
    # Writes the reader's sentence once the estimate is known (e.g. which year matched).
    describe: Callable[[date | None], str] = field(compare=False, repr=False)

    def allows(self, day: date) -> bool:
        return any(lo <= day <= hi for lo, hi in self.windows)

    def window_at(self, day: date) -> tuple[date, date] | None:
        for lo, hi in self.windows:
            if lo <= day <= hi:
                return lo, hi
        return None


def says(sentence: str) -> Callable[[date | None], str]:
    """A `describe` that does not depend on the estimate."""

    def describe(_estimate: date | None) -> str:
        return sentence

    return describe


def parse_day(value: str | None) -> date | None:
    """An ISO date (or the date part of an ISO datetime); None when it does not parse."""
    if not value:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def shift(day: date, days: int) -> date:
    """`day + days`, clamped to the judged range."""
    try:
        moved = day + timedelta(days=days)
    except OverflowError:
        return LATEST if days > 0 else EARLIEST
    return min(max(moved, EARLIEST), LATEST)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        made = date(year, month, day)
    except ValueError:
        return None
    return made if EARLIEST <= made <= LATEST else None


def month_label(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def tense_near(article_nlp: Any, text: str, start: int, end: int, data: dict[str, Any]) -> Tense | None:
    """The tense of the clause a date span belongs to: from the parse when there is one,
    else from cue words in the same sentence (lang/<code>/datecheck.toml [tense])."""
    if article_nlp is not None and end <= len(parsed_text(article_nlp)):
        return _tense_from_parse(article_nlp, start, end, data)
    return _tense_from_cues(text, start, end, data)


def _tense_from_parse(doc: Any, start: int, end: int, data: dict[str, Any]) -> Tense | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):  # climb to the governing verb; dates hang off it within a few arcs
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            break
        if token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return _verb_tense(token, data)


def _verb_tense(verb: Any, data: dict[str, Any]) -> Tense | None:
    future_aux = set(data["future_aux"])
    perfect_aux = set(data["perfect_aux"])
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if verb.head.i != verb.i and verb.head.lemma_.lower() in future_aux:
        return "future"  # "va se retirer": the infinitive depends on the motion verb
    for aux in auxes:
        if aux.lemma_.lower() in future_aux or "Fut" in aux.morph.get("Tense"):
            return "future"
    if "Cnd" in verb.morph.get("Mood") or any("Cnd" in a.morph.get("Mood") for a in auxes):
        return None  # conditional: neither told as done nor as planned
    if "Part" in verb.morph.get("VerbForm"):
        for aux in auxes:
            tenses = aux.morph.get("Tense")
            if "Past" in tenses or "Imp" in tenses:
                return "past"
            if aux.lemma_.lower() in perfect_aux and aux.dep_ not in ("aux:pass", "auxpass"):
                return "past"  # compound past: "a démenti", "has said", "sont revenus" (not "est fixée")
        return None  # a bare participle ("signée le 5 janvier") says nothing of when it was written
    tenses = verb.morph.get("Tense")
    if "Fut" in tenses:
        return "future"
    if "Past" in tenses or "Imp" in tenses:
        return "past"
    if "Pres" in tenses:
        return "present"
    return None


def _tense_from_cues(text: str, start: int, end: int, data: dict[str, Any]) -> Tense | None:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    words = {w.lower() for w in re.findall(r"\w+", text[left:start] + " " + text[end:right])}
    past = bool(words & set(data["past_cues"]))
    future = bool(words & set(data["future_cues"]))
    if past == future:
        return None
    return "past" if past else "future"
