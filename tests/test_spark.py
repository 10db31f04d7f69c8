"""The same pipeline on Spark (local mode): WARC in, Parquet with the contract's columns out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import need_shared
from dateline.article import Article

pytest.importorskip("pyspark", reason="Spark is an optional extra: pip install 'dateline[spark]'")
pq = pytest.importorskip("pyarrow.parquet")


def test_schema_follows_the_article_dataclasses() -> None:
    from dateline.scale.spark import article_schema

    schema = article_schema()
    expected = ["schema"] + [f.name for f in dataclasses.fields(Article) if f.name not in Article._TRANSIENT]
    assert schema.fieldNames() == expected
    quotes = schema["quotes"].dataType.elementType
    assert quotes["speaker"].dataType.fieldNames() == ["entity", "name", "start", "end"]


@pytest.mark.slow
def test_warc_on_spark_gives_articles_and_reasons(tmp_path: Path) -> None:
    from dateline.ingest.sources import Item
    from dateline.ingest.warc import records
    from dateline.scale import pool
    from dateline.scale.spark import run
    from dateline.store.sqlite import Prepared

    warc = need_shared("benchmarks", "warc", "synthetic-fr-news.warc.gz")
    counts = run([str(warc)], str(tmp_path / "out"), analyze=False, master="local[1]")
    articles = pq.read_table(tmp_path / "out" / "articles").to_pylist()
    rejected = pq.read_table(tmp_path / "out" / "rejected").to_pylist()
    assert counts == {"articles": len(articles), "rejected": len(rejected)}
    # 10 responses: the 404 and the home page are rejected with their reason, 8 pages are articles.
    assert sorted(r["reason"] for r in rejected) == ["home-page", "http-status"]
    assert len(articles) == 8
    # Same pipeline as the local pool: identical records, field for field.
    pool.init(False)
    local = {}
    for entry in records(warc, lambda _k: False):
        if isinstance(entry, Item) and isinstance(result := pool.work(entry), Prepared):
            local[result.record["id"]] = result.record
    for record in articles:
        assert record["schema"] == "dateline.article/1"
        mine = local[record["id"]]
        for key in ("title", "text", "language", "stated_date", "authors", "url"):
            assert record[key] == mine[key], key
    assert all("\ufffd" not in a["text"] for a in articles)  # the ISO-8859-1 pages decoded right
