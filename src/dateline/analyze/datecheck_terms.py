"""Coined-term clues: words that did not exist (in news) before a known date.

"Covid-19" was named on 2020-02-11, "Brexit" coined in 2012, the euro named in December
1995: a text using them was written after. The terms and their first dates are language
data (lang/<code>/datecheck.toml [coined]), chosen conservatively: the date a word was
named or first widely used, never the event it later described. A lower bound only, as
strong as a dated event told in the past.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .datecheck_clues import LATEST, Clue, parse_day, says

# As strong as a date told in the past (datecheck_calendar.WEIGHTS["date_past"]): a coined
# term is a lower bound as safe as the table that dates it.
WEIGHT = 2.0


def clues(text: str, data: dict[str, Any]) -> list[Clue]:
    coined: dict[str, str] = data.get("coined", {})
    out: list[Clue] = []
    seen: set[str] = set()
    for term, first in coined.items():
        day = parse_day(first)
        if day is None or term in seen:
            continue
        # Written with capitals in the data ("AIDS", "Twitter"): matched as written, so the
        # verb "aids" or a "twitter" of birds is not the name.
        flags = 0 if term != term.lower() else re.IGNORECASE
        match = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, flags)
        if match is None:
            continue
        seen.add(term)
        quoted = match.group(0)
        detail = f"'{quoted}' is not found in news before {_month(day)}"
        out.append(Clue("coined_term", ((day, LATEST),), WEIGHT, match.start(), match.end(), quoted, says(detail)))
    return out


def _month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"
