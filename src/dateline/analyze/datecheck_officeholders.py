"""Officeholder clues: a person named with a role held that office when the text was written.

"Mark Esper, chef du Pentagone" → Mark Esper held US.defence from 2019-07-23 to 2020-11-09,
so the writing date lies in that term. The terms come from data/officeholders.tsv (see
data/OFFICEHOLDERS.md); role phrases from lang/<code>/datecheck.toml. No NER: names of the
table are searched in the text, and only a role phrase next to the name makes a clue, so a
person merely mentioned ("sous Chirac") or a former holder ("l'ancien ministre") says nothing.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .datecheck_clues import LATEST, Clue, parse_day, shift
from .literal_scan import trie

# A role next to a name says the term had begun (people are not called minister before; "élu",
# "-elect" are filtered): strong, above the alarm margin alone. That the term had not ended is
# weaker: retrospectives say "President Barack Obama" of 2011 in 2020 (htmldate en pages, 2 of
# 264 false alarms with one weight for both), so the end of the term weighs less than ALARM.
WEIGHT = 2.5
TERM_WEIGHT = 1.0
TERM_MARGIN_DAYS = 3
# How far a role may stand before the name ("le Premier ministre démissionnaire irakien X").
ROLE_BEFORE_GAP = 40
ROLE_BEFORE_WORDS = 4


@dataclass(frozen=True)
class Term:
    person: str
    country: str
    office: str
    title: str
    start: date
    end: date | None
    source: str
    names: tuple[str, ...]  # the person's name and aliases, as written in text

    @property
    def kind(self) -> str:
        return self.office.split(".", 1)[1]


@cache
def table() -> tuple[Term, ...]:
    """Rows of data/officeholders.tsv; a malformed row is a packaging error, caught by tests."""
    text = resources.files("dateline.data").joinpath("officeholders.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    terms: list[Term] = []
    for row in csv.DictReader(lines, delimiter="\t"):
        start = parse_day(row["start"])
        if start is None:
            raise ValueError(f"officeholders.tsv: bad start date in row {row}")
        terms.append(
            Term(
                person=row["person"],
                country=row["country"],
                office=row["office"],
                title=row["title"],
                start=start,
                end=parse_day(row["end"]) if row["end"] else None,
                source=row["source"],
                names=(row["person"], *[a.strip() for a in row["aliases"].split(";") if a.strip()]),
            )
        )
    return tuple(terms)


@cache
def _names() -> tuple[dict[str, list[Term]], re.Pattern[str]]:
    by_name: dict[str, list[Term]] = defaultdict(list)
    for term in table():
        for name in dict.fromkeys(term.names):
            by_name[name].append(term)
    # A trie: the same matches as the flat alternation longest first, 13 times faster (literal_scan.py).
    alternation = trie(by_name) or "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return dict(by_name), re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def _role_pattern(data: dict[str, Any]) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex over every role phrase; phrase -> ("kind"|"office", key). Built once per
    language pack (the data dict lives as long as the cached pack)."""
    key = id(data["roles"])
    cached = _ROLES.get(key)
    if cached is None or cached[0] is not data["roles"]:
        if len(_ROLES) > 8:  # callers building data on the fly must not grow it forever
            _ROLES.clear()
        cached = _ROLES[key] = (data["roles"], *_build_roles(data["roles"]))
    return cached[1], cached[2]


_ROLES: dict[int, tuple[Any, re.Pattern[str], dict[str, tuple[str, str]]]] = {}


