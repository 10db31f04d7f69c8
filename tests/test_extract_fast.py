"""The fast HTML extractor (extract/fast.py, `--fast`): a realistic page, bad input, the flags."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES
from dateline import settings
from dateline.article import Article
from dateline.errors import Code
from dateline.extract import Extract, fast
from dateline.serve.cli import main

_BODY = [
    "Les eaux de la Loire ont commencé à baisser mardi matin à Saumur, après trois jours de crue "
    "qui ont contraint la préfecture à évacuer quarante-deux familles des quartiers bas.",
    "« Nous avons passé deux nuits au gymnase, mais tout le monde est sain et sauf », raconte "
    "Mireille Aubert, retraitée, devant sa maison dont le rez-de-chaussée a pris un mètre d'eau.",
    "Selon Météo-France, le niveau du fleuve devrait retrouver son lit d'ici la fin de la semaine, "
    "si les pluies annoncées sur le Massif central restent modérées.",
    "La mairie a ouvert une cellule d'aide aux sinistrés et promet un premier bilan des dégâts "
    "jeudi, une fois les experts des assurances passés dans les rues inondées.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Crue de la Loire : les eaux baissent à Saumur - L'Écho de Loire</title>
<meta property="og:title" content="Crue de la Loire : les eaux baissent à Saumur">
<meta property="og:type" content="article">
<meta property="og:site_name" content="L'Écho de Loire">
<link rel="canonical" href="https://echo-loire.example/2024/03/12/crue-saumur">
<script>window.dataLayer = [{{"page": "Menu Accueil Contact"}}];</script>
<style>.menu {{ color: red }}</style>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Crue de la Loire : les eaux baissent à Saumur",
  "datePublished": "2024-03-12T09:15:00+01:00",
  "author": {{"@type": "Person", "name": "Claire Fontaine"}}}}
</script>
</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/region">Région</a></li>
<li><a href="/sport">Sport</a></li></ul></nav><form><input name="q"><button>Rechercher</button></form></header>
<main><article>
<header><h1>Crue de la Loire : les eaux baissent à Saumur</h1>
<p class="byline">Par Claire Fontaine</p></header>
{"".join(f"<p>{p}</p>" for p in _BODY)}
<div style="display:none">Texte caché pour les robots d'indexation, jamais lu par personne.</div>
</article>
<aside><h2>À lire aussi</h2><ul><li><a href="/a">Inondations : la carte des communes touchées</a></li>
<li><a href="/b">Les assureurs face aux catastrophes naturelles</a></li></ul></aside>
</main>
<footer><p>© L'Écho de Loire 2024 — Mentions légales — Politique de confidentialité</p></footer>
<!-- served by cache -->
</body></html>"""


def fast_read(page: str, url: str | None = "https://echo-loire.example/2024/03/12/crue-saumur") -> Article:
    return Extract(fast=True, language=None)(Article(html=page, url=url))


