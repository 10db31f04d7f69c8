"""Coined-term clues: words that did not exist (in news) before a known date.

"Covid-19" was named on 2020-02-11, "Brexit" coined in 2012, the euro named in December
1995: a text using them was written after. The terms and their first dates are language
data (lang/<code>/datecheck.toml [coined]), chosen conservatively: the date a word was
named or first widely used, never the event it later described. A lower bound only, as
strong as a dated event told in the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from .datecheck_clues import LATEST, Clue, parse_day, says
from .regex_prefilter import Prefilter, finditer
from .regex_prefilter import build as build_prefilter

# As strong as a date told in the past (datecheck_calendar.WEIGHTS["date_past"]): a coined
# term is a lower bound as safe as the table that dates it.
WEIGHT = 2.0


def clues(text: str, data: dict[str, Any]) -> list[Clue]:
    out: list[Clue] = []
    terms = _compiled(tuple(data.get("coined", {}).items()))
    starts = terms.prefilter.starts(text)  # one scan says where each term may occur
    for (day, regex), at in zip(terms.regexes, starts, strict=True):
        match = next(iter(finditer(regex, text, at)), None)  # the first match: regex.search
        if match is None:
            continue
        quoted = match.group(0)
        detail = f"'{quoted}' is not found in news before {_month(day)}"
        out.append(Clue("coined_term", ((day, LATEST),), WEIGHT, match.start(), match.end(), quoted, says(detail)))
    return out


@dataclass(frozen=True)
class _Terms:
    regexes: tuple[tuple[date, re.Pattern[str]], ...]
    prefilter: Prefilter


@lru_cache(maxsize=8)
def _compiled(coined: tuple[tuple[str, str], ...]) -> _Terms:
    """One regex per term, in data order. Written with capitals in the data ("AIDS",
    "Twitter"): matched as written, so the verb "aids" or a "twitter" of birds is not the name."""
    regexes: list[tuple[date, re.Pattern[str]]] = []
    seen: set[str] = set()
    for term, first in coined:
        day = parse_day(first)
        if day is None or term in seen:
            continue
        seen.add(term)
        flags = 0 if term != term.lower() else re.IGNORECASE
        regexes.append((day, re.compile(rf"{_EDGE}{re.escape(term)}(?![\w-])", flags)))
    # Read case-blind, the beginnings of a case-sensitive term are a superset of its own: safe.
    prefilter = build_prefilter([r.pattern for _, r in regexes], re.IGNORECASE, _EDGE)
    return _Terms(tuple(regexes), prefilter)


_EDGE = r"(?<![\w-])"


def _month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"