def _build_roles(roles: dict[str, Any]) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    meaning: dict[str, tuple[str, str]] = {}
    for kind, phrases in roles["kind"].items():
        for phrase in phrases:
            meaning.setdefault(phrase.lower(), ("kind", kind))
    for office, phrases in roles["office"].items():
        for phrase in phrases:
            meaning[phrase.lower()] = ("office", office)
    alternation = trie(meaning, re.IGNORECASE) or "|".join(re.escape(p) for p in sorted(meaning, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), meaning


def clues(text: str, data: dict[str, Any]) -> list[Clue]:
    by_name, name_re = _names()
    role_re, meaning = _role_pattern(data)
    words = data["words"]
    not_current = {w.lower() for w in words["not_current"]}
    complements = {w.lower() for w in words["role_complement"]}
    roles = []
    for m in role_re.finditer(text):
        key = meaning[m.group(0).lower()]
        after = text[m.end() : m.end() + 6].split()
        follows = after[0].lower() if after else ""
        if key[0] == "kind" and any(
            follows == c or (follows.startswith(c) and c.endswith(("'", "’"))) for c in complements
        ):
            continue  # "président du RPR": another body's office
        before = re.findall(r"[\w-]+", text[max(0, m.start() - 30) : m.start()].lower())[-3:]
        if any(w in not_current or w.rstrip("-") in not_current for w in before):
            continue
        roles.append((m.start(), m.end(), key))
    out: list[Clue] = []
    seen: set[tuple[str, str]] = set()
    for m in name_re.finditer(text):
        if re.match(r" [A-ZÀ-Ý][a-zà-ÿ]", text[m.end() : m.end() + 3]):
            continue  # "Philippe Couillard": the name goes on, it is someone else
        for r_start, r_end, key in roles:
            matching = by_name[m.group(0)]
            known = {w for t in matching for name in t.names for w in name.split()}
            if not _adjacent(text, m.start(), m.end(), r_start, r_end, not_current, known):
                continue
            terms = [t for t in matching if (key[0] == "office" and t.office == key[1]) or t.kind == key[1]]
            if not terms:
                continue
            ident = (terms[0].person, terms[0].office)
            if ident in seen:
                continue
            seen.add(ident)
            out.extend(_clues(terms, m.start(), m.end(), text[m.start() : m.end()]))
            break
    return out


def _adjacent(
    text: str, n_start: int, n_end: int, r_start: int, r_end: int, not_current: set[str], known: set[str]
) -> bool:
    """A role right before the name (a few lower-case words, the person's own first names or
    initials between) or in apposition right after it."""
    if r_end <= n_start:
        gap = text[r_end:n_start]
        # Initials ("Madeleine K. Albright") are the only full stops allowed in the gap.
        bare = re.sub(r"(?<![\w])[A-Z]\.", " ", gap)
        if len(gap) > ROLE_BEFORE_GAP or re.search(r"[.;:!?()\n\"“”«»]", bare):
            return False
        gap_words = re.findall(r"[\w'’-]+", bare)
        if any(w[0].isupper() and w not in known for w in gap_words):
            return False  # another name stands between: "le président Philippe Couillard"
        return len(gap_words) <= ROLE_BEFORE_WORDS and not any(w.lower() in not_current for w in gap_words)
    if n_end <= r_start:  # apposition after the name: "Mark Esper, chef du Pentagone"
        before = text[max(0, n_start - 20) : n_start].split()
        if before and before[-1][:1].isupper() and before[-1] not in known and not before[-1].endswith("."):
            return False  # "Chelsea Clinton, présidente de ...": the surname of someone else
        gap = text[n_end:r_start]
        return re.fullmatch(r"\s*[,(–—-]\s*(?:[\w'’]{1,3}\s+)?", gap) is not None
    return False


def _clues(terms: list[Term], start: int, end: int, quoted: str) -> list[Clue]:
    """Written after the first of these terms began (strong), and within one of them (weaker)."""
    windows = sorted(
        (shift(t.start, -TERM_MARGIN_DAYS), shift(t.end, TERM_MARGIN_DAYS) if t.end else LATEST) for t in terms
    )
    merged: list[tuple[date, date]] = []
    for lo, hi in windows:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    spans = ", ".join(f"{t.start:%Y-%m} to {t.end:%Y-%m}" if t.end else f"since {t.start:%Y-%m}" for t in terms)
    people = sorted({t.person for t in terms})
    title = terms[0].title
    who = " or ".join(people)

    def describe(_estimate: date | None) -> str:
        return f"{who} was {title} {spans}"

    began = ((merged[0][0], LATEST),)
    return [
        Clue("officeholder", began, WEIGHT, start, end, quoted, describe),
        Clue("officeholder", tuple(merged), TERM_WEIGHT, start, end, quoted, describe),
    ]