def test_realistic_page_body_and_metadata_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import htmldate
    import trafilatura

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the fast path must not run trafilatura")

    searches: list[bool] = []
    original = htmldate.find_date

    def quick_only(*args: Any, **kwargs: Any) -> Any:
        searches.append(bool(kwargs.get("extensive_search")))
        return original(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", refuse)
    monkeypatch.setattr(htmldate, "find_date", quick_only)
    article = fast_read(PAGE)
    assert article.extraction == "html-fast"
    assert article.text.split("\n\n") == _BODY
    assert [b.kind for b in article.blocks] == ["paragraph"] * 4
    for line in ("Accueil", "Rechercher", "À lire aussi", "Mentions légales", "caché", "dataLayer"):
        assert line not in article.text
    assert article.title == "Crue de la Loire : les eaux baissent à Saumur"
    assert article.authors == ["Claire Fontaine"]
    assert article.stated_date is not None and article.stated_date.startswith("2024-03-12")
    assert article.language == "fr"
    assert not article.problems
    assert True not in searches  # htmldate, when asked at all, only for its quick search


def test_normal_mode_is_unchanged_and_says_so() -> None:
    article = Extract(fast=False)(Article(html=PAGE, url="https://echo-loire.example/2024/03/12/crue-saumur"))
    assert article.extraction == "html"
    assert _BODY[0] in article.text
    text = Extract(fast=True)(Article(raw_text="\n\n".join(_BODY)))
    assert text.extraction == "text"


def test_undated_page_takes_the_url_date_then_no_date() -> None:
    page = PAGE.replace('"datePublished": "2024-03-12T09:15:00+01:00",', "")
    dated = fast_read(page)
    assert dated.stated_date == "2024-03-12"  # from the URL path
    undated = fast_read(page, url="https://echo-loire.example/crue-saumur")
    assert undated.stated_date is None and undated.page_dates.url is None


def test_huge_page_is_bounded_and_says_so() -> None:
    rows = "".join(f"<tr><td><a href='/t/{i}'>Sujet {i}</a></td><td>réponse</td></tr>" for i in range(3000))
    page = PAGE.replace("</article>", f"</article><table>{rows}</table>")
    article = fast_read(page)
    assert article.text.split("\n\n") == _BODY  # the article comes before the cut
    messages = [p.message for p in article.problems if p.code == Code.TRUNCATED_HTML.value]
    assert any(f"first {fast.MAX_ELEMENTS:,} of" in m for m in messages), messages
    # Past MAX_HTML_CHARS the page is cut before parsing (at a tag start).
    filler = "<p>" + "x" * 1000 + "</p>"
    big = PAGE.replace("</article>", "</article>" + filler * (fast.MAX_HTML_CHARS // len(filler) + 10))
    article = fast_read(big)
    assert _BODY[0] in article.text
    assert any("characters of this page" in p.message for p in article.problems)


def test_lines_are_capped_for_text_too() -> None:
    lines = "\n".join(f"ligne numéro {i} d'un long fichier de texte" for i in range(fast.MAX_LINES + 500))
    article = Extract(fast=True)(Article(raw_text=lines))
    assert any(p.code == Code.TRUNCATED_HTML.value for p in article.problems)
    assert (article.raw_text or "").count("\n") == fast.MAX_LINES - 1


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n ",
        "<html></html>",
        "\x00\x00\x00",
        '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>Bonjour</p></body></html>',
        "<div>" * 20000 + "Texte au fond" + "</div>" * 20000,
        "<p>ouvert<div><span><p>jamais fermé <table><td>cellule",
        "<script>document.write('</div><p>faux paragraphe</p>')</script><p>Vrai texte court.</p>",
    ],
)
def test_bad_input_never_raises(page: str) -> None:
    article = fast_read(page, url=None)
    assert article.extraction == "html-fast"
    assert "faux paragraphe" not in article.text
    if not article.text.strip():
        assert any(p.code == Code.NO_ARTICLE.value for p in article.problems)


def test_page_lines_layout() -> None:
    tree = fast.parse("<html><head><title>T</title></head><body><p>a <b>b</b> c</p>d<br>e<ul><li>f</li></ul></body>")
    assert tree is not None
    assert fast.page_lines(tree) == ["T", "", "a b c", "", "d", "e", "", "f", ""]


def test_page_lines_skips_hidden_and_furniture_but_keeps_tails() -> None:
    html = (
        "<html><body><header>menu</header><article><header>Titre</header><p>un<span hidden>x</span> deux</p>"
        "<div style='display: none'>caché</div>après<footer>tags</footer></article><footer>pied</footer>"
        "<nav>nav</nav>fin</body></html>"
    )
    tree = fast.parse(html)
    assert tree is not None
    assert fast.page_lines(tree) == ["Titre", "", "un deux", "", "après", "tags", "fin"]
    # A tree that kept its comments (another parser): the text after a comment still counts.
    from lxml import etree

    kept = etree.fromstring("<html><body><p>a<!-- c -->b</p></body></html>", etree.HTMLParser())
    assert fast.page_lines(kept) == ["ab", ""]


def test_squashed_over_agrees_with_squash() -> None:
    from dateline.extract.bylines import squash, squashed_over

    texts = ["court", " \n " * 500 + "Publié le 2 mai 2024", "\u200b" * 900 + "x", "mot " * 300, "a" * 161, "a" * 160]
    for text in texts:
        assert squashed_over(text, 160) == (len(squash(text)) > 160), text[:20]


def test_setting_turns_fast_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "fast.toml"
    config.write_text("[extract]\nfast = true\n")
    monkeypatch.setenv("DATELINE_CONFIG", str(config))
    settings.load.cache_clear()
    try:
        assert Extract().fast is True
        assert Extract(fast=False).fast is False
    finally:
        monkeypatch.delenv("DATELINE_CONFIG")
        settings.load.cache_clear()
    assert Extract().fast is False


def test_cli_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = EXAMPLES / "article-fr-crues.html"
    assert main(["read", str(page), "--fast", "--no-nlp", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["extraction"] == "html-fast"
    assert record["text"]
    assert main(["read", str(page), "--no-nlp", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["extraction"] == "html"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "crue.html").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "fast.db"
    assert main(["ingest", str(pages), "--db", str(db), "--no-nlp", "--fast", "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT record FROM articles").fetchone()
    assert json.loads(stored)["extraction"] == "html-fast"
