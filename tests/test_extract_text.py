"""The scraped-text cleaner (extract/text.py): the seed page, our bundled examples, the
line-level rules, and bad input. Extraction only (analyze=False) to stay fast."""

from __future__ import annotations

import random

import pytest

import dateline
from conftest import EXAMPLES, need_shared
from dateline import lang
from dateline.article import Article
from dateline.errors import Code, DatelineError
from dateline.extract import text as cleaner
from dateline.extract.cues import compile_cues


def clean(raw: str, *codes: str) -> Article:
    """Run the cleaner alone with these language packs (all of them when none is given)."""
    article = Article(raw_text=raw)
    cleaner.extract(article, [lang.load(c) for c in (codes or tuple(lang.supported()))])
    return article


def block_texts(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


def assert_offsets_exact(article: Article) -> None:
    """Blocks tile `text` exactly: joined by blank lines, nothing else in between."""
    assert "\n\n".join(article.text[b.start : b.end] for b in article.blocks) == article.text


# --- the seed page ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    return dateline.read(need_shared("seed", "article-fr-pentagone.txt"), analyze=False)


def test_seed_head_fields(seed: Article) -> None:
    assert seed.language == "fr"
    assert seed.title == "Le chef du Pentagone dément le retrait des États-Unis en Irak"
    assert seed.standfirst is not None and seed.standfirst.startswith("Une lettre signée")
    assert seed.stated_date == "2025-01-02"
    assert seed.page_dates.dateline == "2025-01-02"
    assert seed.kicker == "ÉTATS-UNIS"
    assert seed.section == "Irak"


def test_seed_media(seed: Article) -> None:
    assert len(seed.media) == 1
    assert seed.media[0].credit == "Bryan Woolston / Reuters"
    assert seed.media[0].caption is not None and seed.media[0].caption.startswith("L’armée américaine annonce")


def test_seed_body(seed: Article, seed_text: str) -> None:
    blocks = block_texts(seed)
    assert ("heading", "La longue présence américaine en Irak") in blocks
    # The kicker is cut off the first paragraph, which starts at "Imbroglio".
    assert blocks[0] == ("paragraph", blocks[0][1])
    assert blocks[0][1].startswith("Imbroglio militaire. Ce lundi 6 janvier")
    assert "ÉTATS-UNIS" not in seed.text
    # Every body paragraph of the page is in the text, whole.
    lines = [ln.strip() for ln in seed_text.splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("ÉTATS-UNIS"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("À voir également"))
    body = [ln for ln in lines[start + 1 : end] if ln]
    assert len(body) == 9
    for line in body:
        assert line in seed.text
    assert len(seed.blocks) == 10  # the first paragraph, eight more, one heading
    assert_offsets_exact(seed)


def test_seed_removed(seed: Article) -> None:
    for line in ("Aller à…", "RSS Feed", "À voir également sur Le HuffPost:", "Partager", "Plus d’histoires deIrak"):
        assert line in seed.removed
        assert line not in seed.text
    # Lines read into fields are not "removed": they are kept, elsewhere.
    assert "2 janvier 2025" not in seed.removed
    assert "Bryan Woolston / Reuters" not in seed.removed


# --- bundled examples (fictional pages written for dateline) --------------------------------


def test_french_example() -> None:
    article = dateline.read(EXAMPLES / "article-fr-pont.txt", analyze=False)
    assert article.language == "fr"
    assert article.title == "Le pont de Saint-Aubin-sur-Lac fermé pour au moins six mois"
    assert article.authors == ["Claire Dumoulin", "Hugo Martel"]
    assert article.stated_date == "2024-03-14"
    assert article.kicker == "SAINT-AUBIN-SUR-LAC"
    assert article.section == "Isère"
    assert article.standfirst is not None and article.standfirst.startswith("Des fissures")
    assert article.media[0].credit == "Marc Lefranc / Hans Lucas"
    assert article.media[0].caption is not None and "construit en 1936" in article.media[0].caption
    blocks = block_texts(article)
    assert blocks[0][1].startswith("Coup dur pour les habitants")
    assert ("heading", "Un détour de vingt kilomètres") in blocks
    assert blocks[-1][1].startswith("Les piétons et les cyclistes")
    assert len(blocks) == 7
    for line in ("Partager sur Facebook", "À lire aussi", "Trois questions à une ingénieure des ouvrages d’art"):
        assert line in article.removed
        assert line not in article.text
    assert_offsets_exact(article)


def test_english_example() -> None:
    article = dateline.read(EXAMPLES / "article-en-port.txt", analyze=False)
    assert article.language == "en"
    assert article.title == "Port Ellery dockworkers walk out over automation plan"
    assert article.authors == ["Martin O'Reilly", "Dana Whitfield"]
    assert article.stated_date == "2024-03-03"
    assert article.kicker == "PORT ELLERY"
    assert article.standfirst is not None and article.standfirst.startswith("Crane operators")
    assert article.media[0].credit == "Photo: Jane Kestrel / Harbour Gazette"
    assert article.media[0].caption == "Workers gather at the north gate of Port Ellery on Sunday morning."
    blocks = block_texts(article)
    assert blocks[0][1].startswith("Hundreds of dockworkers walked off the job")
    assert ("heading", "What the union wants") in blocks
    assert blocks[-1][1] == "Talks are due to resume on Tuesday under the supervision of an independent mediator."
    # The comment thread after the article is not the article.
    assert "About time someone stood up" not in article.text
    assert "Kevin M. on March 3, 2024 at 9:12 pm said:" in article.removed
    for line in ("Share on Facebook", "Read more", "Fishing fleet reports record winter catch", "Most read"):
        assert line in article.removed
    assert_offsets_exact(article)


# --- line rules -----------------------------------------------------------------------------

PROSE_FR = (
    "Le conseil municipal a voté mardi soir le budget de l’année prochaine, après trois heures de débat "
    "et plusieurs amendements déposés par l’opposition."
)
PROSE_EN = (
    "The council approved next year's budget on Tuesday evening after a three-hour debate and several "
    "amendments tabled by the opposition."
)
PROSE_EN_2 = (
    "Residents who attended the meeting said they were worried about the closure of two libraries, which "
    "the mayor described as a temporary measure."
)
VOCABULARY = [
    *("le", "la", "les", "un", "une", "des", "du", "de", "et", "à", "dans", "pour", "sur", "avec", "par"),
    *("conseil", "maire", "ville", "budget", "école", "pont", "route", "quartier", "habitants", "projet"),
    *("vote", "séance", "travaux", "année", "mois", "semaine", "rapport", "commission", "rue", "parc"),
]


def varied_paragraph(rng: random.Random) -> str:
    """A paragraph of French-looking words in a random order: no two share their 4-word runs."""
    words = [rng.choice(VOCABULARY) for _ in range(25)]
    return " ".join(words).capitalize() + "."


@pytest.mark.parametrize(
    ("code", "line", "iso"),
    [
        ("fr", "1er janvier 2025", "2025-01-01"),
        ("fr", "Publié le lundi 6 janvier 2020 à 18h05", "2020-01-06"),
        ("fr", "Mis à jour le 3 févr. 2021", "2021-02-03"),
        ("fr", "15 août 2019", "2019-08-15"),
        ("en", "Nov. 19, 2019 at 9:08 GMT", "2019-11-19"),
        ("en", "Tuesday, November 19, 2019", "2019-11-19"),
        ("en", "19th November 2019", "2019-11-19"),
        ("en", "Published 2019-11-19T08:57:40+01:00", "2019-11-19"),
        ("fr", "31 février 2024", None),
        ("en", "Order 2019-13-45", None),
        ("en", "May the force be with you", None),
    ],
)
def test_dates_in_words(code: str, line: str, iso: str | None) -> None:
    found = compile_cues([lang.load(code)]).find_date(line)
    assert (found[0] if found else None) == iso


def test_wet_record_without_blank_lines() -> None:
    # Common Crawl WET text: one line per block of the page, no blank line anywhere.
    raw = "\n".join(
        [
            "Budget approved after a long debate - City Gazette",
            "Home",
            "News",
            "Budget approved after a long debate",
            "2024-03-05",
            PROSE_EN,
            PROSE_EN_2,
            "Share",
            "Most read",
            "Storm warning for the coast",
        ]
    )
    article = clean(raw, "en")
    assert article.title == "Budget approved after a long debate"
    assert article.stated_date == "2024-03-05"
    assert [t for _, t in block_texts(article)] == [PROSE_EN, PROSE_EN_2]


def test_french_page_with_buttons_between_head_and_body() -> None:
    raw = "\n".join(
        [
            "Politique",
            "La réforme des retraites adoptée en première lecture à l’Assemblée",
            "Les députés ont voté mardi le texte par 289 voix contre 250, au terme de trois semaines de débats.",
            "Par Jeanne Martin",
            "Publié le 12 février 2024 à 19h30, modifié le 13 février 2024 à 08h12",
            "Lecture 3 min.",
            "Offrir cet article",
            PROSE_FR,
            "Le texte doit désormais être examiné par le Sénat à partir du 4 mars, selon le calendrier prévu.",
        ]
    )
    article = clean(raw, "fr")
    assert article.title == "La réforme des retraites adoptée en première lecture à l’Assemblée"
    assert article.standfirst is not None and article.standfirst.startswith("Les députés ont voté")
    assert article.authors == ["Jeanne Martin"]
    assert article.stated_date == "2024-02-12"
    assert article.text.startswith("Le conseil municipal")


def test_title_from_the_page_title_line() -> None:
    # No headline repeated above the body: the first line, in "<title>" form, gives it.
    raw = "\n".join(["Budget approved after a long debate | City Gazette", "Home", "News", PROSE_EN, PROSE_EN_2])
    assert clean(raw, "en").title == "Budget approved after a long debate"
    # A first line without a site name is not taken for a <title>.
    raw = "\n".join(["Home", "News", "Sport", PROSE_EN, PROSE_EN_2])
    assert clean(raw, "en").title is None


def test_section_from_a_breadcrumb_or_a_single_section_line() -> None:
    body = f"{PROSE_EN}\n\n{PROSE_EN_2}"
    assert clean(f"Home > News > Local politics\n\nBudget approved\n\n{body}", "en").section == "Local politics"
    assert clean(f"Budget approved\n\n{body}\n\nMore in Politics", "en").section == "Politics"
    # A menu of sections names none; "More information" is not "More in" + "formation".
    menu = "More in Politics\nMore in Sport\nMore in Culture"
    assert clean(f"Budget approved\n\n{body}\n\n{menu}", "en").section is None
    assert clean(f"Budget approved\n\n{body}\n\nMore information", "en").section is None


def test_byline_with_several_authors() -> None:
    raw = f"Un titre de page assez long\n\nPar Anne Vidal, Paul Roux et Léa Morin\n\n{PROSE_FR}\n\n{PROSE_FR} Encore."
    article = clean(raw, "fr")
    assert article.authors == ["Anne Vidal", "Paul Roux", "Léa Morin"]
    assert "Par Anne Vidal" not in article.text


def test_byline_with_date_and_role() -> None:
    article = clean(f"Budget approved\n\nBy Ann Lee on March 3, 2024\n\n{PROSE_EN}\n\n{PROSE_EN_2}", "en")
    assert article.authors == ["Ann Lee"]
    assert article.stated_date == "2024-03-03"
    raw = f"Le budget voté\n\nPar Claire Dumoulin, envoyée spéciale à Lyon\n\n{PROSE_FR}\n\n{PROSE_FR} Encore."
    assert clean(raw, "fr").authors == ["Claire Dumoulin"]


def test_caption_with_credit_in_brackets() -> None:
    caption = "Waves break over the sea wall in Port Ellery on Sunday, March 3, 2024. (AP Photo/Jane Kestrel)"
    raw = f"Storm hits the north coast\n\n{caption}\n\n{PROSE_EN}\n\n{PROSE_EN_2}"
    article = clean(raw, "en")
    assert len(article.media) == 1
    assert article.media[0].caption == "Waves break over the sea wall in Port Ellery on Sunday, March 3, 2024."
    assert article.media[0].credit == "AP Photo/Jane Kestrel"
    assert "Waves break" not in article.text


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    wrapped = (
        "The council approved next year's budget on Tuesday evening after a\n"
        "three-hour debate and several amendments tabled by the opposition, which\n"
        "had asked for a delay until the spring."
    )
    article = clean(f"Budget approved after long debate\n\n{wrapped}\n\n{PROSE_EN_2}", "en")
    assert article.text.startswith("The council approved next year's budget on Tuesday evening after a three-hour")
    assert len(article.blocks) == 2


def test_related_links_inside_the_body_are_dropped() -> None:
    raw = "\n\n".join(
        [PROSE_EN, "Read more:", "Mayor resigns after two years", "New tram line opens", PROSE_EN_2 + " Again."]
    )
    article = clean(raw, "en")
    assert "Mayor resigns" not in article.text
    assert "Mayor resigns after two years" in article.removed
    assert article.text.startswith(PROSE_EN)  # the block does not cut the article in two
    assert article.text.endswith("Again.")
    assert article.title is None  # links are no headline


def test_detached_last_paragraph_goes_but_not_after_an_image() -> None:
    bio = "Ann Lee is a staff writer covering city hall, transport and housing for the Gazette."
    raw = "\n\n".join([PROSE_EN, PROSE_EN_2, "Topics", "City hall", bio, "Privacy policy"])
    article = clean(raw, "en")
    assert bio not in article.text and bio in article.removed
    image = "A tram at the depot on Monday.\nPhoto: Jane Kestrel / Gazette"
    last = "The vote on the tram extension is expected in the spring, after a public consultation."
    article = clean("\n\n".join([PROSE_EN, PROSE_EN_2, image, last]), "en")
    assert article.text.endswith(last)


def test_closing_list_is_kept_but_not_a_menu() -> None:
    dates = ["June 9 – Tampa, FL", "June 14 – Atlanta, GA", "June 17 – Nashville, TN", "June 20 – Raleigh, NC"]
    raw = "\n".join([PROSE_EN, PROSE_EN_2, "The tour dates:", *dates, "Privacy policy", "Contact us"])
    article = clean(raw, "en")
    assert article.text.endswith("June 20 – Raleigh, NC")
    menu = ["Home page", "World news today", "Business and markets", "Sport results live"]
    article = clean("\n".join([PROSE_EN, PROSE_EN_2, *menu]), "en")
    assert article.text.endswith("temporary measure.")


def test_menu_and_footer_are_removed() -> None:
    menu = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Culture", "Science", "Travel"])
    footer = "\n".join(["About us", "Contact", "Privacy policy", "© 2024 Example Media"])
    article = clean(f"{menu}\n\n{PROSE_EN}\n\n{PROSE_EN_2}\n\n{footer}", "en")
    assert [k for k, _ in block_texts(article)] == ["paragraph", "paragraph"]
    assert "Politics" in article.removed and "Privacy policy" in article.removed


def test_unsupported_language_is_cleaned_without_its_words() -> None:
    # Spanish: no pack, so the cleaner runs on structure alone (every pack passed).
    body = (
        "El ayuntamiento aprobó el martes por la noche el presupuesto del año próximo, tras un debate de tres "
        "horas y varias enmiendas presentadas por la oposición."
    )
    more = (
        "Los vecinos que asistieron a la sesión dijeron estar preocupados por el cierre de dos bibliotecas, "
        "que la alcaldesa describió como una medida temporal. Otra vez."
    )
    menu = "\n".join(["Inicio", "Política", "Economía", "Deportes", "Cultura"])
    raw = f"{menu}\n\nEl presupuesto, aprobado\n\n{body}\n\n{more}\n\n{menu}"
    article = dateline.read_text(raw, analyze=False)
    assert article.text.startswith("El ayuntamiento aprobó")
    assert article.text.endswith("Otra vez.")
    assert "Economía" in article.removed


# --- bad input never crashes ----------------------------------------------------------------


def test_blank_lines_only() -> None:
    article = clean("\n\n   \n\t\n\n")
    assert article.text == "" and article.blocks == [] and article.removed == []


def test_no_prose_at_all() -> None:
    article = clean("Home\nNews\nSport\nContact")
    assert article.text == ""
    assert article.removed == ["Home", "News", "Sport", "Contact"]


def test_single_huge_line() -> None:
    line = " ".join([PROSE_EN] * 4000)  # about 1.3 MB on one line
    article = clean(line, "en")
    assert article.text == line
    assert_offsets_exact(article)


@pytest.mark.parametrize(
    "line",
    [
        "A" * 200_000,
        "(  )" * 50_000,
        "!" * 200_000,
        "AB – " * 40_000,
        "1" + " " * 200_000 + "janvier 2020",
        "By Ann" + " " * 200_000 + "and Lee",
        "Home" + " " * 200_000 + "> News",
    ],
    ids=["capitals", "brackets", "punctuation", "dashes", "spaces", "byline", "breadcrumb"],
)
def test_pathological_lines_stay_fast(line: str) -> None:
    # Each would take minutes with a backtracking pattern (the kicker's first version did).
    article = clean(f"{line}\n\n{PROSE_EN}\n\n{line}", "en")
    assert PROSE_EN in article.text


def test_five_hundred_paragraphs() -> None:
    rng = random.Random(3)
    raw = "\n\n".join(varied_paragraph(rng) for _ in range(500))
    article = clean(raw, "fr")
    assert len(article.blocks) == 500
    assert_offsets_exact(article)


def test_title_repeated_thousands_of_times() -> None:
    title = "Budget approved after a long debate"
    raw = "\n".join([title, *([title, PROSE_EN] * 3000)])
    article = clean(raw, "en")  # bounded work: finishes in well under a second
    assert article.text.startswith("The council approved")


def test_garbage() -> None:
    rng = random.Random(7)
    noise = "".join(chr(rng.choice([rng.randrange(0, 0x250), rng.randrange(0x2000, 0x2100)])) for _ in range(20000))
    article = clean(noise)
    assert_offsets_exact(article)
    try:
        article = dateline.read_text(noise, analyze=False)
    except DatelineError as exc:  # refused as binary: a clear, coded error is the right outcome
        assert exc.code == Code.BINARY_INPUT
    else:
        assert_offsets_exact(article)
