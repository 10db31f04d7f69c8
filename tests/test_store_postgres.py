"""The PostgreSQL store against a real server: the SQLite store's behaviours (the shared tests
imported below run here with `new_store` opening a PostgreSQL store), plus what is the server's
own: schema migrations, errors, ingest and the command line and web app over a URL.

The server is named by DATELINE_TEST_POSTGRES (a postgresql:// URL of a user that may create
databases; .ci/run starts a throwaway cluster and sets it). Without it these tests skip, unless
CI is set: then they fail, so CI cannot pass without having run them. Each run creates its own
database (dropped at the end) and each test its own schema in it, so runs never collide.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from dateline.errors import Code, DatelineError
from dateline.ingest.batch import ingest
from dateline.serve.cli import main
from dateline.store import open_store
from dateline.store.pg_search import tsquery, tsvector
from dateline.store.query import parse
from dateline.store.writer import prepare
from test_ingest_sources import page
from test_store import (  # noqa: F401 - the shared tests, collected again here over PostgreSQL
    BODY_B,
    article,
    store,
    test_filters,
    test_hit_json,
    test_query_syntax,
    test_read_interface,
    test_same_article_twice_is_already,
    test_search_folds_accents_and_ranks_title,
    test_search_lemma_column_and_forms,
)
from test_store_dedup import test_duplicates_are_links_not_deletions  # noqa: F401
from test_store_export import test_cli_export, test_csv_tables, test_jsonl_round_trips_records, test_parquet  # noqa: F401

SERVER = os.environ.get("DATELINE_TEST_POSTGRES", "")


def _with(url: str, *, database: str | None = None, schema: str | None = None) -> str:
    parts = urlsplit(url)
    path = f"/{database}" if database else parts.path
    query = parts.query
    if schema:
        query = (query + "&" if query else "") + f"options=-csearch_path%3D{schema}"
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh database for this run, dropped at the end."""
    if not SERVER:
        message = "no PostgreSQL server: set DATELINE_TEST_POSTGRES=postgresql://… (.ci/run starts one)"
        if os.environ.get("CI"):
            pytest.fail("CI is set but " + message)
        pytest.skip(message)
    try:
        import psycopg
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but psycopg is not installed (the postgres extra)")
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    name = f"dateline_test_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _with(SERVER, database=name)
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def pg_url(pg_database: str) -> str:
    """The URL of an empty schema of its own in the run's database."""
    import psycopg

    schema = "t_" + secrets.token_hex(6)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return _with(pg_database, schema=schema)


@pytest.fixture()
def new_store(pg_url: str) -> Callable[[], Any]:
    return lambda: open_store(pg_url)


def test_migrations_are_recorded_once_and_newer_refused(pg_url: str) -> None:
    from dateline.store import pg_schema

    open_store(pg_url).close()
    with open_store(pg_url) as s:
        versions = [r[0] for r in s.conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
        assert versions == [m[0] for m in pg_schema.MIGRATIONS]
        s.conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', NULL)")
    with pytest.raises(DatelineError, match="newer dateline"):
        open_store(pg_url)


def test_readonly_open_of_an_empty_database(pg_url: str) -> None:
    with pytest.raises(DatelineError, match="no dateline store") as caught:
        open_store(pg_url, readonly=True)
    assert caught.value.code == Code.NOT_FOUND
    open_store(pg_url).close()
    with open_store(pg_url, readonly=True) as s, pytest.raises(DatelineError, match="read-only"):
        s.note("k", "skipped")


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(DatelineError, match="cannot reach the PostgreSQL server") as caught:
        open_store(f"postgresql://nobody:secret@/x?host={tmp_path}&port=1&connect_timeout=2")
    assert caught.value.code == Code.STORE and "secret" not in str(caught.value)


def test_missing_psycopg_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith(("psycopg.", "dateline.store.postgres"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # an import of it now fails
    with pytest.raises(DatelineError, match=r"pip install 'dateline\[postgres\]'"):
        open_store("postgresql://localhost/news")


def test_a_batch_is_all_or_nothing(pg_url: str) -> None:
    s = open_store(pg_url)
    s.add(prepare(article(BODY_B, "https://x.example/a"), "k1"))
    assert s.pending() == 1
    s.rollback()  # a kill before commit: the batch is gone, and the rerun redoes it
    assert s.seen("k1") is None and s.stats()["articles"] == 0
    assert s.add(prepare(article(BODY_B, "https://x.example/a"), "k1")).outcome == "new"
    s.commit()
    s.close()
    with open_store(pg_url, readonly=True) as again:
        assert again.seen("k1") == "new" and again.stats()["articles"] == 1


def test_ingest_is_idempotent_and_the_cli_reads_the_url(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(4):
        (pages / f"p{n}.html").write_text(page(n), encoding="utf-8")
    first = ingest([str(pages)], pg_url, analyze=False).tally
    assert first.new == 4 and not first.failed
    second = ingest([str(pages)], pg_url, analyze=False).tally
    assert second.new == 0 and second.already == 4
    with open_store(pg_url, readonly=True) as s:
        title = s.search("", lemmas=False)[0].title
        word = sorted(title.split(), key=len)[-1]
    assert main(["search", word, "--db", pg_url, "--no-lemmas", "--json"]) == 0
    assert title in capsys.readouterr().out
    assert main(["show", "--db", pg_url, "--json"]) == 0
    assert '"articles": 4' in capsys.readouterr().out
    out = tmp_path / "all.jsonl"
    assert main(["export", "--db", pg_url, "--output", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_web_api_over_postgres(store: Any) -> None:  # noqa: F811
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from dateline.serve.web.app import create_app

    store.close()
    client = TestClient(create_app(store.path, warm=False))
    hits = client.get("/api/search", params={"q": "dément*"}).json()
    assert hits["total"] == 2
    facets = client.get("/api/search/facets", params={"q": "dément*"}).json()
    assert {f["name"] for f in facets["people"]} == {"Camille Verdier"}
    timeline = client.get("/api/search/timeline", params={"q": "dément*"}).json()
    assert sum(row["articles"] for row in timeline["rows"]) == 2
    person = client.get("/api/entity", params={"name": "camille verdier"}).json()
    assert person["name"] == "Camille Verdier" and len(person["quotes"]) == 1
    sources = client.get("/api/sources").json()["sources"]
    assert {s["source"]: s["date_alerts"] for s in sources}["lequotidien.example"] == 1
    assert client.get("/api/alerts").json()["total"] == 1


def test_tsvector_and_tsquery_literals() -> None:
    vector = tsvector("Le Démenti", "L'âge légal", "dementir age")
    assert "'dementi':2A" in vector and "'age':5B" in vector and "'dementir':" in vector
    assert "'legal':6B" in vector  # the body starts after a gap: no phrase spans title and body
    assert (
        tsquery(parse('"âge légal" dément* -grève')) == "(('age':AB <-> 'legal':AB)) & ('dement':*AB) & !('greve':AB)"
    )
    assert tsquery(parse("a OR b", lambda w: {"x"})) == "(('a':AB | 'a':C | 'x':C) | ('b':AB | 'b':C | 'x':C))"
    assert tsvector("", "l'eau d\\x", "") == "'l':2B 'eau':3B 'd':4B 'x':5B"
