"""The store: migrations, writes, search with filters and KWIC, the read interface."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from dateline.article import Article, DateCheck, Entity, Mention, Quote, Source, Speaker
from dateline.errors import DatelineError
from dateline.store import migrations
from dateline.store.search import Filters, kwic, parse_query
from dateline.store.sqlite import Store, prepare

BODY_A = (
    "Le gouvernement a démenti mardi toute volonté de recul sur l'âge légal de départ. "
    "« C'est faux », a déclaré la porte-parole Camille Verdier devant la presse réunie à Paris."
)
BODY_B = (
    "Les syndicats démentent à leur tour les rumeurs de grève dans les transports régionaux. "
    "La direction de la compagnie maintient son calendrier pour le printemps."
)
BODY_C = "The minister denied on Tuesday any change to the pension age, according to a statement."


def article(text: str, url: str, *, lang: str = "fr", date: str = "2024-03-12", title: str = "Titre") -> Article:
    a = Article(text=text, url=url, language=lang, title=title, stated_date=date, source=Source(kind="html"))
    a.steps = ["extract@1"]
    a.assign_id()
    return a


# `new_store` opens an empty store; tests/test_store_postgres.py overrides it to run the tests
# that use it (and `store`) against a PostgreSQL server.
@pytest.fixture()
def new_store(tmp_path: Path) -> Callable[[], Store]:
    return lambda: Store.open(tmp_path / "news.db")


@pytest.fixture()
def store(new_store: Callable[[], Store]) -> Store:
    s = new_store()
    a = article(BODY_A, "https://www.lequotidien.example/politique/2024/03/12/dementi", title="Le gouvernement dément")
    a.entities = [Entity(id="e1", label="PER", name="Camille Verdier", mentions=[Mention(130, 145, "Camille Verdier")])]
    start = BODY_A.index("« C'est")
    a.quotes = [Quote(kind="direct", start=start, end=start + 14, text="« C'est faux »",
                      speaker=Speaker(entity="e1", name="Camille Verdier"))]  # fmt: skip
    a.date_check = DateCheck(stated="2024-03-12", estimated="2020-01-06", verdict="inconsistent", confidence=0.9)
    a.steps += ["entities@2", "quotes@1", "date_check@1"]
    producers = {"entities": "entities@2", "quotes": "quotes@1", "date_check": "date_check@1"}
    s.add(prepare(a, "k1", producers))
    s.add(prepare(article(BODY_B, "https://infos-regions.example/greve", date="2023-11-02"), "k2"))
    s.add(prepare(article(BODY_C, "https://dailyledger.example/pensions", lang="en", title="Pensions"), "k3"))
    s.commit()
    return s


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store.open(db).close()
    Store.open(db).close()
    conn = sqlite3.connect(db)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m[0] for m in migrations.MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', NULL)")
    conn.commit()
    conn.close()
    with pytest.raises(DatelineError, match="newer dateline"):
        Store.open(db)


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatelineError, match="not a dateline store"):
        Store.open(bad)


def test_search_folds_accents_and_ranks_title(store: Store) -> None:
    hits = store.search("dementi", lemmas=False)
    assert [h.title for h in hits] == ["Le gouvernement dément"]
    snippet = hits[0].snippets[0]
    marked = [snippet.text[s:e] for s, e in snippet.highlights]
    assert marked == ["démenti"]
    assert hits[0].verdict == "inconsistent" and hits[0].estimated_date == "2020-01-06"


def test_search_lemma_column_and_forms(new_store: Callable[[], Store]) -> None:
    s = new_store()
    prepared = prepare(article(BODY_B, "https://x.example/a"), "k")
    prepared.lemmas = "le syndicat démentir à leur tour le rumeur"
    prepared.lemma_forms = {"dementir": ["dementent"], "syndicat": ["syndicats"]}  # folded, as lemma_index keeps them
    s.add(prepared)
    s.commit()
    assert s.search("démenti", lemmas=False) == []  # the surface form is not in the text
    s._lemmatizer = lambda w: {"démentir"} if w == "démenti" else set()  # a model's answer, without the model
    hits = s.search("démenti")
    assert len(hits) == 1
    text = hits[0].snippets[0].text
    assert [text[a:b] for a, b in hits[0].snippets[0].highlights] == ["démentent"]


def test_filters(store: Store) -> None:
    everything = {h.title for h in store.search("", lemmas=False)}
    assert len(everything) == 3
    assert len(store.search("", Filters(language="en"), lemmas=False)) == 1
    assert len(store.search("", Filters(date_from="2024"), lemmas=False)) == 2
    assert len(store.search("", Filters(date_to="2023-11"), lemmas=False)) == 1
    assert len(store.search("", Filters(estimated_to="2020"), lemmas=False)) == 1
    assert len(store.search("", Filters(source="lequotidien.example"), lemmas=False)) == 1
    assert len(store.search("", Filters(entity="camille verdier"), lemmas=False)) == 1
    assert len(store.search("", Filters(speaker="Camille Verdier"), lemmas=False)) == 1
    assert len(store.search("", Filters(verdict="inconsistent"), lemmas=False)) == 1
    assert store.count("", Filters(language="fr"), lemmas=False) == 2


def test_query_syntax(store: Store) -> None:
    assert len(store.search('"âge légal"', lemmas=False)) == 1
    assert store.search('"légal âge"', lemmas=False) == []
    assert len(store.search("dément*", lemmas=False)) == 2  # démenti, démentent
    assert len(store.search("dément* -syndicats", lemmas=False)) == 1
    assert len(store.search("pension OR grève", lemmas=False)) == 2
    assert len(store.search("l'âge", lemmas=False)) == 1
    # FTS5 syntax characters typed by a user are quoted, never an SQL/FTS error.
    for odd in ('"', "AND", "NEAR(", "*", "col:umn", "'; DROP TABLE articles; --", "^x"):
        store.search(odd, lemmas=False)
    assert parse_query("-x").match is None


def test_read_interface(store: Store) -> None:
    hit = store.search("grève", lemmas=False)[0]
    got = store.get(hit.id[:8])
    assert got is not None and got.text == BODY_B
    assert store.get("ffffffffff") is None
    quotes = store.quotes(speaker="verdier")
    assert quotes[0]["text"] == "« C'est faux »" and quotes[0]["step"] == "quotes@1"
    assert store.entities()[0]["name"] == "Camille Verdier"
    assert store.speakers() == [{"name": "Camille Verdier", "quotes": 1, "articles": 1}]
    alerts = store.date_alerts()
    assert alerts[0]["estimated"] == "2020-01-06" and alerts[0]["step"] == "date_check@1"
    sources = {row["source"]: row["articles"] for row in store.sources()}
    assert sources == {"lequotidien.example": 1, "infos-regions.example": 1, "dailyledger.example": 1}
    stats = store.stats()
    assert stats["articles"] == 3 and stats["quotes"] == 1 and stats["items"] == {"new": 3}
    record = store.record(hit.id)
    assert record is not None and record["schema"] == "dateline.article/1"


def test_same_article_twice_is_already(store: Store) -> None:
    again = prepare(article(BODY_C, "https://dailyledger.example/pensions", lang="en", title="Pensions"), "k9")
    assert store.add(again).outcome == "already"
    store.commit()
    assert store.stats()["articles"] == 3


def test_kwic_windows_and_offsets() -> None:
    text = "début " + "mot " * 40 + "Réforme au milieu " + "mot " * 40 + "et la réforme encore."
    snippets = kwic(text, ["reforme"], {})
    assert len(snippets) == 2
    for s in snippets:
        assert [s.text[a:b].lower() for a, b in s.highlights] == ["réforme"]
        assert len(s.text) < 200
    assert kwic("Rien ici.", ["absent"], {})[0].highlights == []


def test_readonly_open_of_missing_store(tmp_path: Path) -> None:
    with pytest.raises(DatelineError, match="no such store"):
        Store.open(tmp_path / "none.db", readonly=True)
    with pytest.raises(DatelineError, match="does its folder exist"):
        Store.open(tmp_path / "no" / "folder.db")


def test_hit_json(store: Store) -> None:
    data = store.search("gouvernement", lemmas=False)[0].to_dict()
    assert json.loads(json.dumps(data))["snippets"][0]["highlights"]


def test_filtered_listing_counts_from_an_index(tmp_path: Path) -> None:
    # A filter with no query counts canonical rows: the filter index must cover duplicate_of
    # (bench/web.py: ~300 ms on 100k articles when every matching row was read).
    Store.open(tmp_path / "plan.db").close()
    conn = sqlite3.connect(tmp_path / "plan.db")
    plan = " ".join(
        str(row[-1])
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM articles a WHERE a.language = ? AND a.duplicate_of IS NULL",
            ("fr",),
        )
    )
    conn.close()
    assert "COVERING INDEX" in plan
