"""The officeholders table is well formed, and people are matched only next to a role.
Texts are written for these tests; the facts are public terms of office."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from dateline import lang
from dateline.analyze import datecheck_officeholders as oh


def _clues(text: str, code: str = "fr") -> list[object]:
    return list(oh.clues(text, lang.load(code).resource("datecheck")))


def test_table_rows_are_well_formed() -> None:
    terms = oh.table()
    assert len(terms) > 300
    kinds = {"president", "vice_president", "prime_minister", "chancellor", "defence", "foreign", "interior"}
    kinds |= {"national_security", "supreme_leader", "secretary_general"}
    for term in terms:
        assert term.office.startswith(term.country + "."), term
        assert term.kind in kinds, term
        assert term.end is None or term.start <= term.end, term
        assert date(1970, 1, 1) <= term.start <= date(2025, 6, 1), term
        assert term.source and term.title, term


def test_no_two_terms_of_one_office_overlap_by_more_than_acting_days() -> None:
    by_office: dict[str, list[oh.Term]] = {}
    for term in oh.table():
        by_office.setdefault(term.office, []).append(term)
    for office, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for before, after in itertools.pairwise(terms):
            if before.end is None:
                pytest.fail(f"{office}: {before.person} has no end but {after.person} follows")
            # Israel 2006: Olmert acting while Sharon was still formally in office.
            assert (before.end - after.start).days <= 100, (office, before.person, after.person)


@pytest.mark.parametrize(
    ("text", "code", "inside", "outside"),
    [
        ("L'information a été démentie par Mark Esper, chef du Pentagone.", "fr", "2020-01-06", "2025-01-02"),
        ("Le Premier ministre démissionnaire irakien Adel Abdel Mahdi a parlé.", "fr", "2020-01-06", "2021-01-06"),
        ("Defense Secretary William S. Cohen arrived in the capital.", "en", "1998-03-01", "2002-03-01"),
        ("U.S. Secretary of State Madeleine K. Albright met the envoys.", "en", "1998-03-01", "1995-03-01"),
        ("Prime Minister Tony Blair said the talks would go on.", "en", "1999-05-01", "2008-05-01"),
    ],
)
def test_person_with_role_bounds_the_writing_date(text: str, code: str, inside: str, outside: str) -> None:
    began, term = _clues(text, code)
    assert term.allows(date.fromisoformat(inside))  # type: ignore[attr-defined]
    assert not term.allows(date.fromisoformat(outside))  # type: ignore[attr-defined]
    # "Written after the term began" is the strong part; the end of the term weighs less,
    # since retrospectives keep the title of the time they tell.
    assert began.weight > oh.TERM_WEIGHT == term.weight  # type: ignore[attr-defined]
    assert began.allows(date(2199, 1, 1))  # type: ignore[attr-defined]


def test_same_alias_and_office_gives_the_union_of_terms() -> None:
    _began, term = _clues("President Bush spoke to reporters.", "en")
    assert term.allows(date(1990, 6, 1)) and term.allows(date(2005, 6, 1))  # type: ignore[attr-defined]
    assert not term.allows(date(1997, 6, 1))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("L'ancien Premier ministre Alain Juppé a publié un livre.", "fr"),
        ("Former Defense Secretary William Cohen wrote a book.", "en"),
        ("Jacques Chirac, président du RPR, a tenu meeting.", "fr"),
        ("Le Premier ministre Philippe Couillard a parlé.", "fr"),
        ("Emmanuel Macron a rencontré les élus.", "fr"),
        ("Chelsea Clinton, présidente de la fondation, a parlé.", "fr"),
    ],
)
def test_no_clue_without_a_current_role_next_to_the_name(text: str, code: str) -> None:
    assert _clues(text, code) == []


def test_evidence_names_the_person_and_the_term() -> None:
    clue = _clues("Mark Esper, chef du Pentagone, a parlé.")[0]
    detail = clue.describe(None)  # type: ignore[attr-defined]
    assert "Mark Esper" in detail and "2020-11" in detail
