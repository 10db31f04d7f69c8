"""The quotes step on fictional French and English news sentences (written for these tests),
the seed page, and bad input."""

from __future__ import annotations

import pytest

import dateline
from conftest import need_shared, read_fr
from dateline.analyze.quote_marks import normalise, scan
from dateline.article import Article, Quote
from dateline.errors import Code

FR_MARKS = (("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’"))


def only(article: Article, kind: str | None = None) -> list[Quote]:
    return [q for q in article.quotes if kind is None or q.kind == kind]


# -- quotation marks (no model needed) ---------------------------------------------------------
def test_marks_nested_and_normalised() -> None:
    text = "Il a dit « le mot “crise” est faux » puis “rien”."
    found = scan(text, FR_MARKS)
    assert [text[q.start : q.end] for q in found.spans] == ["« le mot “crise” est faux »", "“rien”"]
    assert not found.unbalanced
    assert normalise("d’après « x »", FR_MARKS) == 'd\'après " x "'


def test_marks_apostrophes_are_not_quotes() -> None:
    text = "L’AFP a consulté l’avis d’‘experts’ aujourd’hui."
    assert [text[q.start : q.end] for q in scan(text, FR_MARKS).spans] == ["‘experts’"]


def test_marks_quote_over_paragraphs_reopened() -> None:
    text = "« Nous avons tout essayé.\n« Rien n'a marché », a dit la maire.\nFin."
    found = scan(text, FR_MARKS)
    assert len(found.spans) == 1 and found.spans[0].paragraphs == 2
    assert text[found.spans[0].start : found.spans[0].end].endswith("marché »")


def test_marks_unbalanced_are_reported_not_swallowed() -> None:
    # A mark opened mid-sentence and never closed is a stray mark: reported, and nothing quoted.
    text = "Il a dit « une phrase sans fin.\nUn autre paragraphe « cité » ici."
    found = scan(text, FR_MARKS)
    assert found.unbalanced == [9]
    assert [text[q.start : q.end] for q in found.spans] == ["« cité »"]


def test_marks_paragraph_that_lost_its_closing_mark() -> None:
    # A paragraph opened by the mark and ending a sentence is the quote; the page lost the closer.
    # It is still reported, and it does not swallow the next paragraph.
    text = "« Une phrase sans fin, dit-il.\nUn autre paragraphe « cité » ici."
    found = scan(text, FR_MARKS)
    assert found.unbalanced == [0]
    assert [text[q.start : q.end] for q in found.spans] == ["« Une phrase sans fin, dit-il.", "« cité »"]
    assert not found.spans[0].closed


def test_marks_block_quote_left_open_before_an_intertitle() -> None:
    # Each paragraph reopens the testimony; the page never closes it before the intertitle.
    text = "« La nuit, on ne dort pas.\n« Le jour, on cherche de l'eau.\nUne ville sans eau\nLe maire a parlé."
    found = scan(text, FR_MARKS)
    assert found.unbalanced == [0]
    assert [text[q.start : q.end] for q in found.spans] == [
        "« La nuit, on ne dort pas.\n« Le jour, on cherche de l'eau."
    ]
    assert not found.spans[0].closed and found.spans[0].paragraphs == 2


# -- direct quotes -----------------------------------------------------------------------------
def test_direct_quote_with_inverted_incise_and_role_speaker() -> None:
    article = read_fr(
        "La directrice de l'hôpital de Montclair, Odile Ferrand, a reçu la presse mardi. "
        "« Les urgences resteront ouvertes tout l'été », a assuré la directrice."
    )
    (quote,) = only(article, "direct")
    assert quote.text == "« Les urgences resteront ouvertes tout l'été »"
    assert quote.cue is not None and quote.cue.text == "a assuré"
    assert quote.speaker is not None and quote.speaker.name == "Odile Ferrand"
    assert quote.speaker.entity is not None


def test_pronoun_speaker_and_floating_quote_continue_the_speaker() -> None:
    article = read_fr(
        "« Le budget est tenu », a déclaré jeudi le maire de Valcourt, Hugo Martel. "
        "« Nous n'augmenterons pas les impôts », a-t-il ajouté. "
        "« Les travaux de la gare commenceront en mai. »"
    )
    quotes = only(article, "direct")
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Hugo Martel"] * 3
    assert quotes[1].cue is not None and quotes[1].cue.text == "a-t-il ajouté"
    assert quotes[2].cue is None


def test_incise_inside_the_quote_is_one_quote() -> None:
    article = read_fr("« Ce projet est solide, explique l'ingénieure Lina Dubois, et il sera prêt en juin. »")
    (quote,) = article.quotes
    assert quote.speaker is not None and quote.speaker.name == "Lina Dubois"
    assert quote.cue is not None and quote.cue.text == "explique"


def test_colon_quote_takes_the_clause_subject() -> None:
    article = read_fr("Le syndicaliste Marc Olier a prévenu : « La grève continuera lundi. »")
    (quote,) = article.quotes
    assert quote.kind == "direct" and quote.speaker is not None and quote.speaker.name == "Marc Olier"


def test_partial_quote_and_scare_quotes_and_titles() -> None:
    article = read_fr(
        "L'association Terres Vives a dénoncé un projet « brutal et inutile ». "
        "Le film « La Longue Nuit » sort mercredi. Ce « miracle » économique laisse sceptique."
    )
    quotes = article.quotes
    assert len(quotes) == 1
    assert quotes[0].kind == "partial" and "« brutal et inutile »" in quotes[0].text
    assert quotes[0].speaker is not None and "Terres Vives" in quotes[0].speaker.name


