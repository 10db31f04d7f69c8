"""The web app's HTML pages: what a journalist sees, with hostile page content kept inert, and
the pieces that build them (annotated article text, SVG charts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from dateline.serve.web.annotate import blocks
from dateline.serve.web.app import create_app
from dateline.serve.web.charts import bars, count
from test_web_api import HOSTILE_TITLE, build_store


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    db = tmp_path_factory.mktemp("pages") / "news.db"
    ids = build_store(db)
    return TestClient(create_app(db, warm=False), raise_server_exceptions=False), ids


def test_search_page_lists_hits_with_marks_and_export_links(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    page = client.get("/search", params={"q": "retraites", "lang": "fr"}).text
    assert "<strong>2</strong> articles for <q>retraites</q>" in page
    assert f'href="/article/{ids["alert"]}"' in page
    assert "<mark>retraites</mark>" in page
    assert "date alert: written 6 Jan 2020" in page
    assert 'href="/api/search?q=retraites&amp;lang=fr&amp;format=csv"' in page
    assert 'hx-get="/search/facets?q=retraites&amp;lang=fr"' in page
    assert '<option value="fr" selected>' in page


def test_htmx_request_gets_the_results_fragment_only(site: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = site
    part = client.get("/search", params={"q": "grève"}, headers={"HX-Request": "true"}).text
    assert "<html" not in part and "Grève des contrôleurs" in part


def test_facets_and_timeline_fragments(site: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = site
    facets = client.get("/search/facets", params={"q": "Verdier"}).text
    assert 'href="/search?q=Verdier&amp;entity=Camille+Verdier"' in facets
    assert 'href="/entity?name=Camille+Verdier"' in facets
    chart = client.get("/search/timeline", params={"q": "Verdier"}).text
    assert (
        chart.count("<svg") == 2 and "<title>2024-03: 1</title>" in chart and "<title>2024-03: 100 %</title>" in chart
    )


def test_article_page_explains_annotations(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    page = client.get(f"/article/{ids['alert']}").text
    assert "Stated 2 Jan 2025 — the text was written on 6 Jan 2020 (high confidence)" in page
    assert 'class="ann q spk-0" id="q-0" tabindex="0"' in page
    assert re.search(r'<b>Direct quote</b> · <a href="/entity\?name=Camille\+Verdier">Camille Verdier</a>', page)
    assert '<span class="ann c st-deny" id="c-0"' in page and "<b>Claim: deny</b>" in page
    assert "<b>DATE</b> → 2020-01-06" in page
    assert '<a class="ann e lbl-loc" href="/entity?name=Lyon">Lyon' in page
    assert 'href="#ev-0"' in page and 'id="ev-0"' in page
    assert "Removed from the page: 2 lines of boilerplate" in page
    assert 'href="https://www.lequotidien.example/2025/01/02/retraites"' in page


def test_hostile_page_renders_inert(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    for url in (f"/article/{ids['hostile']}", "/search?q=retraites", "/entities", "/search?q=piégées"):
        page = client.get(url).text
        assert page.count("<script") == 1, url  # only the vendored htmx tag
        assert "onerror=" not in page.replace("onerror=alert(1)&gt;", "")
        assert "<img" not in page and "<svg onload" not in page and "<b onmouseover" not in page
        assert 'href="javascript:' not in page
    page = client.get(f"/article/{ids['hostile']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Retraites piégées" in page
    assert "&lt;img src=x" in page and " onerror=alert(1)&gt;" in page  # a mention link splits it
    assert "Original page" not in page  # a javascript: URL is shown as text, never linked
    assert HOSTILE_TITLE not in page


def test_entity_alerts_sources_entities_pages(site: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = site
    person = client.get("/entity", params={"name": "Camille Verdier"}).text
    assert "<h1>Camille Verdier</h1>" in person and "ministre" in person
    assert "Il n&#39;y aura aucune pause" in person and f"/article/{ids['alert']}#q-0" in person
    assert "Claims held" in person and "<svg" in person
    alerts = client.get("/alerts").text
    assert "Retraites : pas de recul" in alerts and "high confidence (0.91)" in alerts
    assert "Monday in 2020" in alerts
    sources = client.get("/sources").text
    assert "lequotidien.example" in sources and "100 %" in sources and "Writing is off" in sources
    names = client.get("/entities", params={"label": "PER"}).text
    assert 'href="/entity?name=Camille+Verdier"' in names
    missing = client.get("/entity", params={"name": "Personne Inconnue"})
    assert missing.status_code == 404 and "Personne Inconnue" in missing.text
    assert client.get("/no-such-page").status_code == 404


def test_pages_keep_state_in_the_url(site: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = site
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/search"
    page = client.get("/search", params={"q": "Verdier", "limit": "1"}).text
    assert 'href="/search?q=Verdier&amp;offset=1"' in page  # next page keeps the query


def test_crossing_spans_are_clipped_to_nest() -> None:
    text = "Elle a dit « oui à tout » hier soir."
    record = {
        "text": text,
        "quotes": [{"kind": "direct", "start": 11, "end": 24, "text": text[11:24], "speaker": {"name": "Elle"}}],
        "claims": [{"stance": "confirm", "start": 13, "end": 35, "text": text[13:35]}],
        "timexes": [{"type": "TIME", "value": "2024-01-01TEV", "start": 25, "end": 35, "text": "hier soir"}],
        "entities": [{"id": "e1", "label": "PER", "name": "<Elle>", "mentions": [{"start": 0, "end": 4}]}],
    }
    ((kind, html),) = blocks(record)
    assert kind == "paragraph"
    visible = re.sub(r'<span class="tip"[^>]*>.*?</span>(?=</)', "", str(html))
    assert re.sub(r"<[^>]+>", "", visible).replace("&lt;", "<").replace("&gt;", ">") == text
    assert html.count("<span") == html.count("</span>")
    assert "/entity?name=%3CElle%3E" in html and "&lt;Elle&gt;" in html


def test_bars_chart() -> None:
    rows = [{"period": f"2024-{m:02d}", "articles": m} for m in range(1, 13)]
    svg = str(bars(rows, "articles", label="Per <month>", fmt=count, css="raw"))
    assert svg.startswith('<svg class="chart raw"') and svg.count("<rect") == 12
    assert "Per &lt;month&gt;" in svg and "<title>2024-12: 12</title>" in svg
    assert str(bars([], "articles", label="x", fmt=count, css="raw")) == ""


def test_serve_command_is_registered(tmp_path: Path) -> None:
    from dateline.serve.cli import build_parser
    from dateline.serve.cmd_serve import read_token

    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert args.host == "127.0.0.1" and args.port == 8000 and args.token_file is None
    token = tmp_path / "token"
    token.write_text("short\n")
    with pytest.raises(Exception, match="at least 16"):
        read_token(str(token))
    token.write_text("a-long-enough-secret-token\n")
    assert read_token(str(token)) == "a-long-enough-secret-token"
