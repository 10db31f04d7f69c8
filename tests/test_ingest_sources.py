"""Ingest sources: folders, JSONL, URL lists, feeds and OPML (local server only), with bad input."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from dateline.ingest.batch import ingest
from dateline.ingest.sources import Item, Options, expand
from dateline.serve.cli import main
from dateline.store.sqlite import Store

TOWNS = ["Lyon", "Nantes", "Brest", "Rouen", "Dijon", "Tours", "Metz", "Nîmes"]


def page(n: int, *, town: str | None = None) -> str:
    """A fictional article, distinct per n (no near-duplicates between two n)."""
    town = town or TOWNS[n % len(TOWNS)]
    return (
        f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Article {n} à {town}</title>"
        f"<meta property='article:published_time' content='2024-03-{n % 27 + 1:02d}'></head><body><article>"
        f"<h1>Le conseil municipal de {town} vote le budget numéro {n}</h1>"
        f"<p>Le conseil municipal de {town} a voté jeudi soir le budget {n} de la commune, après un débat de "
        f"{n % 7 + 2} heures sur les transports, les écoles et la rénovation de la piscine du quartier {n}.</p>"
        f"<p>« Ce budget {n} protège les services publics », a déclaré l'adjointe aux finances, citée par "
        f"la presse locale. L'opposition a voté contre le texte numéro {n * 7} en dénonçant la hausse.</p>"
        "</article></body></html>"
    )


class _Site(BaseHTTPRequestHandler):
    feed_items = 5
    requests: ClassVar[list[tuple[str, str]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("If-None-Match") or ""))
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path.startswith(("/a/", "/private/")):
            n = int(self.path.rsplit("/", 1)[1])
            self._send(200, page(n).encode(), "text/html; charset=utf-8")
        elif self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            host = f"http://{self.headers['Host']}"
            items = "".join(
                f"<item><title>Article {n}</title><link>{host}/a/{n}</link></item>" for n in range(self.feed_items)
            )
            body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{items}</channel></rss>"
            self._send(200, body.encode(), "application/rss+xml", etag='"v1"')
        elif self.path == "/not-a-feed.xml":
            body = b"<html><head><link rel='alternate' type='application/rss+xml' href='/feed.xml'></head></html>"
            self._send(200, body, "text/html")
        else:
            self._send(404, b"<h1>404</h1>", "text/html")

    def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Site.requests.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


LOCAL = Options(allow_private=True, delay=0.0)


def test_folder_is_idempotent(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    for n in range(6):
        (pages / ("sub" if n % 2 else ".") / f"p{n}.html").write_text(page(n), encoding="utf-8")
    (pages / "notes.md").write_text("not a page")
    text = "Le maire de Brest a inauguré samedi la nouvelle médiathèque du centre-ville, ouverte dès lundi.\n"
    (pages / "scraped.txt").write_text(text * 3, encoding="utf-8")
    with gzip.open(pages / "p9.html.gz", "wt", encoding="utf-8") as handle:
        handle.write(page(9))
    db = tmp_path / "news.db"
    first = ingest([str(pages)], db, analyze=False).tally
    assert first.new == 8 and not first.failed
    assert dict(first.skipped) == {"not-a-page": 1}
    second = ingest([str(pages)], db, analyze=False).tally
    assert second.new == 0 and second.already == 8
    with Store.open(db, readonly=True) as store:
        assert store.stats()["articles"] == 8


def test_jsonl_records(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://x.example/1", "html": page(1), "date": "2020-01-06"}),
        json.dumps({"url": "https://x.example/2", "text": "Le préfet a annoncé mardi la fermeture du pont. " * 4}),
        "{not json",
        json.dumps({"url": "https://x.example/3"}),
        json.dumps([1, 2]),
        "",
    ]
    src = tmp_path / "scraped.jsonl"
    src.write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "j.db"
    tally = ingest([str(src)], db, analyze=False).tally
    assert tally.new == 2
    assert dict(tally.failed) == {"bad-jsonl-line": 3}
    with Store.open(db, readonly=True) as store:
        hit = store.search("", lemmas=False)
        dated = next(h for h in hit if h.url == "https://x.example/1")
        assert dated.stated_date is not None and dated.stated_date.startswith("2020-01-06")


def test_url_list_with_garbage_lines(tmp_path: Path, site: str) -> None:
    urls = tmp_path / "list.txt"
    urls.write_text(
        "# my list\n"
        f"{site}/a/1\n"
        "not a url at all\n"
        f"{site}/a/2\n"
        "ftp://files.example/x\n"
        "\x00\x01garbage\n"
        f"{site}/missing\n"
        f"{site}/private/3\n"
        f"{site}/a/1\n",
        encoding="utf-8",
    )
    db = tmp_path / "u.db"
    report = ingest([str(urls)], db, analyze=False, options=LOCAL)
    tally = report.tally
    assert tally.new == 2 and tally.already == 1
    assert tally.failed["bad-url-line"] == 3
    assert tally.failed["E206"] == 1  # the 404
    assert tally.failed["E203"] == 1  # robots.txt forbids /private/
    assert any(":3: not an http(s) URL" in m for m in report.errors)
    assert ("/private/3", "") not in _Site.requests  # never fetched
    again = ingest([str(urls)], db, analyze=False, options=LOCAL).tally
    assert again.new == 0


def test_feed_conditional_get(tmp_path: Path, site: str) -> None:
    db = tmp_path / "f.db"
    tally = ingest([f"{site}/feed.xml"], db, analyze=False, options=LOCAL).tally
    assert tally.new == 5
    tally = ingest([f"{site}/feed.xml"], db, analyze=False, options=LOCAL).tally
    assert tally.new == 0 and dict(tally.skipped) == {"feed-unchanged": 1}
    assert ("/feed.xml", '"v1"') in _Site.requests


def test_opml_list(tmp_path: Path, site: str) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f"<?xml version='1.0'?><opml version='2.0'><body><outline text='x' xmlUrl='{site}/feed.xml'/>"
        f"<outline text='bad' xmlUrl='{site}/not-a-feed.xml'/></body></opml>",
        encoding="utf-8",
    )
    report = ingest([str(opml)], tmp_path / "o.db", analyze=False, options=LOCAL)
    assert report.tally.new == 5
    assert any("is an HTML page, not an RSS/Atom feed" in e and "/feed.xml" in e for e in report.errors)


def test_html_page_given_as_feed(tmp_path: Path) -> None:
    fake = tmp_path / "news.rss"
    fake.write_text(page(1), encoding="utf-8")
    report = ingest([str(fake)], tmp_path / "h.db", analyze=False)
    assert report.tally.new == 0
    assert report.errors and "is an HTML page, not an RSS/Atom feed" in report.errors[0]


def _big_feed(path: Path, items: int) -> Path:
    entries = "".join(
        f"<item><title>Article {n}</title><link>https://big.example/a/{n}</link>"
        f"<content:encoded><![CDATA[<p>Le conseil de {TOWNS[n % 8]} a voté jeudi la motion {n} sur le budget "
        f"{n * 3} de la commune et la rénovation de la piscine {n * 5}, après un long débat.</p><p>« Cette "
        f"motion {n} est une bonne nouvelle pour les familles », a déclaré le maire, tandis que l'opposition "
        f"dénonçait une hausse de {n % 9 + 1} % des tarifs.</p>]]></content:encoded></item>"
        for n in range(items)
    )
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        f"<channel><title>Big</title>{entries}</channel></rss>",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_feed_of_ten_thousand_items_streams(tmp_path: Path) -> None:
    """All 10,000 entries become items, in order, without fetching anything."""
    feed = _big_feed(tmp_path / "big.xml", 10_000)
    entries = list(expand([str(feed)], lambda key: False, Options(feed_content=True), None))
    assert len(entries) == 10_000 and all(isinstance(e, Item) for e in entries)
    assert entries[-1].key == "https://big.example/a/9999"  # type: ignore[union-attr]


@pytest.mark.slow
def test_feed_of_two_thousand_items_ingested(tmp_path: Path) -> None:
    feed = _big_feed(tmp_path / "big.xml", 2_000)
    db = tmp_path / "big.db"
    tally = ingest([str(feed)], db, analyze=False, options=Options(feed_content=True)).tally
    assert tally.read == 2_000 and not tally.failed
    assert tally.new == 2_000
    with Store.open(db, readonly=True) as store:
        assert store.stats()["articles"] == 2_000
        assert store.search('"motion 1999"', lemmas=False)[0].url == "https://big.example/a/1999"


def test_cli_ingest_search_show_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"p{n}.html").write_text(page(n), encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(pages), "--db", db, "--no-nlp", "--quiet", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["new"] == 3 and "read 3: new 3" in out.err
    assert main(["search", "piscine", "--db", db, "--no-lemmas"]) == 0
    out = capsys.readouterr().out
    assert "3 article(s)" in out and "[[piscine]]" in out
    assert main(["search", "introuvable", "--db", db, "--no-lemmas"]) == 1
    capsys.readouterr()
    assert main(["search", "Nantes", "--db", db, "--json", "--no-lemmas"]) == 0
    hit = json.loads(capsys.readouterr().out.splitlines()[0])
    assert main(["show", hit["id"][:10], "--db", db]) == 0
    assert "Nantes" in capsys.readouterr().out
    assert main(["show", "--db", db]) == 0
    assert "3 articles" in capsys.readouterr().out
    assert main(["show", "0000000000", "--db", db]) == 1
    assert main(["search", "x", "--db", str(tmp_path / "none.db")]) == 1


def test_unreachable_site_says_so(tmp_path: Path) -> None:
    urls = tmp_path / "dead.urls"
    urls.write_text("http://127.0.0.1:9/a/1\n", encoding="utf-8")  # port 9 (discard): nothing listens
    report = ingest([str(urls)], tmp_path / "d.db", analyze=False, options=LOCAL)
    assert report.tally.failed["E203"] == 1
    assert "robots.txt cannot be read" in report.tally.messages[0]


def test_two_workers_store_the_same_articles(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(6):
        (pages / f"p{n}.html").write_text(page(n), encoding="utf-8")
    ids = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        assert ingest([str(pages)], db, workers=workers, analyze=False).tally.new == 6
        with Store.open(db, readonly=True) as store:
            ids.append(sorted(h.id for h in store.search("", lemmas=False)))
    assert ids[0] == ids[1]


def test_single_page_url(tmp_path: Path, site: str) -> None:
    db = tmp_path / "p.db"
    assert ingest([f"{site}/a/5"], db, analyze=False, options=LOCAL).tally.new == 1
    again = ingest([f"{site}/a/5", "ftp://x.example/y"], db, analyze=False, options=LOCAL)
    assert again.tally.already == 1 and again.tally.new == 0
    assert again.errors == ["ftp://x.example/y: only http and https URLs are read"]
