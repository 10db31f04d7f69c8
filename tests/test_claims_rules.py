"""Claim rules found on real French text (dev and held-out gold), each checked on a fictional
sentence written for this test: the stance of "révéler" by its complement, proof verbs without
a speaker, agentless passives, charges, placeholders and plural pronouns as holders."""

from __future__ import annotations

import dateline
from dateline.article import Article, Claim, Holder
from dateline.evaluate.quote_sets import _claim_matches


def claims(text: str) -> list[Claim]:
    return dateline.read_text(text, raw=True, language="fr", date="2024-03-05").claims


def test_reveal_that_is_a_report_reveal_a_thing_an_announcement() -> None:
    (clause,) = claims("Le quotidien Le Matin révèle que le maire de Brest a démissionné.")
    assert clause.stance == "report" and "le maire de Brest a démissionné" in clause.text
    (thing,) = claims("Le quotidien Le Matin révèle les noms des deux candidats.")
    assert thing.stance == "announce"


def test_proof_is_not_a_stance_but_an_organisation_confirming_is() -> None:
    assert not [c for c in claims("L'analyse des prélèvements confirme que l'eau du lac était polluée.")]
    (held,) = claims("La mairie de Lorient confirme que la piscine fermera en juin.")
    assert held.stance == "confirm" and held.holder is not None


def test_agentless_passive_accusation_has_no_holder_and_its_charge() -> None:
    (claim,) = claims("Le député Marc Olier est accusé d'avoir falsifié ses comptes de campagne.")
    assert claim.stance == "accuse" and claim.holder is None
    assert "falsifié ses comptes de campagne" in claim.text


def test_passive_accusation_with_agent_and_a_noun_charge() -> None:
    (claim,) = claims("Le sénateur Paul Brun est accusé de fraude par ses anciens collaborateurs.")
    assert claim.holder is not None and "collaborateurs" in claim.holder.name
    assert "fraude" in claim.text


def test_describing_relative_and_placeholder_subject_are_not_claims() -> None:
    assert claims("Les faits qui lui sont reprochés remontent à 2019.") == []
    assert claims("Il faut signaler que le pont de la Roche était fermé.") == []


def test_learning_without_a_named_source_is_not_an_announcement() -> None:
    assert claims("Dans le rapport de l'inspection, on apprenait que le barrage fuyait depuis mars.") == []


def test_clitic_object_leaves_the_charge_as_proposition() -> None:
    (claim,) = claims("L'association Terre Vive l'accuse d'avoir pollué la rivière.")
    assert claim.stance == "accuse" and "pollué la rivière" in claim.text
    assert claim.holder is not None and "Terre Vive" in claim.holder.name


def test_plural_pronoun_is_never_one_named_person() -> None:
    text = "Léa Martin a rencontré les riverains. Ils accusent la société Bétons Rey de mentir."
    found = [c for c in claims(text) if c.stance == "accuse"]
    assert found and found[0].holder is not None and "Martin" not in found[0].holder.name


def test_swearing_that_is_a_report() -> None:
    found = [c for c in claims("L'ancien maire Hugo Lenoir jure avoir remboursé la somme.") if c.stance == "report"]
    assert found and found[0].holder is not None and "Lenoir" in found[0].holder.name


def test_scorer_reads_a_sentence_capital_as_no_name() -> None:
    article = Article(text="")
    holder = Holder(None, "Les notables")
    article.claims = [Claim(stance="deny", text="leur implication", start=0, end=1, holder=holder)]
    assert _claim_matches({"stance": "deny", "holder": None, "target": "leur implication"}, article)
    article.claims[0].holder = Holder(None, "Les notables de Zébéla")
    assert not _claim_matches({"stance": "deny", "holder": None, "target": "leur implication"}, article)


def test_a_day_is_not_part_of_the_claimed_noun_phrase() -> None:
    text = "Le ministre a démenti ces informations mardi."
    article = dateline.read_text(text, raw=True, language="fr", date="2024-06-11")
    assert [(c.stance, c.text) for c in article.claims] == [("deny", "ces informations")]


def test_finite_verb_the_parser_hung_on_its_subject() -> None:
    # fr_core_news_md makes "conteste" an adjectival clause of "avocate" here.
    text = "L'avocate du suspect, Me Laura Benoît, conteste cette version."
    article = dateline.read_text(text, raw=True, language="fr", date="2024-06-11")
    assert [(c.stance, c.holder.name if c.holder else None) for c in article.claims] == [("reject", "Laura Benoît")]
