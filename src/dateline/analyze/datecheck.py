"""The date_check step: was this page written when it says?

Rules (one module each) turn the text into clues about the writing date:
datecheck_calendar (weekday + day + month, dated events and years with their tense),
datecheck_officeholders (people named with a role, against data/officeholders.tsv),
datecheck_terms (words coined on a known date: "Covid-19", "Brexit", "euros"),
datecheck_pagedates (URL date and date line against the stated date). datecheck_combine
weighs them into an estimate, an interval, a verdict and readable evidence. When the
verdict is inconsistent and confident, relative time expressions are re-resolved against
the estimate (timex.reanchor) and each timex records the anchor it used.
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from typing import Any

from .. import lang
from ..article import Article, Evidence
from ..article import DateCheck as DateCheckRecord
from ..errors import Code
from . import datecheck_calendar, datecheck_officeholders, datecheck_pagedates, datecheck_terms
from .datecheck_clues import EARLIEST, Clue, parse_day, shift
from .datecheck_combine import Judgement, Scorer

# Re-anchor relative expressions only on a confident alarm: 0.7 needs a margin of 3 (a
# weekday match, or an officeholder plus a dated event), see datecheck_combine.SCALE.
REANCHOR_CONFIDENCE = 0.7


def find_clues(article: Article, code: str, stated: date | None = None) -> list[Clue]:
    """Every clue the text and the page give about the writing date. The stated date is
    used only to drop page dates that repeat it (the text's clues never depend on it)."""
    pack = lang.load(code)
    data = pack.resource("datecheck")
    boiler = pack.resource("boilerplate")
    text = article.text
    found = datecheck_calendar.find_dates(text, boiler, data)
    clues = datecheck_calendar.clues_from_dates(text, found, article.nlp, data["tense"])
    clues.extend(datecheck_officeholders.clues(text, data))
    clues.extend(datecheck_terms.clues(text, data))
    page, _notes = datecheck_pagedates.clues(article.page_dates, stated)
    clues.extend(page)
    return clues


def latest_possible(article: Article) -> date:
    """Nothing is written after it was fetched (or after today)."""
    fetched = parse_day(article.source.fetched)
    return shift(fetched or datetime.now(UTC).date(), 1)


def check_stated(value: str | None, latest: date) -> tuple[date | None, str | None]:
    """The stated date, or None with the reason it cannot be judged."""
    if value is None:
        return None, "the page states no date"
    stated = parse_day(value)
    if stated is None:
        return None, f"the stated date {value!r} cannot be read"
    if stated < EARLIEST:
        return None, f"the stated date {stated.isoformat()} is before 1800"
    if stated > latest:
        return None, f"the stated date {stated.isoformat()} is in the future"
    return stated, None


def record(judgement: Judgement, stated_text: str | None, reason: str | None, notes: list[str]) -> DateCheckRecord:
    lo, hi = judgement.interval
    evidence = [Evidence(kind=c.kind, detail=detail, start=c.start, end=c.end) for c, detail in judgement.evidence]
    evidence.extend(Evidence(kind="page_dates", detail=note) for note in notes)
    verdict: Any = judgement.verdict if reason is None else "unknown"
    return DateCheckRecord(
        stated=stated_text[:10] if stated_text else None,
        estimated=judgement.estimate.isoformat() if judgement.estimate else None,
        interval=[lo.isoformat() if lo else None, hi.isoformat() if hi else None],
        verdict=verdict,
        confidence=judgement.confidence if reason is None else 0.0,
        evidence=evidence,
        reason=reason or judgement.reason,
    )


class DateCheck:
    name = "date_check"
    version = 1
    assigns: tuple[str, ...] = ("date_check",)

    def __init__(self, *, after_timexes: bool = True) -> None:
        # The timex step is optional: without it the check still runs, only re-anchoring is skipped.
        base = ("text", "language", "stated_date")
        self.requires: tuple[str, ...] = (*base, "timexes") if after_timexes else base

    def __call__(self, article: Article) -> Article:
        code = article.language
        if code not in lang.supported():
            article.date_check = DateCheckRecord(stated=article.stated_date, reason=lang.unsupported_message(code))
            article.problem(self.name, Code.LANGUAGE_UNSUPPORTED.value, lang.unsupported_message(code))
            return article
        latest = latest_possible(article)
        stated, reason = check_stated(article.stated_date, latest)
        clues = find_clues(article, code, stated)
        _page, notes = datecheck_pagedates.clues(article.page_dates, stated)
        judgement = Scorer(clues, latest).judge(stated)
        if reason is not None and article.stated_date is not None:
            article.problem(self.name, Code.BAD_DATE.value, reason)
        article.date_check = record(judgement, article.stated_date if stated else None, reason, notes)
        if article.date_check.verdict == "inconsistent" and article.date_check.confidence >= REANCHOR_CONFIDENCE:
            self._reanchor(article, article.date_check.estimated)
        return article

    def _reanchor(self, article: Article, estimated: str | None) -> None:
        if estimated is None or not article.timexes:
            return
        if importlib.util.find_spec("dateline.analyze.timex") is None:
            article.problem(
                self.name, Code.STEP_SKIPPED.value, "no timex module: relative dates keep the stated anchor"
            )
            return
        from . import timex

        timex.reanchor(article, estimated)
