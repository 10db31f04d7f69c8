"""HTML extraction on our own fictional pages: body blocks, title, bylines, dates,
caption/credit, section, kicker, and bad input (hostile, truncated, no article)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES
from dateline import lang
from dateline.article import Article
from dateline.errors import Code
from dateline.extract import dates, html
from dateline.extract.bylines import Bylines, Separators, clean_title, outlet_keys
from dateline.extract.figures import split_credit
from dateline.extract.pagedates import DateWords, to_iso

PACKS = tuple(lang.load(code) for code in ("en", "fr"))


def extract(page: str, url: str | None = None) -> Article:
    article = Article(html=page, url=url)
    html.extract(article)
    return article


@pytest.fixture(scope="module")
def french() -> Article:
    return extract((EXAMPLES / "article-fr-crues.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def english() -> Article:
    return extract((EXAMPLES / "article-en-harbour.html").read_text(encoding="utf-8"))


def block_texts(article: Article, kind: str) -> list[str]:
    return [article.span(b.start, b.end) for b in article.blocks if b.kind == kind]


def test_french_page_metadata(french: Article) -> None:
    assert french.title == "Crues de la Vézère : à Montignac, les habitants face à la montée des eaux"
    assert french.authors == ["Claire Fontanel", "Julien Maréchal"]
    assert french.section == "Dordogne"
    assert french.kicker == "INTEMPÉRIES"
    assert french.standfirst is not None and french.standfirst.startswith("La rivière a dépassé")
    assert french.page_dates.published == "2024-01-15T07:42:00+01:00"
    assert french.page_dates.modified == "2024-01-15T18:05:00+01:00"
    assert french.stated_date == "2024-01-15T07:42:00+01:00"
    assert len(french.media) == 1
    assert french.media[0].caption == "La place du marché de Montignac sous l'eau, lundi 15 janvier au matin."
    assert french.media[0].credit == "Pierre Lacoste / Gazette du Périgord"


def test_french_page_body(french: Article) -> None:
    assert block_texts(french, "heading") == ["Deux centres d'accueil ouverts"]
    quotes = block_texts(french, "quote_block")
    assert len(quotes) == 1 and quotes[0].startswith("« Nous avons des lits")
    assert french.text.startswith("Les cloches de l'église Saint-Pierre")
    assert french.text.count("\n\n") == len(french.blocks) - 1
    for boilerplate in ("Partager sur Facebook", "Copier le lien", "Pluies : Sarlat sous surveillance"):
        assert boilerplate not in french.text
        assert boilerplate in french.removed
    assert "dataLayer" not in french.text and "tracking" not in french.text
    assert french.title not in french.text  # the title is not repeated as a paragraph
    assert not french.problems


def test_english_page(english: Article) -> None:
    assert english.title == "Harbour dredging plan approved after two-year dispute"
    assert english.authors == ["Helen Carver", "Tom Ashby"]  # "Staff Writers" is a role
    assert english.section == "Local News"  # from the JSON-LD breadcrumbs
    assert english.media[0].caption == "Fishing boats moored by the north breakwater on Tuesday."
    assert english.media[0].credit == "Dana Whitfield / Coastal Ledger"
    assert english.stated_date == "2023-03-08T16:20:00-05:00"
    assert block_texts(english, "heading") == ["What happens next"]
    (items,) = block_texts(english, "list")
    assert items.split("\n") == [
        "September: dredging of the commercial basin begins",
        "December: first survey of the shellfish beds",
    ]
    assert "Share Tweet Email" in english.removed and "Share" not in english.text.split()
    assert not english.text.startswith("Harbour dredging")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Crues de la Vézère : la décrue attendue | La Gazette du Périgord", "Crues de la Vézère : la décrue attendue"),
        ("La Gazette du Périgord - Crues : la décrue attendue", "Crues : la décrue attendue"),
        ("Pourquoi le Tour passe par Sarlat | Sport | Gazette", "Pourquoi le Tour passe par Sarlat"),
        ("Vingt-deux ans plus tard - le retour", "Vingt-deux ans plus tard - le retour"),  # not a site
        ("Harbour plan approved – The Coastal Ledger", "Harbour plan approved"),
    ],
)
def test_titles_lose_the_site_name(raw: str, expected: str) -> None:
    outlets = outlet_keys(["La Gazette du Périgord", "The Coastal Ledger"], "https://www.gazette.example/a/1")
    assert clean_title(raw, outlets, Separators.of(PACKS)) == expected


@pytest.mark.parametrize(
    ("raw", "outlet", "expected"),
    [
        ("Par Jean Dupont et Marie Martin", None, ["Jean Dupont", "Marie Martin"]),
        ("Jean Dupont, envoyé spécial à Kiev", None, ["Jean Dupont"]),
        ("Propos recueillis par Léa Roux", None, ["Léa Roux"]),
        ("Le Monde", "Le Monde", []),  # the outlet itself signs nothing
        ("AFP", "AFP", []),
        ("Jean Dupont avec AFP", "La Gazette du Périgord", ["Jean Dupont", "AFP"]),  # wire copy stays visible
        ("By Helen Carver and Tom Ashby, Staff Writers", None, ["Helen Carver", "Tom Ashby"]),
        ("jean.dupont@example.org", None, []),
        ("Helen Carver; Helen Carver", None, ["Helen Carver"]),
        ("View all posts by Daniel Lemire", None, ["Daniel Lemire"]),
        ("Auteur : Anna Kubišta", None, ["Anna Kubišta"]),
        ("Kossivi Tiassou (www.dw.com", None, ["Kossivi Tiassou"]),
        ("Grant Tinsley, PhD", None, ["Grant Tinsley"]),
        ("By", None, []),
        ("Guardian staff reporter", "The Guardian", []),
        ("Tom Cary, Sports Correspondent", None, ["Tom Cary"]),
        ("The Coastal Ledger https://coastal.example/staff", "The Coastal Ledger", []),
    ],
)
def test_bylines(raw: str, outlet: str | None, expected: list[str]) -> None:
    outlets = outlet_keys([outlet], None)
    assert Bylines.of(PACKS).names(raw, outlets) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Publié le 1er août 2019", "2019-08-01"),
        ("Mis en ligne le 12 févr. 2020 à 14h30", "2020-02-12T14:30:00"),
        ("le samedi 3 décembre 2022", "2022-12-03"),
        ("Posted March 3rd, 2021 at 9:05", "2021-03-03T09:05:00"),
        ("06/01/2020", "2020-01-06"),
        ("le 31 février 2020", None),
        ("aucune date ici", None),
    ],
)
def test_dates_in_words(text: str, expected: str | None) -> None:
    assert DateWords.of(PACKS).find(text) == expected


def test_date_forms() -> None:
    assert to_iso("2020-01-06T10:00:00Z") == "2020-01-06T10:00:00+00:00"
    assert to_iso("Mon, 06 Jan 2020 10:00:00 +0100") == "2020-01-06T10:00:00+01:00"
    assert to_iso("2020-01-06") == "2020-01-06"
    assert to_iso("n/a") is None
    assert dates.url_date("https://x.example/2020/01/06/story") == "2020-01-06"


def test_french_date_line_when_the_page_has_no_metadata() -> None:
    page = """<html><head><title>Le marché couvert rouvre</title></head><body><article>
    <h1>Le marché couvert rouvre</h1><p class="date">Publié le 1er août 2019 à 9h15</p>
    <p>Après huit mois de travaux, le marché couvert de la place Carnot a rouvert ses portes jeudi matin.
    Les commerçants, installés pendant le chantier sous des barnums sur le parking voisin, ont retrouvé
    des étals neufs et une halle enfin isolée du froid.</p>
    <p>La municipalité a financé les deux tiers des travaux, le reste venant de la région. Les horaires
    restent inchangés : du mardi au dimanche, de 7 heures à 13 heures.</p></article></body></html>"""
    article = extract(page)
    assert article.stated_date is not None and article.stated_date.startswith("2019-08-01")
    assert article.text.startswith("Après huit mois")


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Un soldat à Bagdad. Photo : Jean Dupont / AFP", ("Un soldat à Bagdad.", "Jean Dupont / AFP")),
        ("Le port au petit matin. © Dana Whitfield", ("Le port au petit matin.", "Dana Whitfield")),
        ("Le port au petit matin.", ("Le port au petit matin.", None)),
        ("Le quai, lundi. Crédit photo : Dana Whitfield", ("Le quai, lundi.", "Dana Whitfield")),
    ],
)
def test_caption_and_credit(caption: str, expected: tuple[str, str | None]) -> None:
    cues = [c for p in PACKS for c in p.resource("boilerplate")["credit_cue"]]
    assert split_credit(caption, cues) == expected


HOSTILE = """<html><head><title>Alerte<script>alert('title')</script></title>
<script>document.write('INJECTED-HEAD')</script><style>body{color:red} .x:after{content:'STYLE-TEXT'}</style>
</head><body onload="alert('body')"><article><h1>Réunion du conseil municipal</h1>
<img src="x" onerror="alert('INJECTED-ONERROR')">
<figure><img src="y"><figcaption>La salle du conseil.<script>alert('INJECTED-CAPTION')</script></figcaption></figure>
<p>Le conseil municipal s'est réuni mardi soir pour voter le budget de l'année, adopté à l'unanimité
après trois heures de débat sur la rénovation de l'école et le prix de la cantine.
<script>steal('INJECTED-P')</script></p>
<p>Les élus ont aussi validé la création d'une piste cyclable entre le bourg et la gare, dont les
travaux commenceront au printemps.<noscript>INJECTED-NOSCRIPT</noscript></p>
<iframe src="javascript:alert('INJECTED-IFRAME')"></iframe></article></body></html>"""


def test_hostile_html_never_leaks_script_content() -> None:
    article = extract(HOSTILE)
    record = str(article.to_dict())
    assert "Le conseil municipal s'est réuni" in article.text
    for leak in ("INJECTED", "alert(", "steal(", "STYLE-TEXT", "document.write"):
        assert leak not in record
    assert article.media and article.media[0].caption == "La salle du conseil."


def test_truncated_html_is_read_with_a_problem() -> None:
    page = (EXAMPLES / "article-fr-crues.html").read_text(encoding="utf-8")
    cut = page[: page.index("Météo-France")]
    article = extract(cut)
    assert article.text.startswith("Les cloches de l'église")
    assert Code.TRUNCATED_HTML.value in {p.code for p in article.problems}


HOME_PAGE = """<html><head><title>La Gazette du Périgord</title><meta property="og:type" content="website">
</head><body><header><nav><a href="/">Accueil</a><a href="/sport">Sport</a></nav></header>
<div class="teasers"><h2><a href="/a">Crues : la Vézère en vigilance orange</a></h2>
<h2><a href="/b">Le marché couvert rouvre jeudi</a></h2><h2><a href="/c">Rugby : Périgueux s'impose</a></h2>
<p>Retrouvez toute l'actualité de la Dordogne.</p></div><footer>Mentions légales</footer></body></html>"""
NOT_FOUND = """<html><head><title>Page introuvable</title></head><body><h1>Erreur 404</h1>
<p>La page que vous cherchez n'existe pas ou a été déplacée.</p>
<p><a href="/">Retour à l'accueil</a></p></body></html>"""


