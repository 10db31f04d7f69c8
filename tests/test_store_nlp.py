"""End to end with the analysis steps on (French model): lemma search and stored annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.analyze.nlp import installed_model
from dateline.ingest.batch import ingest
from dateline.store.sqlite import Store

PAGES = {
    "syndicats.html": (
        "<html lang='fr'><head><meta charset='utf-8'><title>Les syndicats démentent tout accord</title></head>"
        "<body><article><h1>Les syndicats démentent tout accord</h1><p>Les syndicats de la compagnie régionale "
        "démentent catégoriquement avoir signé un accord sur les horaires, a indiqué mercredi leur porte-parole "
        "Lucie Ferrand.</p><p>« Aucun texte n'a été signé », a déclaré Lucie Ferrand devant le siège de "
        "l'entreprise à Rennes, où une centaine de salariés s'étaient rassemblés dans la matinée.</p>"
        "</article></body></html>"
    ),
    "mairie.html": (
        "<html lang='fr'><head><meta charset='utf-8'><title>La mairie répond aux rumeurs</title></head>"
        "<body><article><h1>La mairie répond aux rumeurs</h1><p>Le maire de Quimper dément toute fermeture "
        "de la piscine municipale cet été, contrairement à ce qu'affirmait un tract distribué lundi.</p>"
        "<p>« La piscine restera ouverte tout l'été », a assuré Paul Kerjean, qui rappelle que les travaux "
        "de rénovation ne commenceront qu'en septembre, après la saison touristique.</p>"
        "</article></body></html>"
    ),
}


@pytest.mark.skipif(installed_model("fr") is None, reason="the French model package is not installed")
def test_lemma_search_and_annotations(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, html in PAGES.items():
        (folder / name).write_text(html, encoding="utf-8")
    db = tmp_path / "nlp.db"
    report = ingest([str(folder)], db, analyze=True)
    assert report.tally.new == 2 and not report.tally.failed
    with Store.open(db, readonly=True) as store:
        assert store.search("démenti", lemmas=False) == []  # the typed form is in neither text
        hits = store.search("démenti")
        assert len(hits) == 2
        marked = {s.text[a:b].lower() for h in hits for s in h.snippets for a, b in s.highlights}
        assert {"démentent", "dément"} <= marked
        record = store.record(hits[0].id)
        assert record is not None and any(step.startswith("nlp@") for step in record["steps"])
        quotes = store.quotes()
        if quotes:  # the quotes step is present: its rows carry the producing step version
            assert all(q["step"] and "@" in q["step"] for q in quotes)
