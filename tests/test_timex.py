"""Time expressions: spans, types and values on our own sentences (fictional content)."""

from __future__ import annotations

import pytest

from dateline.analyze.timex import Timexes, find, reanchor
from dateline.article import Article, DateCheck, Timex


def values(text: str, language: str, anchor: str | None) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in find(text, language, anchor)}


def one(text: str, language: str, anchor: str | None) -> Timex:
    found = find(text, language, anchor)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


# --- French -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "kind", "value"),
    [
        ("Le maire a signé le 8 décembre 2011 à Nancy.", "le 8 décembre 2011", "DATE", "2011-12-08"),
        ("La fête aura lieu le 1er juillet.", "le 1er juillet", "DATE", "2020-07-01"),
        ("Le texte date du 3 févr. 2020.", "3 févr. 2020", "DATE", "2020-02-03"),
        ("Rendez-vous le 07/01/2020 devant la mairie.", "le 07/01/2020", "DATE", "2020-01-07"),
        ("La crise des années 1990 a marqué la ville.", "années 1990", "DATE", "199X"),
        ("Les ruines datent du XIXe siècle.", "XIXe siècle", "DATE", "18XX"),
        ("Le club a été fondé en 1975.", "1975", "DATE", "1975"),
        ("Les travaux reprendront en mai 2021.", "mai 2021", "DATE", "2021-05"),
        ("Le conseil s'est réuni hier soir.", "hier soir", "TIME", "2020-01-05TEV"),
        ("Il rentrera demain.", "demain", "DATE", "2020-01-07"),
        ("Elle était là avant-hier.", "avant-hier", "DATE", "2020-01-04"),
        ("La séance commence à 14 h 30 précises.", "14 h 30", "TIME", "2020-01-06T14:30"),
        ("Le marché ouvre à midi.", "à midi", "TIME", "2020-01-06T12:00"),
        ("Le chantier a duré trois mois.", "trois mois", "DURATION", "P3M"),
        ("La garde à vue a duré 48 heures.", "48 heures", "DURATION", "PT48H"),
        ("Le club recrute chaque lundi.", "chaque lundi", "SET", "XXXX-WXX-1"),
        ("Le festival revient tous les ans.", "tous les ans", "SET", "P1Y"),
        ("Le village a changé il y a trois ans.", "il y a trois ans", "DATE", "2017"),
        ("L'usine fermera l'année prochaine.", "l'année prochaine", "DATE", "2021"),
        ("Le maire est désormais seul.", "désormais", "TIME", "PRESENT_REF"),
        ("Les prix montent ces derniers jours.", "ces derniers jours", "DURATION", "PXD"),
        ("Le vote aura lieu début mars.", "début mars", "DATE", "2020-03"),
    ],
)
def test_french_expressions(sentence: str, span: str, kind: str, value: str) -> None:
    found = values(sentence, "fr", "2020-01-06")
    assert found.get(span) == (kind, value), found


def test_spans_are_tight() -> None:
    text = "Depuis fin octobre, les travaux avancent; il viendra pendant trois mois."
    spans = [t.text for t in find(text, "fr", "2020-01-06")]
    assert spans == ["fin octobre", "trois mois"]


def test_modifiers() -> None:
    t = one("Depuis fin octobre, rien ne bouge.", "fr", "2020-01-06")
    assert (t.value, t.mod) == ("2019-10", "END")
    t = one("Prices rose in early March 2003.", "en", "2003-06-01")
    assert (t.value, t.mod) == ("2003-03", "START")


def test_weekday_follows_tense_and_direction() -> None:
    # Monday 6 January 2020: a bare weekday with no parse is the latest one (news reports the past).
    assert values("Il est venu vendredi.", "fr", "2020-01-06")["vendredi"][1] == "2020-01-03"
    assert values("Il viendra vendredi prochain.", "fr", "2020-01-06")["vendredi prochain"][1] == "2020-01-10"
    assert values("Il est venu mercredi dernier.", "fr", "2020-01-08")["mercredi dernier"][1] == "2020-01-01"


def test_weekday_future_tense_from_parse() -> None:
    from dateline.analyze import nlp

    model = nlp.model("fr")
    text = "Le ministre viendra vendredi à Metz."
    found = find(text, "fr", "2020-01-06", model(text))
    assert [(t.text, t.value) for t in found] == [("vendredi", "2020-01-10")]
    assert found[0].relative is not None and found[0].relative["tense"] == "future"