@pytest.mark.parametrize(
    ("page", "url"), [(HOME_PAGE, None), (NOT_FOUND, None), (HOME_PAGE, "https://gazette.example/")]
)
def test_page_without_article(page: str, url: str | None) -> None:
    article = extract(page, url)
    assert article.text == ""
    assert Code.NO_ARTICLE.value in {p.code for p in article.problems}


@pytest.mark.parametrize("page", ["", "<", "<html>", "\x00\x01binary", "<html><body><p>Bonjour</p>"])
def test_degenerate_input_never_crashes(page: str) -> None:
    article = extract(page)
    assert isinstance(article.text, str)


def test_headline_and_byline_from_the_article_not_the_page_chrome() -> None:
    page = """<html><head><title>Le Journal du Lot - Le pont de Cahors rouvre après deux ans</title>
    <meta property="og:site_name" content="Le Journal du Lot"></head><body class="single comments-open">
    <header><h1 class="logo">Le Journal du Lot</h1></header>
    <article><h1>Le pont de Cahors rouvre après deux ans de travaux</h1>
    <p class="author">Par Sophie Delmas</p>
    <p>Le pont Valentré a rouvert samedi à la circulation piétonne après deux ans de travaux de consolidation.
    Les piles, fragilisées par les crues de 2021, ont été renforcées par des micropieux.</p>
    <p>La mairie prévoit une fête le 14 juillet pour célébrer la réouverture, avec un marché nocturne sur les
    quais du Lot.</p></article>
    <section class="comments"><div class="comment"><span class="comment-author">Marc Vidal</span>
    <p>Enfin !</p></div></section></body></html>"""
    article = extract(page)
    assert article.title == "Le pont de Cahors rouvre après deux ans de travaux"
    assert article.authors == ["Sophie Delmas"]
    assert "Par Sophie Delmas" in article.removed and "Sophie Delmas" not in article.text


