"""The date_check step end to end: the seed page (stated 2 Jan 2025, written 6 Jan 2020),
re-anchoring, the report line, and bad input (verdict unknown with a reason, never a crash).
Texts other than the seed are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from conftest import need_shared
from dateline.analyze.datecheck import DateCheck
from dateline.article import Article, PageDates, Source
from dateline.serve.report import date_line, render


def _seed_body() -> str:
    raw = Path(need_shared("seed", "article-fr-pentagone.txt")).read_text(encoding="utf-8")
    start = raw.index("ÉTATS-UNIS – Imbroglio")
    end = raw.index("À voir également")
    return raw[start:end].strip()


@pytest.fixture(scope="module")
def seed() -> Article:
    from dateline.analyze.nlp import Parse
    from dateline.analyze.timex import Timexes
    from dateline.extract import Extract
    from dateline.ingest import files
    from dateline.pipeline import Pipeline

    steps = [Extract(raw=True, language="fr", date="2025-01-02"), Parse(), Timexes(), DateCheck()]
    article = files.from_bytes(_seed_body().encode("utf-8"), location="<seed>", kind="text")
    return Pipeline(steps, provided=("source", "url"))(article)


def test_seed_is_inconsistent_and_estimated_in_january_2020(seed: Article) -> None:
    check = seed.date_check
    assert check is not None
    assert check.stated == "2025-01-02"
    assert check.verdict == "inconsistent"
    assert check.estimated in ("2020-01-06", "2020-01-07")
    assert check.confidence >= 0.75
    lo, hi = check.interval
    assert lo is not None and hi is not None and lo <= check.estimated <= hi


def test_seed_evidence_names_the_weekday_and_mark_esper(seed: Article) -> None:
    check = seed.date_check
    assert check is not None
    by_kind = {e.kind: e for e in check.evidence}
    weekday = by_kind["weekday_match"]
    assert "Monday in 2020" in weekday.detail
    assert weekday.start is not None and weekday.end is not None
    assert seed.text[weekday.start : weekday.end] == "Ce lundi 6 janvier"
    officeholders = [e.detail for e in check.evidence if e.kind == "officeholder"]
    assert any("Mark Esper" in d and "2020-11" in d for d in officeholders)


def test_seed_relative_dates_are_reanchored_on_the_estimate(seed: Article) -> None:
    assert seed.date_check is not None
    relative = [t for t in seed.timexes if t.relative is not None and (t.value or "")[:1].isdigit()]
    assert relative
    # Every relative expression records the anchor it used: the estimate, or a day the text
    # just named (timex "follow" rule), never the stated 2025 date.
    assert all(t.anchor is not None and t.anchor.startswith("2020-01") for t in relative)
    monday = [t for t in seed.timexes if t.text == "Lundi"]
    assert monday and monday[0].value == "2020-01-06"


def test_seed_friday_resolves_to_the_friday_before(seed: Article) -> None:
    friday = [t for t in seed.timexes if t.text == "vendredi"]
    assert friday and friday[0].value == "2020-01-03"


def test_seed_report_line(seed: Article) -> None:
    line = date_line(seed)
    assert line is not None
    assert line.startswith("Stated 2 Jan 2025 — the text was written on 6 Jan 2020 (high confidence): ")
    assert "'Ce lundi 6 janvier' is a Monday in 2020, told as past" in line and "Mark Esper" in line
    assert render(seed).splitlines()[0] == line


def test_read_text_runs_the_check_last() -> None:
    text = "Ce mardi 12 mars, la maire a signé l'arrêté. Le conseil avait voté le 8 mars 2019."
    article = dateline.read_text(text, raw=True, language="fr", date="2019-03-12")
    assert article.steps[-1] == "date_check@1"
    assert article.date_check is not None and article.date_check.verdict == "consistent"


def _check(article: Article) -> Article:
    return DateCheck(after_timexes=False)(article)


def test_no_dates_at_all() -> None:
    text = "La fête du village a réuni beaucoup de monde."
    article = _check(Article(text=text, language="fr", stated_date="2024-06-01"))
    assert article.date_check is not None
    assert article.date_check.verdict == "unknown" and article.date_check.reason


@pytest.mark.parametrize(
    ("stated", "reason"),
    [
        ("hier soir", "cannot be read"),
        ("1712-05-04", "before 1800"),
        ("2999-01-01", "in the future"),
        (None, "no date"),
    ],
)
def test_unusable_stated_date_gives_unknown_with_a_reason(stated: str | None, reason: str) -> None:
    text = "Ce lundi 6 janvier, le maire a inauguré le pont."
    article = _check(Article(text=text, language="fr", stated_date=stated))
    check = article.date_check
    assert check is not None and check.verdict == "unknown"
    assert check.reason is not None and reason in check.reason
    assert check.estimated is not None  # the text's own estimate is still given


def test_contradictory_metadata_is_evidence_not_a_crash() -> None:
    dates = PageDates(published="2024-06-01", modified="2023-01-01", url="2019-02-30")
    article = _check(Article(text="Rien de daté ici.", language="fr", stated_date="2024-06-01", page_dates=dates))
    check = article.date_check
    assert check is not None
    assert any(e.kind == "page_dates" and "before it was published" in e.detail for e in check.evidence)


def test_url_date_far_from_stated_date_raises_an_alarm() -> None:
    dates = PageDates(published="2025-01-02", url="2020-01-06")
    article = _check(Article(text="Le pont a été inauguré.", language="fr", stated_date="2025-01-02", page_dates=dates))
    assert article.date_check is not None and article.date_check.verdict == "inconsistent"
    assert article.date_check.estimated is not None and article.date_check.estimated.startswith("2020-01")


def test_unsupported_language() -> None:
    article = _check(Article(text="Am Montag, 6. Januar", language="de", stated_date="2020-01-06"))
    assert article.date_check is not None and article.date_check.verdict == "unknown"
    assert article.problems and "not supported" in article.problems[0].message


def test_fetch_time_bounds_the_stated_date() -> None:
    article = Article(text="Le pont.", language="fr", stated_date="2021-05-05", source=Source(fetched="2020-01-01"))
    check = _check(article).date_check
    assert check is not None and check.verdict == "unknown" and "future" in (check.reason or "")


def test_seed_page_as_scraped_is_flagged() -> None:
    # Whole scraped page through the cleaner: its date line "2 janvier 2025" is the stated date.
    article = dateline.read(need_shared("seed", "article-fr-pentagone.txt"))
    check = article.date_check
    assert check is not None and check.stated == "2025-01-02"
    assert check.verdict == "inconsistent" and (check.estimated or "").startswith("2020-01")
