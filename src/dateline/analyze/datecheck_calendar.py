"""Calendar clues: dates and years written in the text, read with their tense.

- "lundi 6 janvier" (weekday, day, month, no year) exists only in some years: the writing
  date lies near one of them (`weekday_match`), after it when told in the past, within the
  same week when a demonstrative says so ("Ce lundi 6 janvier").
- "le 8 décembre 2011" told in the past: written after it; told as to come: written before
  (`explicit_date`); "en mars 2019", "en 2014" likewise at month and year precision
  (`explicit_year`).
- Untensed mentions give soft clues only: they help estimate a hidden date, never raise an
  alarm alone.
Month and weekday names come from lang/<code>/boilerplate.toml; the rest from datecheck.toml.
Weights: see WEIGHTS below and bench/RESULTS.md "## Date check" (calibrated on TBAQ).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .datecheck_clues import EARLIEST, LATEST, Clue, Tense, safe_date, says, shift, tense_near
from .literal_scan import trie
from .regex_prefilter import Prefilter, finditer
from .regex_prefilter import build as build_prefilter

# Hard-clue weights, tuned on en-te3/tbaq (dev split) with bench/datecheck.py: a full date
# told in the past is often an event just reported (strong); a year told in the future
# is weaker (plans slip, "fiscal 1999" is named in 1998). The verdict threshold
# (datecheck_combine.ALARM) is above any single weak clue, so one misread tense cannot
# raise an alarm alone.
WEIGHTS = {
    "weekday_match": 3.0,
    "date_past": 2.0,
    "date_future": 1.0,
    "date_untensed": 0.5,
    "month_past": 1.5,
    "month_future": 1.0,
    "month_untensed": 0.5,
    "year_past": 1.5,
    "year_future": 1.0,
    "year_untensed": 0.5,
    "daymonth_past": 0.5,
    "daymonth_future": 0.5,
    "soft": 0.3,
}
# A weekday named with its date is mostly told within days of writing, but retrospectives
# name "Friday, Oct. 23" a month later (TBAQ NYT19981121: 29 days) and investigations
# "mardi 8 janvier" half a year later (htmldate fr, mediapart, 170 days). A year still
# separates the candidate years (a weekday falls on a date again after 5, 6 or 11 years);
# ce/this pins the week.
WEEKDAY_SPAN_DAYS = 365
WEEKDAY_AHEAD_DAYS = 31
THIS_WEEK_DAYS = 6
# Years expanded for a day and month without year: modern news plus a margin.
YEAR_RANGE = range(1900, 2101)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    weekday: int | None  # ISO weekday 1..7
    day: int | None
    month: int | None
    year: int | None
    this: bool  # preceded by a demonstrative ("Ce lundi", "this Monday")


# A date starts a word: no letter, digit or hyphen before it.
_EDGE = r"(?<![\w-])"


def _alternation(words: list[str]) -> str:
    # A trie matches what the flat alternation longest first matches, faster (literal_scan.py).
    return trie(words, re.IGNORECASE) or "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Scan:
    """The date patterns of one language pack, compiled once, and where each may match."""

    patterns: tuple[re.Pattern[str], ...]  # the two day/month orders, month + year, bare year
    prefilter: Prefilter
    months: dict[str, int]
    weekdays: dict[str, int]
    this_words: frozenset[str]


_SCANS: dict[tuple[int, int], tuple[Any, Any, _Scan]] = {}


def _scan(boiler: dict[str, Any], data: dict[str, Any]) -> _Scan:
    """Built once per (boilerplate, datecheck) data pair: the packs are cached for the process."""
    key = (id(boiler), id(data))
    hit = _SCANS.get(key)
    if hit is None or hit[0] is not boiler or hit[1] is not data:
        if len(_SCANS) > 8:  # callers building data on the fly must not grow it forever
            _SCANS.clear()
        hit = _SCANS[key] = (boiler, data, _build_scan(boiler, data))
    return hit[2]


def _build_scan(boiler: dict[str, Any], data: dict[str, Any]) -> _Scan:
    months: dict[str, int] = {k.lower(): int(v) for k, v in boiler["months"].items()}
    weekdays: dict[str, int] = {k.lower(): int(v) for k, v in boiler["weekdays"].items()}
    mon, wd = _alternation(list(months)), _alternation(list(weekdays))
    ords = _alternation(list(data["ordinals"]))
    day = rf"(?P<day>[0-3]?\d)(?:{ords})?"
    year = r"(?P<year>1[89]\d\d|2[01]\d\d)"
    weekday = rf"(?:(?P<wd>{wd}),?\s+)?"
    month = rf"(?P<mon>{mon})\.?"
    if data["day_before_month"]:
        orders = [rf"{weekday}{day}\s+{month}(?:,?\s+{year})?", rf"{weekday}{month}\s+{day}(?:,?\s+{year})?"]
    else:
        orders = [rf"{weekday}{month}\s+{day}(?:,?\s+{year})?", rf"{weekday}{day}\s+{month}(?:,?\s+{year})?"]
    patterns = [re.compile(rf"{_EDGE}{p}(?![\w-])", re.IGNORECASE) for p in orders]
    patterns.append(re.compile(rf"{_EDGE}{month},?\s+{year}(?![\w-])", re.IGNORECASE))
    prefix = _alternation(list(data["words"]["year_prefix"]))
    patterns.append(re.compile(rf"{_EDGE}(?:{prefix})\s+(?:l['’])?{year}(?![\w,.]\d)(?![\w-])", re.IGNORECASE))
    return _Scan(
        patterns=tuple(patterns),
        prefilter=build_prefilter([p.pattern for p in patterns], re.IGNORECASE, _EDGE),
        months=months,
        weekdays=weekdays,
        this_words=frozenset(w.lower() for w in data["words"]["this"]),
    )


def find_dates(text: str, boiler: dict[str, Any], data: dict[str, Any]) -> list[Found]:
    """Every written date in the text, most specific reading first, no overlaps."""
    scan = _scan(boiler, data)
    months, weekdays, this_words = scan.months, scan.weekdays, scan.this_words
    starts = scan.prefilter.starts(text)  # each pattern is tried only where it may match
    taken: list[tuple[int, int]] = []
    found: list[Found] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def month_ok(word: str) -> bool:
        return not data["months_capitalised"] or word[:1].isupper()

    for pattern, at in zip(scan.patterns[:2], starts[:2], strict=True):
        for m in finditer(pattern, text, at):
            if not free(m.start(), m.end()) or not month_ok(m["mon"]):
                continue
            number = int(m["day"])
            if not 1 <= number <= 31:
                continue
            before = text[max(0, m.start() - 12) : m.start()].split()
            this = bool(m["wd"]) and bool(before) and before[-1].lower() in this_words
            begin = text.rindex(before[-1], 0, m.start()) if this else m.start()
            found.append(
                Found(
                    start=begin,
                    end=m.end(),
                    weekday=weekdays[m["wd"].lower()] if m["wd"] else None,
                    day=number,
                    month=months[m["mon"].lower().rstrip(".")],
                    year=int(m["year"]) if m["year"] else None,
                    this=this,
                )
            )
            taken.append((m.start(), m.end()))
    for m in finditer(scan.patterns[2], text, starts[2]):
        if free(m.start(), m.end()) and month_ok(m["mon"]):
            mnum = months[m["mon"].lower().rstrip(".")]
            found.append(Found(m.start(), m.end(), None, None, mnum, int(m["year"]), False))
            taken.append((m.start(), m.end()))
    for m in finditer(scan.patterns[3], text, starts[3]):
        start = m.start("year")
        if free(start, m.end()):
            found.append(Found(start, m.end(), None, None, None, int(m["year"]), False))
            taken.append((start, m.end()))
    return sorted(found, key=lambda f: f.start)


def _window_by_tense(day: date, last: date, tense: Tense | None) -> tuple[date, date]:
    """Hard window for a dated event from `day` to `last` (one day, a month, a year).
    Untensed or present: news mostly names dates that have begun (the weaker
    `*_untensed` weights say how much less to trust that)."""
    if tense == "future":
        return EARLIEST, last
    return day, LATEST


def clues_from_dates(text: str, found: list[Found], nlp_doc: Any, tense_data: dict[str, Any]) -> list[Clue]:
    clues: list[Clue] = []
    before_cues = {w.lower() for w in tense_data["before_cues"]}
    deferral_cues = {w.lower() for w in tense_data["deferral_cues"]}
    for f in found:
        tense = tense_near(nlp_doc, text, f.start, f.end, tense_data)
        lead = re.findall(r"[\w-]+", text[max(0, f.start - 40) : f.start].lower())[-4:]
        if tense != "past" and any(w in before_cues for w in lead):
            tense = "future"  # "à l'aube de l'an 2000", "due 1994": the date is still ahead
        elif any(w in deferral_cues for w in lead):
            tense = "future"  # "a renvoyé le procès au 1er avril": told in the past, still ahead
        quoted = text[f.start : f.end]
        if f.day is not None and f.month is not None and f.year is None:
            clues.extend(_daymonth_clues(f, tense, quoted))
        elif f.day is not None and f.month is not None and f.year is not None:
            clues.extend(_full_date_clues(f, tense, quoted))
        elif f.month is not None and f.year is not None:
            first = date(f.year, f.month, 1)
            last = date(f.year, f.month, calendar.monthrange(f.year, f.month)[1])
            clues.extend(_bounded(f, tense, quoted, first, last, "month", f"{calendar.month_name[f.month]} {f.year}"))
        elif f.year is not None:
            first, last = date(f.year, 1, 1), date(f.year, 12, 31)
            clues.extend(_bounded(f, tense, quoted, first, last, "year", str(f.year)))
    return clues


def _bounded(f: Found, tense: Tense | None, quoted: str, first: date, last: date, unit: str, label: str) -> list[Clue]:
    out: list[Clue] = []
    hard = _window_by_tense(first, last, tense)
    key = f"{unit}_{tense if tense in ('past', 'future') else 'untensed'}"
    if first >= EARLIEST and WEIGHTS[key] > 0:
        verb = {"past": "told as past", "future": "told as to come"}.get(tense or "", "named")
        if unit == "date":
            side = "before" if tense == "future" else "after"
        else:
            side = "before the end of" if tense == "future" else "after the start of"
        out.append(
            Clue(
                kind="explicit_year" if unit == "year" else "explicit_date",
                windows=(hard,),
                weight=WEIGHTS[key],
                start=f.start,
                end=f.end,
                text=quoted,
                describe=says(f"'{quoted}' is {verb}: written {side} {label}"),
            )
        )
    out.append(_soft(f, quoted, first, shift(last, 365 if unit == "year" else 31)))
    return out


def _soft(f: Found, quoted: str, lo: date, hi: date) -> Clue:
    return Clue("soft", ((lo, hi),), WEIGHTS["soft"], f.start, f.end, quoted, says(f"'{quoted}' mentioned"))


def _full_date_clues(f: Found, tense: Tense | None, quoted: str) -> list[Clue]:
    assert f.day is not None and f.month is not None and f.year is not None
    day = safe_date(f.year, f.month, f.day)
    if day is None:
        return []
    if f.weekday is not None and day.isoweekday() != f.weekday:
        return []  # weekday and date disagree: a typo somewhere; trust neither
    out = _bounded(f, tense, quoted, day, day, "date", day.isoformat())
    if tense == "past":  # a reported event: writing usually follows within days
        out[-1] = _soft(f, quoted, day, shift(day, 7))
    return out


def _daymonth_clues(f: Found, tense: Tense | None, quoted: str) -> list[Clue]:
    assert f.day is not None and f.month is not None
    days = list(_days(f.month, f.day, f.weekday))
    if f.weekday is not None:
        # Which year: tense-free, since a misread tense must not hide the year. Such dates
        # are named up to a year after (retrospectives) and rarely more than a month ahead.
        if f.this:
            windows = _spans(f.month, f.day, f.weekday, -THIS_WEEK_DAYS, THIS_WEEK_DAYS)
        else:
            windows = _spans(f.month, f.day, f.weekday, -WEEKDAY_AHEAD_DAYS, WEEKDAY_SPAN_DAYS)
        weekday_name = calendar.day_name[f.weekday - 1]

        def describe(estimate: date | None, q: str = quoted, ds: list[date] = days, wn: str = weekday_name) -> str:
            years = _nearest_years(ds, estimate)
            told = {"past": ", told as past", "future": ", told as to come"}.get(tense or "", "")
            return f"'{q}' is a {wn} in {' and '.join(str(y) for y in years)}{told}"

        # Soft: a weekday named with its date is most often the day of writing or the day before.
        near = _arounds(f.month, f.day, f.weekday, tense, 1)
        matched = [
            Clue("weekday_match", windows, WEIGHTS["weekday_match"], f.start, f.end, quoted, describe),
            Clue("soft", near, WEIGHTS["soft"], f.start, f.end, quoted, says(f"'{quoted}' mentioned")),
        ]
        if tense in ("past", "future"):  # which side of the date, in the year it names
            sides = _arounds(f.month, f.day, f.weekday, tense, WEEKDAY_SPAN_DAYS)
            weight = WEIGHTS[f"date_{tense}"]
            matched.append(Clue("weekday_match", sides, weight, f.start, f.end, quoted, describe))
        return matched
    out: list[Clue] = []
    if tense in ("past", "future"):
        windows = _arounds(f.month, f.day, None, tense, 183)
        verb = "told as past" if tense == "past" else "told as to come"
        out.append(
            Clue(
                "explicit_date",
                windows,
                WEIGHTS[f"daymonth_{tense}"],
                f.start,
                f.end,
                quoted,
                says(f"'{quoted}' is {verb} (within six months)"),
            )
        )
    near = _arounds(f.month, f.day, None, tense, 14)
    out.append(Clue("soft", near, WEIGHTS["soft"], f.start, f.end, quoted, says(f"'{quoted}' mentioned")))
    return out


# The days and windows of a day and month without year depend on nothing else: computed once
# (201 years each; they were most of the date check's time on articles naming such dates).
@cache
def _days(month: int, day: int, weekday: int | None) -> tuple[date, ...]:
    days = [d for y in YEAR_RANGE if (d := safe_date(y, month, day)) is not None]
    return tuple(d for d in days if weekday is None or d.isoweekday() == weekday)


@cache
def _spans(month: int, day: int, weekday: int | None, before: int, after: int) -> tuple[tuple[date, date], ...]:
    return tuple((shift(d, before), shift(d, after)) for d in _days(month, day, weekday))


@cache
def _arounds(
    month: int, day: int, weekday: int | None, tense: Tense | None, span: int
) -> tuple[tuple[date, date], ...]:
    return tuple(_around(d, tense, span) for d in _days(month, day, weekday))


def _around(day: date, tense: Tense | None, span: int) -> tuple[date, date]:
    if tense == "past":
        return day, shift(day, span)
    if tense == "future":
        return shift(day, -span), day
    return shift(day, -span), shift(day, span)


def _nearest_years(days: list[date], estimate: date | None) -> list[int]:
    if estimate is None:
        return sorted({d.year for d in days})[-3:]
    ranked = sorted(days, key=lambda d: abs((d - estimate).days))
    return sorted({d.year for d in ranked[:1]})
