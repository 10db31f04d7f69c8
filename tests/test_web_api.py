"""The web app's JSON API: search, article, entity, quotes, claims, alerts, sources, exports,
parameter validation (bad input is a 400 with a message, never a 500), security headers and the
token-guarded write. The store is built by hand from fictional articles (fast, no model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from dateline.article import (
    Article,
    Block,
    Claim,
    Cue,
    DateCheck,
    Entity,
    Evidence,
    Holder,
    Mention,
    Quote,
    Source,
    Speaker,
    Timex,
)
from dateline.serve.web.app import create_app
from dateline.store.sqlite import Store, prepare

TEXT_A = (
    "Ce lundi 6 janvier, la ministre Camille Verdier a démenti tout recul sur la réforme des retraites. "
    "« Il n'y aura aucune pause », a déclaré Camille Verdier devant la presse à Lyon.\n\n"
    "Le syndicat Force Ouvrière accuse le gouvernement de préparer les esprits à une concession."
)
TEXT_B = (
    "La grève des contrôleurs perturbe le trafic régional. « Nous irons jusqu'au bout », a prévenu "
    "Camille Verdier, qui dément toute négociation secrète."
)
# A page that tried to inject markup: every string below must come out as text.
HOSTILE_TEXT = (
    "Avant <script>alert('x')</script> puis <img src=x onerror=alert(1)> et "
    '<a href="javascript:alert(2)">lien</a> dans les retraites.'
)
HOSTILE_TITLE = "<script>alert(1)</script>Retraites piégées"


def _article(text: str, url: str, title: str, date: str, **kw: Any) -> Article:
    a = Article(text=text, url=url, language="fr", title=title, stated_date=date, source=Source(kind="html"), **kw)
    a.steps = ["extract@1"]
    a.assign_id()
    return a


def build_store(path: Path) -> dict[str, str]:
    """Three fictional articles (one with a date alert and full annotations, one hostile)."""
    store = Store.open(path)
    a = _article(
        TEXT_A, "https://www.lequotidien.example/2025/01/02/retraites", "Retraites : pas de recul", "2025-01-02"
    )
    name_at = TEXT_A.index("Camille Verdier")
    name2 = TEXT_A.index("Camille Verdier", name_at + 1)
    q_start = TEXT_A.index("« Il")
    q_end = TEXT_A.index("»", q_start) + 1
    cue = TEXT_A.index("a déclaré")
    a.blocks = [Block("paragraph", 0, TEXT_A.index("\n\n")), Block("paragraph", TEXT_A.index("\n\n") + 2, len(TEXT_A))]
    a.entities = [
        Entity("e1", "PER", "Camille Verdier", ["ministre"], [Mention(name_at, name_at + 15, "Camille Verdier"),
                                                             Mention(name2, name2 + 15, "Camille Verdier")]),
        Entity("e2", "LOC", "Lyon", [], [Mention(TEXT_A.index("Lyon"), TEXT_A.index("Lyon") + 4, "Lyon")]),
        Entity("e3", "ORG", "Force Ouvrière", [],
               [Mention(TEXT_A.index("Force"), TEXT_A.index("Force") + 14, "Force Ouvrière")]),
    ]  # fmt: skip
    a.quotes = [
        Quote("direct", q_start, q_end, TEXT_A[q_start:q_end], Speaker("e1", "Camille Verdier"),
              Cue(cue, cue + 9, "a déclaré"), "2020-01-06"),
    ]  # fmt: skip
    deny = TEXT_A.index("a démenti")
    claim_start = TEXT_A.index("tout recul")
    claim_end = TEXT_A.index(" des retraites")
    a.claims = [
        Claim("deny", TEXT_A[claim_start:claim_end], claim_start, claim_end, Holder("e1", "Camille Verdier"),
              Cue(deny, deny + 9, "a démenti")),
    ]  # fmt: skip
    a.timexes = [Timex("DATE", "2020-01-06", 0, 18, "Ce lundi 6 janvier", anchor="2025-01-02")]
    a.date_check = DateCheck(
        stated="2025-01-02",
        estimated="2020-01-06",
        interval=["2020-01-06", "2020-01-06"],
        verdict="inconsistent",
        confidence=0.91,
        evidence=[Evidence("weekday_match", "'lundi 6 janvier' is a Monday in 2020, not in 2025", 3, 18)],
    )
    a.removed = ["Partager", "Aller au contenu"]
    a.steps += ["entities@1", "quotes@1", "claims@1", "timex@1", "date_check@1"]
    producers = {k: f"{k}@1" for k in ("entities", "quotes", "claims", "timexes", "date_check")}
    store.add(prepare(a, "k1", producers))
    b = _article(TEXT_B, "https://infos-regions.example/greve", "Grève des contrôleurs", "2024-03-14")
    b_at = TEXT_B.index("Camille Verdier")
    b.entities = [Entity("e1", "PER", "Camille Verdier", [], [Mention(b_at, b_at + 15, "Camille Verdier")])]
    bq = TEXT_B.index("«")
    b.quotes = [
        Quote("direct", bq, TEXT_B.index("»") + 1, TEXT_B[bq : TEXT_B.index("»") + 1], Speaker("e1", "Camille Verdier"))
    ]
    b.date_check = DateCheck(stated="2024-03-14", estimated="2024-03-14", verdict="consistent", confidence=0.7)
    store.add(prepare(b, "k2", {"entities": "entities@1", "quotes": "quotes@1", "date_check": "date_check@1"}))
    h = _article(HOSTILE_TEXT, "javascript:alert(3)", HOSTILE_TITLE, "2023-05-01", authors=['"><svg onload=alert(4)>'])
    hs = HOSTILE_TEXT.index("<img")
    h.entities = [
        Entity("e1", "PER", "<b onmouseover=alert(5)>X</b>", [], [Mention(hs, hs + 10, HOSTILE_TEXT[hs : hs + 10])])
    ]
    store.add(prepare(h, "k3", {"entities": "entities@1"}))
    store.commit()
    store.close()
    return {"alert": str(a.id), "strike": str(b.id), "hostile": str(h.id)}


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, dict[str, str]]:
    db = tmp_path_factory.mktemp("web") / "news.db"
    ids = build_store(db)
    return TestClient(create_app(db, warm=False), raise_server_exceptions=False), ids


def test_search_json_has_hits_with_highlighted_snippets(web: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = web
    r = client.get("/api/search", params={"q": "retraites"})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 2
    assert {h["id"] for h in data["hits"]} == {ids["alert"], ids["hostile"]}
    snippet = next(h for h in data["hits"] if h["id"] == ids["alert"])["snippets"][0]
    start, end = snippet["highlights"][0]
    assert snippet["text"][start:end].lower() == "retraites"


def test_search_filters_and_phrases(web: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = web
    assert client.get("/api/search", params={"q": '"aucune pause"'}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "retraites", "verdict": "inconsistent"}).json()["total"] == 1
    by_source = client.get("/api/search", params={"source": "infos-regions.example"}).json()
    assert [h["id"] for h in by_source["hits"]] == [ids["strike"]]
    by_speaker = client.get("/api/search", params={"speaker": "camille verdier"}).json()
    assert by_speaker["total"] == 2
    dated = client.get("/api/search", params={"from": "2024", "to": "2024-12"}).json()
    assert [h["id"] for h in dated["hits"]] == [ids["strike"]]
    written = client.get("/api/search", params={"est_from": "2020-01", "est_to": "2020-01"}).json()
    assert [h["id"] for h in written["hits"]] == [ids["alert"]]
    assert client.get("/api/search", params={"q": "retraites -pause"}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "grève OR pause"}).json()["total"] == 2


def test_facets_and_timeline(web: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = web
    facets = client.get("/api/search/facets", params={"q": "Verdier"}).json()
    assert facets["people"][0] == {"name": "Camille Verdier", "articles": 2}
    assert {s["name"] for s in facets["sources"]} == {"lequotidien.example", "infos-regions.example"}
    assert facets["places"] == [{"name": "Lyon", "articles": 1}]
    timeline = client.get("/api/search/timeline", params={"q": "Verdier"}).json()
    rows = {r["period"]: r for r in timeline["rows"]}
    assert timeline["period"] == "month"
    assert rows["2024-03"]["articles"] == 1 and rows["2024-03"]["share"] == 1.0
    assert rows["2023-05"]["articles"] == 0 and rows["2023-05"]["all"] == 1
    assert rows["2024-01"]["all"] == 0  # gaps are filled so the x axis is time


def test_article_entity_quotes_claims_alerts_sources(web: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = web
    art = client.get(f"/api/article/{ids['alert'][:10]}").json()
    assert art["record"]["id"] == ids["alert"]
    assert art["date_line"].startswith("Stated 2 Jan 2025 — the text was written on 6 Jan 2020")
    person = client.get("/api/entity", params={"name": "camille verdier"}).json()
    assert person["name"] == "Camille Verdier" and person["articles_count"] == 2
    assert person["roles"] == [{"role": "ministre", "articles": 1}]
    assert [q["said_on"] or q["stated_date"] for q in person["quotes"]] == ["2024-03-14", "2020-01-06"]
    assert person["claims"][0]["stance"] == "deny"
    assert len(client.get("/api/quotes", params={"speaker": "Verdier"}).json()["quotes"]) == 2
    assert client.get("/api/claims", params={"stance": "deny"}).json()["claims"][0]["holder"] == "Camille Verdier"
    alerts = client.get("/api/alerts").json()
    assert alerts["total"] == 1 and alerts["alerts"][0]["article"] == ids["alert"]
    sources = {s["source"]: s for s in client.get("/api/sources").json()["sources"]}
    assert sources["lequotidien.example"]["alert_share"] == 1.0
    assert sources["infos-regions.example"]["alert_share"] == 0.0
    assert client.get("/api/article/000000000000").status_code == 404
    assert client.get("/api/entity", params={"name": "Nobody Here"}).status_code == 404


def test_exports_are_valid_csv_and_json(web: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = web
    r = client.get("/api/search", params={"q": "retraites", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    assert {row["id"] for row in rows} == {ids["alert"], ids["hostile"]}
    hostile = next(row for row in rows if row["id"] == ids["hostile"])
    assert hostile["title"] == HOSTILE_TITLE
    for url in ("/api/alerts", "/api/sources", "/api/quotes", "/api/claims", "/api/entities"):
        for fmt in ("csv", "json"):
            got = client.get(url, params={"format": fmt})
            assert got.status_code == 200, (url, fmt, got.text)
            if fmt == "json":
                assert isinstance(json.loads(got.text), list)
            else:
                assert next(iter(csv.reader(io.StringIO(got.text.lstrip("\ufeff")))))
    quotes = client.get("/api/entity", params={"name": "Camille Verdier", "list": "quotes", "format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(quotes.text.lstrip("\ufeff"))))) == 2


def test_csv_cells_never_start_a_formula() -> None:
    from dateline.serve.web.export import to_csv

    text = to_csv([{"title": '=HYPERLINK("http://x")', "n": -3, "note": "@SUM(A1)"}])
    row = next(iter(csv.DictReader(io.StringIO(text))))
    assert row == {"title": '\'=HYPERLINK("http://x")', "n": "-3", "note": "'@SUM(A1)"}


BAD = [
    ("/api/search", {"q": '"unbalanced phrase'}, "quotation mark"),
    ("/api/search", {"q": "OR"}, "OR needs"),
    ("/api/search", {"q": "retraites OR"}, "OR needs"),
    ("/api/search", {"q": "OR OR grève"}, "OR needs"),
    ("/api/search", {"q": "-"}, "no letters"),
    ("/api/search", {"q": "*"}, "no letters"),
    ("/api/search", {"q": "-retraites"}, "only excludes"),
    ("/api/search", {"q": "x" * 600}, "at most"),
    ("/api/search", {"q": " ".join(["mot"] * 50)}, "terms"),
    ("/api/search", {"q": "a\x00b"}, "control"),
    ("/api/search", {"limit": "99999999999999999999999"}, "limit"),
    ("/api/search", {"limit": "0"}, "limit"),
    ("/api/search", {"limit": "-5"}, "limit"),
    ("/api/search", {"offset": "1e9"}, "offset"),
    ("/api/search", {"offset": "10000000"}, "offset"),
    ("/api/search", {"from": "2024-13"}, "calendar"),
    ("/api/search", {"to": "2024-02-30"}, "calendar"),
    ("/api/search", {"from": "yesterday"}, "date"),
    ("/api/search", {"from": "0999"}, "range"),
    ("/api/search", {"from": "0000"}, "calendar"),
    ("/api/search", {"from": "2025", "to": "2024"}, "empty"),
    ("/api/search", {"est_from": "2024-1-1"}, "date"),
    ("/api/search", {"lang": "french"}, "lang"),
    ("/api/search", {"verdict": "maybe"}, "verdict"),
    ("/api/search", {"duplicates": "perhaps"}, "duplicates"),
    ("/api/search", {"format": "xml"}, "format"),
    ("/api/search", {"source": "s" * 300}, "at most"),
    ("/api/alerts", {"limit": "abc"}, "limit"),
    ("/api/claims", {"stance": "<script>"}, "stance"),
    ("/api/entities", {"label": "XYZ"}, "label"),
    ("/api/entity", {}, "name"),
    ("/api/entity", {"name": "Camille Verdier", "list": "x", "format": "csv"}, "list"),
    ("/api/article/abc", {}, "article id"),
    ("/api/article/" + "a" * 80, {}, "article id"),
    ("/api/article/'%20OR%201=1", {}, "article id"),
    ("/search", {"q": '"oops'}, "quotation mark"),
    ("/search", {"to": "2024-99"}, "calendar"),
    ("/search/facets", {"q": "OR"}, "OR needs"),
    ("/search/timeline", {"from": "20240"}, "date"),
    ("/entity", {}, "name"),
    ("/article/abc", {}, "article id"),
]


@pytest.mark.parametrize(("url", "params", "message"), BAD)
def test_bad_input_is_a_400_with_a_message(
    web: tuple[TestClient, dict[str, str]], url: str, params: dict[str, str], message: str
) -> None:
    client, _ = web
    r = client.get(url, params=params)
    assert r.status_code == 400, (url, params, r.status_code, r.text[:300])
    body = r.json()["error"] if url.startswith("/api/") else r.text
    assert message.lower() in body.lower()


def test_security_headers_and_no_inline_script(web: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = web
    for url in ("/search?q=retraites", f"/article/{ids['hostile']}", "/api/search", "/nope", "/search?q=%22"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/search?q=retraites").text
    assert '<script src="/static/htmx.min.js" defer></script>' in page
    assert page.count("<script") == 1  # the vendored htmx only; nothing inline
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/api/openapi.json").json()["paths"]["/api/search"]


def test_writes_are_off_without_a_token(web: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = web
    r = client.post("/api/ingest", json={"url": "https://example.org/"})
    assert r.status_code == 403 and "writes are off" in r.json()["error"]
    r = client.post("/ingest", data={"url": "https://example.org/", "token": "whatever"})
    assert r.status_code == 403


def test_writes_need_the_right_token(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    build_store(db)
    client = TestClient(create_app(db, token="s3cret-token-0123456789", warm=False), raise_server_exceptions=False)
    assert client.post("/api/ingest", json={"url": "https://example.org/"}).status_code == 403
    bad = client.post("/api/ingest", json={"url": "https://example.org/"}, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 403
    auth = {"Authorization": "Bearer s3cret-token-0123456789"}
    local = client.post("/api/ingest", json={"url": "file:///etc/passwd"}, headers=auth)
    assert local.status_code == 400 and "http" in local.json()["error"]
    assert client.post("/api/ingest", json={"url": "/etc/passwd"}, headers=auth).status_code == 400
    assert client.post("/api/ingest", json={}, headers=auth).status_code == 400


@pytest.mark.slow
def test_ingest_with_the_token_stores_the_page(tmp_path: Path) -> None:
    """A write end to end: the page is served on 127.0.0.1 (the app allows loopback here only
    because the test builds it with allow_private), fetched, analysed and stored."""
    import functools
    import http.server
    import threading

    fixtures = Path(__file__).parent / "fixtures" / "web"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(fixtures))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        db = tmp_path / "w.db"
        build_store(db)
        app = create_app(db, token="s3cret-token-0123456789", allow_private=True, warm=False)
        client = TestClient(app, raise_server_exceptions=False)
        url = f"http://127.0.0.1:{server.server_address[1]}/hostile-fr.html"
        r = client.post("/ingest", data={"url": url, "token": "s3cret-token-0123456789"})
        assert r.status_code == 200, r.text[:500]
        assert "1 new" in r.text
        hits = client.get("/api/search", params={"q": "Valbrune"}).json()["hits"]
        assert [h["url"] for h in hits] == [url]
    finally:
        server.shutdown()
