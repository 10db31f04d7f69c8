"""The quantities step: numbers with their unit noun, on the seed and on sentences we wrote."""

from __future__ import annotations

from typing import Any

import pytest

import dateline
from conftest import need_shared
from dateline.analyze import nlp, quantity_data
from dateline.analyze.quantities import Quantities, find
from dateline.article import Article, Quantity
from dateline.errors import Code


@pytest.fixture(scope="session")
def fr_model() -> Any:
    return nlp.model("fr")


def seed_body() -> str:
    lines = need_shared("seed", "article-fr-pentagone.txt").read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("ÉTATS-UNIS"))
    last = next(i for i, line in enumerate(lines) if line.startswith("À voir"))
    return "\n\n".join(line for line in lines[first:last] if line.strip())


def triples(found: list[Quantity]) -> list[tuple[str, float | None, float | None, str]]:
    return [(q.text, q.value, q.high, q.unit) for q in found]


def test_seed_quantities(fr_model: Any) -> None:
    article = dateline.read_text(seed_body(), raw=True, language="fr", date="2020-01-06")
    got = triples(article.quantities)
    assert ("5200 soldats", 5200, None, "soldats") in got
    assert ("3000 à 3500 soldats", 3000, 3500, "soldats") in got
    assert ("170.000 soldats", 170000, None, "soldats") in got
    assert ("des dizaines de roquettes", None, None, "roquettes") in got
    # "plusieurs centaines d'autres" counts the soldiers of the previous quantity.
    assert ("plusieurs centaines d’autres", None, None, "soldats") in got
    texts = " ".join(t for t, *_ in got)
    for year_or_date in ("2003", "2011", "2014", "8 décembre", "6 janvier", "5 janvier"):
        assert year_or_date not in texts
    for q in article.quantities:
        assert article.text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il y avait 3 000 soldats.", [("3 000 soldats", 3000, None, "soldats")]),
        ("Il y avait 3\u00a0000 soldats.", [("3\u00a0000 soldats", 3000, None, "soldats")]),
        ("Il y avait 3\u202f000 soldats.", [("3\u202f000 soldats", 3000, None, "soldats")]),
        ("entre 3 000 et 3 500 soldats", [("3 000 et 3 500 soldats", 3000, 3500, "soldats")]),
        ("un prêt de 1,5 million de dollars", [("1,5 million de dollars", 1500000, None, "dollars")]),
        ("de 3 à 4 millions d'euros", [("3 à 4 millions d'euros", 3000000, 4000000, "euros")]),
        ("une centaine de manifestants", [("une centaine de manifestants", 100, None, "manifestants")]),
        ("trois mille cinq cents euros", [("trois mille cinq cents euros", 3500, None, "euros")]),
        ("quatre-vingt-dix personnes", [("quatre-vingt-dix personnes", 90, None, "personnes")]),
        ("Il a obtenu 30 % des voix.", [("30 %", 30, None, "%")]),
        ("Des milliers de manifestants", [("Des milliers de manifestants", None, None, "manifestants")]),
        ("Plusieurs dizaines de milliers d'euros", [("Plusieurs dizaines de milliers d'euros", None, None, "euros")]),
        # Not quantities: dates, years, clock times, durations, ordinals.
        ("le 8 décembre 2011 à 20h30", []),
        ("à 12:30, le 1er janvier", []),
        ("depuis 2014, en 2003 puis en 2011", []),
        ("pendant 3 ans et 2 mois", []),
        ("pour la 2e fois", []),
        ("le numéro deux du commandement", []),
        ("les patients COVID-19 hospitalisés", []),
        ("les 2 et 3 janvier", []),
        ("un enfant de 5 ans", []),
    ],
)
def test_french_sentences(
    fr_model: Any, text: str, expected: list[tuple[str, float | None, float | None, str]]
) -> None:
    data = quantity_data.load("fr")
    assert triples(find(text, data, fr_model(text))) == expected
    assert triples(find(text, data, None)) == expected  # the same without a parse


def test_parse_guided_units(fr_model: Any) -> None:
    data = quantity_data.load("fr")
    text = "Il a condamné les deux autres coauteurs. Les trois dernières années, 3000 nouveaux soldats sont arrivés."
    assert triples(find(text, data, fr_model(text))) == [
        ("deux autres coauteurs", 2, None, "coauteurs"),
        ("3000 nouveaux soldats", 3000, None, "soldats"),
    ]


def test_english_with_a_parse() -> None:
    data = quantity_data.load("en")
    text = "Washington has sent 3,000 to 3,500 more troops. Two of them left."
    got = triples(find(text, data, nlp.model("en")(text)))
    assert got == [("3,000 to 3,500 more troops", 3000, 3500, "troops")]


def test_english_sentences() -> None:
    data = quantity_data.load("en")
    text = "Washington sent 3,000 to 3,500 troops and $5 million in aid; dozens of rockets hit 1.5 percent."
    got = triples(find(text, data, None))
    assert ("3,000 to 3,500 troops", 3000, 3500, "troops") in got
    assert ("$5 million", 5000000, None, "$") in got
    assert ("dozens of rockets", None, None, "rockets") in got
    assert ("1.5 percent", 1.5, None, "percent") in got
    assert triples(find("a dozen rockets and two dozen eggs", data, None)) == [
        ("a dozen rockets", 12, None, "rockets"),
        ("two dozen eggs", 24, None, "eggs"),
    ]
    assert triples(find("On March 3, 2020 at 10:30, in 2019.", data, None)) == []


def test_language_without_data_records_a_skip() -> None:
    article = Quantities()(Article(text="3000 Soldaten", language="de"))
    assert article.quantities == []
    assert [(p.step, p.code) for p in article.problems] == [("quantities", Code.STEP_SKIPPED.value)]


def test_no_parse_still_finds_quantities() -> None:
    article = Quantities()(Article(text="Les États-Unis comptaient 5200 soldats en Irak.", language="fr"))
    assert triples(article.quantities) == [("5200 soldats", 5200, None, "soldats")]


def test_table_and_long_text() -> None:
    data = quantity_data.load("fr")
    table = "\n".join(f"Paris | {k} | 12,5 | Lyon" for k in range(200))
    assert find(table, data, None) == []
    long = "\n\n".join("Les États-Unis comptaient 5200 soldats en Irak en 2019." for _ in range(500))
    found = find(long, data, None)
    assert len(found) == 500 and {q.value for q in found} == {5200}