def test_clock_time_takes_the_day_the_text_named() -> None:
    found = values("La réunion est fixée au jeudi 16 janvier, à 18 h.", "fr", "2020-01-06")
    assert found["18 h"] == ("TIME", "2020-01-16T18:00")


def test_event_anchored() -> None:
    t = one("Le texte a été publié au lendemain d'un vote.", "fr", "2020-01-06")
    assert t.value is None and t.reason and "event" in t.reason
    found = values("Le match s'est joué le 3 mai 2019. Le lendemain, tout a changé.", "fr", None)
    assert found["Le lendemain"] == ("DATE", "2019-05-04")


# --- English ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "span", "kind", "value"),
    [
        ("The plant closed on Jan. 6, 2020, after a vote.", "Jan. 6, 2020", "DATE", "2020-01-06"),
        ("The law passed on 6th January 2020.", "6th January 2020", "DATE", "2020-01-06"),
        ("The board met Jan. 6.", "Jan. 6", "DATE", "2020-01-06"),
        ("Sales fell in the third quarter.", "the third quarter", "DATE", "2020-Q3"),
        ("The mayor spoke at 3 p.m. sharp.", "3 p.m.", "TIME", "2020-03-04T15:00"),
        ("Prices rose over the past three months.", "the past three months", "DURATION", "P3M"),
        ("The firm was sold two years ago.", "two years ago", "DATE", "2018"),
        ("The council meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
        ("The band toured in the 1990s.", "the 1990s", "DATE", "199"),
        ("Rents will rise next year.", "next year", "DATE", "2021"),
        ("Shares are now cheaper.", "now", "DATE", "PRESENT_REF"),
        ("The strike lasted eight-year", "eight-year", "DURATION", "P8Y"),
        ("The talks start tomorrow morning.", "tomorrow morning", "TIME", "2020-03-05TMO"),
    ],
)
def test_english_expressions(sentence: str, span: str, kind: str, value: str) -> None:
    found = values(sentence, "en", "2020-03-04")
    assert found.get(span) == (kind, value), found


def test_english_modal_may_is_not_a_month() -> None:
    assert find("Rates may rise, and they may not.", "en", "2020-03-04") == []
    assert values("Rates rose in May.", "en", "2020-09-04")["May"] == ("DATE", "2020-05")


def test_ages_are_not_durations() -> None:
    assert find("A 6-year-old boy was found.", "en", "2020-03-04") == []
    assert find("Jean Dupont, 53 ans, a été entendu.", "fr", "2020-03-04") == []


# --- anchors, re-anchoring, bad input ---------------------------------------------------


def test_no_anchor_keeps_relative_values_null() -> None:
    found = {t.text: t for t in find("Le 8 décembre 2011, puis hier.", "fr", None)}
    assert found["Le 8 décembre 2011"].value == "2011-12-08"
    assert found["hier"].value is None and found["hier"].reason
    assert found["hier"].relative is not None


def test_reanchor_resolves_relative_expressions_again() -> None:
    text = "Ce lundi 6 janvier, le ministre a parlé. Mardi, des manifestants ont attaqué. Le 8 décembre 2011, rien."
    article = Article(text=text, language="fr", stated_date="2025-01-02")
    Timexes()(article)
    assert all(t.anchor in (None, "2025-01-02") for t in article.timexes)
    reanchor(article, "2020-01-06")
    by_text = {t.text: t for t in article.timexes}
    assert by_text["Ce lundi 6 janvier"].value == "2020-01-06"
    assert by_text["Mardi"].value == "2019-12-31"
    assert by_text["Mardi"].anchor == "2020-01-06"
    assert by_text["Le 8 décembre 2011"].value == "2011-12-08"
    assert by_text["Le 8 décembre 2011"].anchor is None


def test_step_uses_the_reference_date() -> None:
    article = Article(text="Il est arrivé hier.", language="fr", stated_date="2020-01-06")
    article.date_check = DateCheck(verdict="inconsistent", estimated="2019-05-02")
    Timexes()(article)
    assert [(t.value, t.anchor) for t in article.timexes] == [("2019-05-01", "2019-05-02")]


def test_relative_description_round_trips() -> None:
    article = Article(text="Il est arrivé hier.", language="fr", stated_date="2020-01-06")
    Timexes()(article)
    again = Article.from_dict(article.to_dict())
    reanchor(again, "2020-02-01")
    assert again.timexes[0].value == "2020-01-31"