def test_read_reports_a_page_without_article_once(tmp_path: Path) -> None:
    import dateline

    page = tmp_path / "404.html"
    page.write_text(NOT_FOUND, encoding="utf-8")
    article = dateline.read(page, analyze=False)
    assert article.text == ""
    assert [p.code for p in article.problems].count(Code.NO_ARTICLE.value) == 1


def test_time_element_without_datetime_is_read_in_words() -> None:
    page = """<html><head><title>Vendanges précoces</title></head><body><article><h1>Vendanges précoces en Gironde</h1>
    <time>12 févr. 2020</time><p>Les viticulteurs de l'Entre-deux-Mers ont commencé les vendanges avec deux semaines
    d'avance, après un été particulièrement sec et chaud sur l'ensemble du vignoble bordelais.</p>
    <p>Les rendements devraient être inférieurs de 15 % à ceux de l'an dernier selon la chambre d'agriculture.</p>
    </article></body></html>"""
    article = extract(page)
    assert article.page_dates.published == "2020-02-12"


def test_stated_date_alone_matches_the_full_reading(french: Article) -> None:
    page = (EXAMPLES / "article-fr-crues.html").read_text(encoding="utf-8")
    assert html.stated_date(page, None) == french.stated_date == "2024-01-15T07:42:00+01:00"


