"""The bundled examples, end to end: what `make example` shows a new user must be right."""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from conftest import EXAMPLES


@pytest.fixture(scope="module")
def redated() -> dateline.Article:
    return dateline.read(EXAMPLES / "article-fr-gare-redate.txt")


def test_redated_page_is_flagged_with_its_evidence(redated: dateline.Article) -> None:
    check = redated.date_check
    assert redated.stated_date is not None and redated.stated_date.startswith("2025-09-04")
    assert check is not None and check.verdict == "inconsistent"
    assert check.estimated == "2020-02-27"  # "Ce jeudi 27 février", told in the past: 2020
    kinds = {e.kind for e in check.evidence}
    assert {"weekday_match", "officeholder"} <= kinds
    assert any("Castaner" in e.detail for e in check.evidence)


def test_relative_times_resolve_against_the_true_date(redated: dateline.Article) -> None:
    values = {t.text: (t.value, t.anchor) for t in redated.timexes}
    assert values["Mardi"] == ("2020-02-25", "2020-02-27")
    assert values["Ce jeudi 27 février"][0] == "2020-02-27"


def test_examples_ingest_into_a_store_with_one_date_alert(tmp_path: Path) -> None:
    from dateline.ingest.batch import ingest
    from dateline.store.sqlite import Store

    db = tmp_path / "example.db"
    report = ingest([str(EXAMPLES)], db)
    assert report.tally.new == len(list(EXAMPLES.iterdir()))
    again = ingest([str(EXAMPLES)], db)
    assert again.tally.new == 0  # running the main job twice adds nothing
    with Store.open(db, readonly=True) as store:
        titles = [a["title"] for a in store.date_alerts()]
    assert titles == ["Le ministre de l'Intérieur visite la gare rénovée de Bellac-sur-Vienne"]