@pytest.mark.parametrize(
    "text",
    [
        "Le 31 février 2020, rien.",
        "Le 31 février, rien.",
        "Le 12 mars 99999, rien.",
        "Rendez-vous le 45/13/2020.",
        "Der Vertrag wurde am 3. März 2020 unterzeichnet.",
        "El 3 de marzo de 2020.",
        "à 25 h 70",
        "",
        "il y a 2,5 ans",
    ],
)
def test_bad_input_never_crashes(text: str) -> None:
    for language in ("fr", "en"):
        for t in find(text, language, "2020-01-06"):
            assert t.value is not None or t.reason, t


def test_impossible_dates_keep_their_span_with_a_reason() -> None:
    t = one("Le 31 février 2020, rien.", "fr", "2020-01-06")
    assert (t.text, t.value) == ("Le 31 février 2020", None)
    assert t.reason and "février" not in t.reason  # the reason is the engine's, not a word of the text
    t = one("Le 12 mars 99999, rien.", "fr", "2020-01-06")
    assert t.value is None and t.reason


def test_unsupported_language_is_a_problem_not_a_crash() -> None:
    article = Article(text="am 3. März 2020", language="de", stated_date="2020-01-06")
    Timexes()(article)
    assert article.timexes == [] and article.problems[0].step == "timex"


@pytest.mark.parametrize(
    ("sentence", "language", "span", "value"),
    [
        ("He was found on Thanksgiving Day.", "en", "Thanksgiving Day", "1999-11-25"),
        ("Good Friday 2003 was quiet.", "en", "Good Friday 2003", "2003-04-18"),
        ("Le lundi de Pâques 2003, rien.", "fr", "Le lundi de Pâques 2003", "2003-04-21"),
        ("À Noël, il neigeait.", "fr", "Noël", "1999-12-25"),
    ],
)
def test_holidays(sentence: str, language: str, span: str, value: str) -> None:
    assert values(sentence, language, "1999-12-06").get(span) == ("DATE", value)


def test_easter_computus() -> None:
    from dateline.analyze.timex_resolve import easter

    assert [easter(y).isoformat() for y in (2000, 2019, 2024, 2038)] == [
        "2000-04-23",
        "2019-04-21",
        "2024-03-31",
        "2038-04-25",
    ]


# --- the seed article ---------------------------------------------------------------------


SEED_VALUES = {
    "Ce lundi 6 janvier": ("2020-01-06", None),
    "vendredi": ("2020-01-03", None),
    "mardi": ("2019-12-31", None),
    "la semaine dernière": ("2020-W01", None),
    "fin octobre": ("2019-10", "END"),
    "Le 8 décembre 2011": ("2011-12-08", None),
    "2003": ("2003", None),
}


def test_seed_without_parse(seed_text: str) -> None:
    found = {t.text: (t.value, t.mod) for t in find(seed_text, "fr", "2020-01-06")}
    for text, expected in SEED_VALUES.items():
        assert found.get(text) == expected, (text, found.get(text))


def test_seed_through_the_pipeline(seed_text: str) -> None:
    import dateline

    article = dateline.read_text(seed_text, date="2020-01-06", language="fr")
    found = {t.text: (t.value, t.mod) for t in article.timexes}
    for text, expected in SEED_VALUES.items():
        assert found.get(text) == expected, (text, found.get(text))
    assert "timex@1" in article.steps


def test_this_monday_6_january_is_always_a_6_january() -> None:
    for anchor in ("2025-01-02", "2020-01-06", "2020-01-07", "2024-12-30", "2019-06-01"):
        (t,) = find("Ce lundi 6 janvier, le ministre a parlé.", "fr", anchor)
        assert t.value is not None and t.value.endswith("-01-06"), (anchor, t.value)
    (t,) = find("Ce lundi 6 janvier, le ministre a parlé.", "fr", "2020-01-07")
    assert t.value == "2020-01-06"


def test_ambiguous_numeric_dates() -> None:
    assert values("Signé le 07/01/2020.", "fr", "2020-03-01")["le 07/01/2020"] == ("DATE", "2020-01-07")
    assert values("Signed 07/01/2020.", "en", "2020-03-01")["07/01/2020"] == ("DATE", "2020-07-01")
    # Only one reading exists: the engine takes it whatever the language's usual order.
    assert values("Signed 13/01/2020.", "en", "2020-03-01")["13/01/2020"] == ("DATE", "2020-01-13")
    assert values("Signé le 01/13/2020.", "fr", "2020-03-01")["le 01/13/2020"] == ("DATE", "2020-01-13")
    (t,) = find("Signé le 31/02/2020.", "fr", "2020-03-01")
    assert t.value is None and t.reason
