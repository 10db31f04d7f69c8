"""Indirect speech the parser's mistakes used to hide: where a que-clause ends, light verbs,
pronouns read as placeholders, and incises whose inverted subject the parser misplaced."""

from __future__ import annotations

from conftest import quote_with, read_fr, speaker


def test_que_clause_runs_to_its_last_verb() -> None:
    # The parser hangs "qu'" on "a", a dependent of "eu": the clause is still the whole of it.
    article = read_fr(
        "L'opposant Faustin Twagiramungu vit en exil. Joint par RFI, il estime qu'il n'y a tout simplement "
        "pas eu d'élections."
    )
    quote = quote_with(article, "il n'y a")
    assert quote.text == "il n'y a tout simplement pas eu d'élections"
    assert speaker(article, "il n'y a") == "Faustin Twagiramungu"


def test_faire_savoir_with_the_light_verb_as_a_dependent() -> None:
    article = read_fr("La FNSEA et les JA ont fait savoir qu'ils ne participeraient pas au débat.")
    assert speaker(article, "ne participeraient pas") == "FNSEA"


def test_a_pronoun_parsed_as_placeholder_on_a_personal_verb_is_the_speaker() -> None:
    article = read_fr(
        "Martin Dupuis estime que son club a bien joué. Il croit que le Canadien méritait un meilleur sort ce soir."
    )
    assert speaker(article, "méritait un meilleur sort") == "Martin Dupuis"


def test_a_reflexive_verb_keeps_its_placeholder() -> None:
    article = read_fr("Martin Dupuis a parlé. Il se dit que le club a perdu ses trois derniers matchs.")
    assert not [q for q in article.quotes if "trois derniers matchs" in q.text]


def test_incise_whose_subject_the_parser_took_from_the_clause() -> None:
    # "unité" was parsed as the subject of "a souligné"; the person after the verb speaks.
    article = read_fr(
        "Le Premier ministre Alexander De Croo a parlé mardi. L'unité et donc la force de l'Europe est "
        "actuellement très forte, a souligné le Premier ministre."
    )
    assert speaker(article, "la force de l'Europe") == "Alexander De Croo"


def test_incise_with_a_weekday_and_a_newspaper_before_the_speaker() -> None:
    article = read_fr(
        "La situation qui prévaut en Belgique va durer encore au moins huit semaines, affirme dimanche dans "
        "De Zondag la ministre de la Santé publique, Maggie De Block."
    )
    assert speaker(article, "huit semaines") == "Maggie De Block"


def test_incise_with_an_adverbial_after_the_named_speaker() -> None:
    article = read_fr(
        "Les discussions sont déjà entamées et des annonces seront faites cette semaine, a confirmé "
        "Mme Dufour après l'assermentation."
    )
    assert "Dufour" in (speaker(article, "des annonces seront faites") or "")


def test_incise_clause_with_a_partial_quote_is_one_indirect_quote() -> None:
    article = read_fr(
        "Le renouvellement du contrat de la star argentine Lionel Messi avec Barcelone «se déroule de manière "
        "adéquate», a déclaré aujourd'hui le président du club catalan, Joan Laporta."
    )
    quote = quote_with(article, "se déroule")
    assert quote.kind == "indirect"
    assert quote.text.startswith("Le renouvellement du contrat")
    assert speaker(article, "se déroule") == "Joan Laporta"


def test_a_direct_quote_before_an_incise_stays_direct() -> None:
    article = read_fr("« Nous allons gagner », envoyé spécial à Paris, a expliqué Jean Dupont.")
    quote = quote_with(article, "Nous allons gagner")
    assert quote.kind == "direct"
    assert quote.text == "« Nous allons gagner »"


def test_a_verb_with_a_person_object_after_a_relative_clause_is_no_incise() -> None:
    article = read_fr("Le ministre, qui était en visite à Lille, a salué Emmanuel Macron.")
    assert article.quotes == []


def test_que_clause_keeps_the_tail_the_parser_hung_on_the_verb() -> None:
    article = read_fr(
        "Christine Boivin assure qu'elle est en très bon terme avec les membres de sa famille et qu'elle doit "
        "des explications à ses citoyens."
    )
    quote = quote_with(article, "très bon terme")
    assert quote.text.endswith("qu'elle doit des explications à ses citoyens")


def test_a_que_clause_with_a_partial_quote_is_one_quote() -> None:
    article = read_fr(
        "Le ministre Mahamadou Koné a parlé. Il affirme que les autorités « contrôlent désormais l'ensemble du "
        "territoire national »."
    )
    assert [(q.kind, q.text[:13]) for q in article.quotes] == [("indirect", "les autorités")]
    assert speaker(article, "les autorités") == "Mahamadou Koné"


def test_a_gerund_takes_the_subject_the_parser_hung_on_the_auxiliary() -> None:
    article = read_fr(
        "Le manager Ronald Koeman a semblé satisfait. Il a tout de même démarré cette dernière en disant que "
        "son équipe a bien joué."
    )
    assert speaker(article, "son équipe a bien joué") == "Ronald Koeman"


def test_selon_with_a_foreign_name_or_a_plural_pronoun() -> None:
    article = read_fr(
        "Selon Press News, le bénéfice du groupe ne dépasserait pas les 5 millions d'euros en 2007. "
        "Le syndicat OGBL condamne fermement la réforme. Selon eux, le modèle habituel de partenariat social a été "
        "remplacé."
    )
    assert speaker(article, "le bénéfice du groupe") == "Press News"
    assert speaker(article, "partenariat social") == "OGBL"


def test_se_dire_with_an_attribute_reports_what_the_speaker_says_of_itself() -> None:
    article = read_fr("Le canton de Fribourg se dit préparé face à la maladie.")
    quote = quote_with(article, "préparé")
    assert quote.text == "préparé face à la maladie"
    assert speaker(article, "préparé") == "canton de Fribourg"


def test_a_entendre_with_the_accent_lost_on_the_capital() -> None:
    article = read_fr("A entendre Maurice Ropraz, l'arrivée de la bactérie n'est qu'une question de temps.")
    assert speaker(article, "question de temps") == "Maurice Ropraz"


def test_an_unaccented_a_inside_a_sentence_is_no_source_marker() -> None:
    article = read_fr("Le club va a entendre les joueurs demain, puis il décidera.")
    assert article.quotes == []