def test_sentences_are_not_split_inside_a_quote() -> None:
    article = read_fr("« Le site fermera. Les salariés seront reclassés. Rien n'est perdu », a promis Paul Renaud.")
    (quote,) = article.quotes
    assert quote.text.count(".") == 2 and quote.speaker is not None and quote.speaker.name == "Paul Renaud"


# -- indirect speech and sources -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "La préfète Anne Lazare a annoncé que la route serait rouverte samedi.",
            "la route serait rouverte samedi",
            "Anne Lazare",
        ),
        ("Selon le procureur Éric Vidal, l'enquête durera des mois.", "l'enquête durera des mois", "Éric Vidal"),
        ("D'après la météorologue Inès Caro, la neige tombera demain.", "la neige tombera demain", "Inès Caro"),
        ("À en croire l'avocat Jules Ponsard, le dossier est vide.", "le dossier est vide", "Jules Ponsard"),
        ("Aux dires des pompiers, le feu est maîtrisé.", "le feu est maîtrisé", "pompiers"),
        ("Le match est reporté, a-t-on appris dimanche auprès de la ligue.", "Le match est reporté", "ligue"),
    ],
)
def test_indirect_and_sourced(text: str, content: str, speaker: str) -> None:
    article = read_fr(text)
    (quote,) = article.quotes
    assert quote.kind == "indirect" and quote.text == content
    assert quote.speaker is not None and speaker in quote.speaker.name


def test_negated_verb_is_not_a_quote() -> None:
    assert read_fr("Le maire n'a pas précisé si le marché serait déplacé.").quotes == []


# -- the seed page -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed() -> Article:
    text = need_shared("seed", "article-fr-pentagone.txt").read_text(encoding="utf-8")
    body = text[text.index("ÉTATS-UNIS –") : text.index("À voir également")].strip()
    return dateline.read_text(body, raw=True, language="fr", date="2020-01-06")


def test_seed_esper_and_milley_quotes(seed: Article) -> None:
    by_text = {q.text: q for q in seed.quotes}
    expected = {
        "“Aucune décision n’a été prise de quitter l’Irak. Point”": "Mark Esper",
        "“Cette lettre ne correspond pas à notre état d’esprit aujourd’hui”": "Mark Esper",
        "“C’était un projet (de lettre) non signé”": "Milley",
        "“C’est une erreur commise en toute bonne foi”": "Milley",
    }
    for text, speaker in expected.items():
        assert text in by_text, text
        found = by_text[text].speaker
        assert found is not None and speaker in found.name and found.entity is not None
    assert by_text["“Aucune décision n’a été prise de quitter l’Irak. Point”"].cue.text == "a déclaré"  # type: ignore[union-attr]


def test_seed_abdel_mahdi_partial_quote(seed: Article) -> None:
    (quote,) = [q for q in seed.quotes if "la nécessité de travailler ensemble" in q.text]
    assert quote.speaker is not None and quote.speaker.name.endswith("Abdel Mahdi")


def test_indefinite_source_is_a_new_unnamed_speaker(seed: Article) -> None:
    # "“très probablement” …, selon un responsable américain": an unnamed official, never the
    # last person named before (it was once resolved to Abou Mehdi al-Mouhandis).
    (quote,) = [q for q in seed.quotes if "très probablement" in q.text]
    assert quote.speaker is not None
    assert quote.speaker.entity is None and quote.speaker.name == "un responsable américain"


def test_indirect_speech_without_a_speaker_is_dropped() -> None:
    article = dateline.read_text(
        "The port authority met the union on Tuesday. A spokesman declined to say how many jobs the plan would affect.",
        raw=True,
        language="en",
        date="2024-03-05",
    )
    assert all(q.speaker is not None for q in article.quotes)


# -- bad input -----------------------------------------------------------------------------------
def test_unbalanced_marks_problem_and_the_rest_intact() -> None:
    article = read_fr(
        "« Une citation jamais fermée.\nLa maire Claire Valon a visité le pont. "
        "« Le chantier commence lundi », a-t-elle précisé."
    )
    assert any(p.code == Code.UNBALANCED_QUOTES.value for p in article.problems)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in article.quotes] == [
        ("« Le chantier commence lundi »", "Claire Valon")
    ]


def test_text_without_sentences() -> None:
    article = read_fr("Prix\t12\tEUR\n- item\n- item\n| a | b |\n»»»\n«")
    assert article.quotes == [] and "quotes@1" in article.steps


def test_language_without_model_records_a_skip() -> None:
    from dateline.analyze.quotes import Quotes

    article = Quotes()(Article(text="« Hola », dijo ella.", language="es"))
    assert article.quotes == []
    assert [p.code for p in article.problems] == [Code.STEP_SKIPPED.value]


@pytest.mark.slow
def test_five_hundred_paragraphs() -> None:
    paragraph = "« Le chantier avance bien », a indiqué mardi l'architecte Léon Garat. Les travaux dureront."
    article = read_fr("\n\n".join([paragraph] * 500))
    assert len(article.quotes) == 500
    assert all(q.speaker is not None and q.speaker.name == "Léon Garat" for q in article.quotes)


def test_english_quotes() -> None:
    article = dateline.read_text(
        '"We will reopen the bridge in May," Mayor Dana Holt said on Friday. '
        "According to the county engineer, the repairs will cost $2 million.",
        raw=True,
        language="en",
    )
    speakers = [q.speaker.name if q.speaker else None for q in article.quotes]
    assert len(article.quotes) == 2 and speakers[0] == "Dana Holt" and "engineer" in (speakers[1] or "")
