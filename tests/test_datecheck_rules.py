"""The date check's rules, one by one, on short texts written for these tests (no parse:
tense comes from the cue words of lang/<code>/datecheck.toml)."""

from __future__ import annotations

from datetime import date

from dateline import lang
from dateline.analyze import datecheck_calendar, datecheck_pagedates
from dateline.analyze.datecheck_clues import Clue
from dateline.analyze.datecheck_combine import ALARM, Scorer
from dateline.article import PageDates


def _clues(text: str, code: str = "fr") -> list[Clue]:
    pack = lang.load(code)
    data = pack.resource("datecheck")
    found = datecheck_calendar.find_dates(text, pack.resource("boilerplate"), data)
    return datecheck_calendar.clues_from_dates(text, found, None, data["tense"])


def test_weekday_day_month_exists_only_in_some_years() -> None:
    clues = [c for c in _clues("Ce lundi 6 janvier, la ministre a visité le port.") if c.kind == "weekday_match"]
    assert len(clues) == 2  # which year (tense-free), and which side of the date (told as past)
    clue = max(clues, key=lambda c: c.weight)
    assert clue.text == "Ce lundi 6 janvier"
    assert clue.allows(date(2020, 1, 6)) and clue.allows(date(2014, 1, 7))
    assert not clue.allows(date(2019, 1, 6)) and not clue.allows(date(2021, 1, 6))
    assert "Monday in 2020" in clue.describe(date(2020, 1, 6))


def test_event_told_in_past_after_stated_date_is_inconsistent() -> None:
    # 6 January is a Monday in 2025 too, but told as past it cannot follow a 2 January page.
    scorer = Scorer(_clues("Ce lundi 6 janvier, le maire a inauguré le pont."))
    assert scorer.judge(date(2025, 1, 2)).verdict == "inconsistent"
    assert scorer.judge(date(2025, 1, 6)).verdict == "consistent"


def test_english_weekday_month_day_and_capitalised_months() -> None:
    clues = _clues("The mayor opened the bridge on Monday, Jan. 6, and may 5 people attend.", "en")
    kinds = [(c.kind, c.text) for c in clues if c.kind != "soft"]
    assert ("weekday_match", "Monday, Jan. 6") in kinds
    assert all("may 5" not in text for _, text in kinds)


def test_weekday_that_contradicts_its_own_year_is_ignored() -> None:
    # 6 January 2021 was a Wednesday: a typo somewhere, neither part is trusted.
    assert [c for c in _clues("Le lundi 6 janvier 2021, la ville a voté.") if c.kind != "soft"] == []


def test_explicit_year_told_as_past_is_a_lower_bound() -> None:
    clues = [c for c in _clues("Plusieurs milliers sont ensuite revenus en 2014 dans le pays.") if c.kind != "soft"]
    assert [c.kind for c in clues] == ["explicit_year"]
    assert clues[0].allows(date(2014, 3, 1)) and not clues[0].allows(date(2013, 12, 31))


def test_year_ahead_of_the_writing_is_an_upper_bound() -> None:
    clues = [c for c in _clues("Le chantier sera terminé d'ici 2030, selon la mairie.") if c.kind != "soft"]
    assert clues and all(not c.allows(date(2031, 1, 1)) and c.allows(date(2024, 1, 1)) for c in clues)


def test_counts_that_look_like_years_are_not_years() -> None:
    assert _clues("La région compte 2000 soldats et 1995 policiers.") == []


def test_page_dates_disagreeing_with_stated_date() -> None:
    clues, notes = datecheck_pagedates.clues(PageDates(published="2025-01-02", url="2020-01-06"))
    assert notes == []
    scorer = Scorer(clues)
    assert scorer.judge(date(2025, 1, 2)).verdict == "inconsistent"
    assert scorer.judge(date(2020, 1, 7)).verdict == "consistent"


def test_contradictory_metadata_is_reported() -> None:
    _, notes = datecheck_pagedates.clues(PageDates(published="2025-01-02", modified="2024-12-01"))
    assert notes and "before it was published" in notes[0]


def test_one_weak_clue_cannot_raise_an_alarm() -> None:
    # A year merely named (no tense) weighs less than the alarm margin.
    clues = [c for c in _clues("Le rapport publié en 2019 reste une référence.") if c.kind != "soft"]
    assert clues and all(c.weight < ALARM for c in clues)
    assert Scorer(clues).judge(date(2015, 5, 5)).verdict != "inconsistent"


def test_hidden_date_is_estimated_after_the_latest_past_event() -> None:
    text = "Le 8 mars 2019, le conseil avait voté. Ce mardi 12 mars, la maire a signé l'arrêté."
    assert Scorer(_clues(text)).best(None) == date(2019, 3, 12)


def test_coined_terms_bound_the_writing_date_from_below() -> None:
    from dateline.analyze import datecheck_terms

    data = lang.load("en").resource("datecheck")
    (clue,) = datecheck_terms.clues("Hospitals braced for a new Covid-19 wave.", data)
    assert clue.kind == "coined_term" and not clue.allows(date(2019, 12, 1)) and clue.allows(date(2020, 3, 1))
    # Written with capitals in the data, matched as written: the verb "aids" is not AIDS.
    assert datecheck_terms.clues("The grant aids local farmers.", data) == []
    assert len(datecheck_terms.clues("An AIDS clinic opened.", data)) == 1