def test_comments_after_the_closing_tag_are_not_truncation() -> None:
    page = (EXAMPLES / "article-en-harbour.html").read_text(encoding="utf-8") + "\n<!-- Served from cache @ 2023 -->\n"
    assert Code.TRUNCATED_HTML.value not in {p.code for p in extract(page).problems}


def test_unclassed_date_line_that_says_published() -> None:
    words = DateWords.of(PACKS)
    assert words.find("Publié le 3 mars 2021") == "2021-03-03"
    page = """<html><body><article><h1>La médiathèque prolonge ses horaires</h1>
    <p>Publié le 3 mars 2021, mis à jour le 4 mars 2021</p>
    <p>La médiathèque municipale ouvrira désormais jusqu'à 20 heures le mardi et le jeudi, a annoncé la mairie,
    qui répond ainsi à une demande des étudiants du campus voisin.</p>
    <p>Deux agents supplémentaires seront recrutés pour assurer ces créneaux du soir.</p></article></body></html>"""
    article = extract(page)
    assert article.stated_date is not None and article.stated_date.startswith("2021-03-03")
    assert not article.text.startswith("Publié")


def test_read_also_link_inside_the_body_is_removed() -> None:
    paragraph = (
        "Les pompiers de la Vienne ont lutté toute la nuit contre un incendie qui a détruit un entrepôt "
        "de la zone artisanale de Chasseneuil, sans faire de blessé selon la préfecture."
    )
    page = (
        "<html><head><title>Incendie à Chasseneuil</title></head><body><article><h1>Incendie à Chasseneuil</h1>"
        f"<p>{paragraph}</p>"
        "<p>Lire aussi : « C'est un désastre » : les commerçants de la zone font leurs comptes</p>"
        f"<p>{paragraph.replace('la nuit', 'la matinée')}</p>"
        "</article></body></html>"
    )
    article = extract(page)
    assert "Chasseneuil" in article.text and "Lire aussi" not in article.text
    assert any(line.startswith("Lire aussi") for line in article.removed)
