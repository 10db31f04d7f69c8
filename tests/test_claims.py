"""The claims step: stance, holder, proposition span, negation and hedges (fictional
sentences written for these tests, plus the seed page)."""

from __future__ import annotations

import pytest

import dateline
from conftest import need_shared
from dateline.article import Article, Claim


def claims(text: str, language: str = "fr") -> list[Claim]:
    return dateline.read_text(text, raw=True, language=language, date="2024-03-05").claims


@pytest.mark.parametrize(
    ("text", "stance", "holder", "proposition"),
    [
        (
            "Le ministre Paul Agnel a démenti avoir rencontré le candidat.",
            "deny",
            "Paul Agnel",
            "avoir rencontré le candidat",
        ),
        ("La mairie a confirmé la fermeture de la piscine.", "confirm", "mairie", "la fermeture de la piscine"),
        ("La directrice, Nadia Roux, a annoncé sa démission vendredi.", "announce", "Nadia Roux", "sa démission"),
        ("Le club a rejeté les accusations de dopage.", "reject", "club", "les accusations de dopage"),
        ("L'ONG Eaux Claires accuse la mine de polluer la rivière.", "accuse", "Eaux Claires", "polluer la rivière"),
        ("Cette rumeur a été démentie par la porte-parole Lise Morel.", "deny", "Lise Morel", "Cette rumeur"),
        ("Le journal affirmait que le stade serait vendu.", "report", "journal", "le stade serait vendu"),
        ("The mayor, Dana Holt, denied that the bridge was unsafe.", "deny", "Dana Holt", "the bridge was unsafe"),
    ],
)
def test_stance_holder_and_proposition(text: str, stance: str, holder: str, proposition: str) -> None:
    language = "en" if text.startswith("The ") else "fr"
    found = [c for c in claims(text, language) if c.stance == stance]
    assert found, claims(text, language)
    claim = found[0]
    assert claim.holder is not None and holder in claim.holder.name
    assert proposition in claim.text
    assert claim.cue is not None and not claim.negated


def test_negated_and_hedged_are_flagged_not_dropped() -> None:
    (negated,) = claims("Le ministre Paul Agnel n'a pas démenti la rencontre.")
    assert negated.stance == "deny" and negated.negated
    (hedged,) = claims("Le président Yves Borel aurait confirmé la nomination.")
    assert hedged.stance == "confirm" and hedged.hedged


def test_holder_is_never_inside_the_claimed_proposition() -> None:
    # The parse once made "the plan last month" the holder of "announcing the plan".
    text = "The union said the authority never consulted staff before announcing the plan last month."
    for claim in claims(text, "en"):
        assert claim.holder is not None
        assert claim.holder.name not in claim.text and claim.text not in claim.holder.name


def test_plain_speech_is_not_a_claim() -> None:
    assert claims("« Tout va bien », a assuré la maire Claire Valon.") == []
    assert claims("La rencontre incriminée a eu lieu jeudi.") == []


@pytest.fixture(scope="module")
def seed() -> Article:
    text = need_shared("seed", "article-fr-pentagone.txt").read_text(encoding="utf-8")
    body = text[text.index("ÉTATS-UNIS –") : text.index("À voir également")].strip()
    return dateline.read_text(body, raw=True, language="fr", date="2020-01-06")


def test_seed_claims(seed: Article) -> None:
    def find(stance: str, words: str) -> Claim:
        return next(c for c in seed.claims if c.stance == stance and words in c.text)

    denial = find("deny", "le retrait des États-Unis")
    assert denial.holder is not None and denial.holder.name == "Mark Esper"  # "le chef du Pentagone"
    passive = find("deny", "cette information")
    assert passive.holder is not None and passive.holder.name == "Mark Esper"
    announce = find("announce", "la nouvelle")  # the letter "qui annonçait la nouvelle"
    assert announce.holder is not None
    confirm = find("confirm", "son authenticité")
    assert confirm.holder is not None and "responsables" in confirm.holder.name
