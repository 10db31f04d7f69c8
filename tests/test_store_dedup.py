"""Duplicates: canonical URLs, normalised text hashes, MinHash near-duplicates, kept as links;
and the synthetic French news WARC end to end (../shared/benchmarks/warc)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.article import Article, Source
from dateline.ingest.batch import ingest
from dateline.store import dedup
from dateline.store.search import Filters
from dateline.store.sqlite import Store, prepare
from test_store import new_store  # noqa: F401 - the fixture


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.site.example/a/b?utm_source=rss&utm_medium=x", "https://site.example/a/b"),
        ("http://site.example/amp/a/b", "https://site.example/a/b"),
        ("https://site.example/a/b/amp", "https://site.example/a/b"),
        ("https://site.example/a/b.amp.html", "https://site.example/a/b.html"),
        ("https://amp.site.example/a/b?amp=1", "https://site.example/a/b"),
        ("https://m.site.example/a/b/#comments", "https://site.example/a/b"),
        ("https://site.example/a?id=3&fbclid=zz&page=2", "https://site.example/a?id=3&page=2"),
        ("https://site.example/a?page=2&id=3", "https://site.example/a?id=3&page=2"),
        ("https://site.example:8080/a?xtor=RSS-1", "https://site.example:8080/a"),
        ("<https://site.example/a>", "https://site.example/a"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert dedup.canonical_url(url) == canonical


def test_canonical_url_keeps_distinct_pages_apart() -> None:
    assert dedup.canonical_url("https://site.example/a?id=3") != dedup.canonical_url("https://site.example/a?id=4")
    assert dedup.canonical_url("https://site.example/ampoule") == "https://site.example/ampoule"


def test_text_hash_ignores_case_accents_spacing() -> None:
    assert dedup.text_hash("Le  Gouvernement a DÉMENTI.\n") == dedup.text_hash("le gouvernement a démenti")
    assert dedup.text_hash("le gouvernement a démenti") != dedup.text_hash("le gouvernement a confirmé")


def _prose(seed: int, n: int = 180) -> str:
    rng = random.Random(seed)
    vocab = [f"mot{i}" for i in range(400)]
    return " ".join(rng.choice(vocab) for _ in range(n)) + "."


def test_minhash_similarity_tracks_jaccard() -> None:
    base = _prose(1)
    words = base.split()
    edited = " ".join(words[:170] + ["changé"] * 10)  # the last sentence rewritten
    other = _prose(2)
    assert dedup.similarity(dedup.signature(base), dedup.signature(edited)) >= dedup.NEAR_THRESHOLD
    assert dedup.similarity(dedup.signature(base), dedup.signature(other)) < 0.2


def _article(text: str, url: str) -> Article:
    a = Article(text=text, url=url, language="fr", source=Source(kind="html"))
    a.assign_id()
    return a


def test_duplicates_are_links_not_deletions(new_store: Callable[[], Store]) -> None:  # noqa: F811
    store = new_store()
    base = _prose(1)
    first = store.add(prepare(_article(base, "https://a.example/story"), "1"))
    amp = store.add(prepare(_article(base + " Extra.", "https://a.example/amp/story?utm_source=rss"), "2"))
    copy = store.add(prepare(_article(base.upper(), "https://b.example/copied"), "3"))
    words = base.split()
    near = store.add(prepare(_article(" ".join(words[:172] + ["autre"] * 8), "https://c.example/edited"), "4"))
    other = store.add(prepare(_article(_prose(2), "https://d.example/other"), "5"))
    store.commit()
    assert first.outcome == "new" and other.outcome == "new"
    assert (amp.outcome, amp.kind, amp.duplicate_of) == ("duplicate", "url", first.article)
    assert (copy.outcome, copy.kind, copy.duplicate_of) == ("duplicate", "exact", first.article)
    assert (near.outcome, near.kind, near.duplicate_of) == ("duplicate", "near", first.article)
    assert store.stats()["articles"] == 5  # nothing deleted
    links = store.duplicates(first.article)
    assert {link["kind"] for link in links} == {"url", "exact", "near"}
    assert len(store.search("", lemmas=False)) == 2  # duplicates hidden by default
    word = base.split()[0].strip(".")
    assert [h.id for h in store.search(word, lemmas=False)] == [first.article]
    with_copies = store.search(word, Filters(duplicates=True), lemmas=False)
    assert with_copies[0].id == first.article and len(with_copies) == 4
    assert {h.duplicate_of for h in with_copies[1:]} == {first.article}
    assert store.count(word, Filters(duplicates=True), lemmas=False) == 4


def test_synthetic_french_warc(tmp_path: Path) -> None:
    warc = need_shared("benchmarks", "warc", "synthetic-fr-news.warc.gz")
    db = tmp_path / "fr.db"
    report = ingest([str(warc)], db, analyze=False)
    tally = report.tally
    assert tally.new == 7 and dict(tally.duplicates) == {"url": 1}
    assert dict(tally.skipped) == {"http-status": 1, "home-page": 1}
    with Store.open(db, readonly=True) as store:
        hosts = {h.host for h in store.search("retraites", lemmas=False)}
        # the three same-story French articles (and the English one does not say "retraites")
        assert hosts == {"lequotidien.example", "lagazette-du-sud.example", "infos-regions.example"}
        amp = [h for h in store.search("", lemmas=False, filters=None) if "/amp/" in (h.url or "")]
        assert amp == []  # hidden as a duplicate ...
        every = store.search("", Filters(duplicates=True), lemmas=False)
        amp = [h for h in every if "/amp/" in (h.url or "")]
        assert len(amp) == 1 and amp[0].duplicate_of is not None  # ... but kept and linked
        urls = {h.url for h in every}
        assert "https://www.lequotidien.example/" not in urls
        assert not any("page-supprimee" in (u or "") for u in urls)
        # ISO-8859-1 pages decoded right: accents intact, no mojibake, no replacement character
        latin = store.search("", Filters(source="lagazette-du-sud.example"), lemmas=False)
        assert len(latin) == 2
        for hit in latin:
            record = store.record(hit.id)
            assert record is not None
            text = record["title"] + record["text"]
            assert "\ufffd" not in text and "Ã" not in text
        titles = {h.title for h in latin}
        assert "Âge de départ : l'exécutif réfute un « recul » sur les retraites" in titles
