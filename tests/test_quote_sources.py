"""Who speaks when the text names a body, a role or a source rather than a person, and the
clauses around quoted words: fictional French news sentences written for these tests."""

from __future__ import annotations

from conftest import quote_with, read_fr, speaker


def test_a_sourced_clause_with_quoted_words_is_one_indirect_quote() -> None:
    article = read_fr(
        "Selon Rousseau, les « pièces du puzzle » sont sur la table pour commencer à former un gouvernement."
    )
    quote = quote_with(article, "pièces du puzzle")
    assert quote.kind == "indirect" and quote.text.startswith("les « pièces")
    assert quote.speaker is not None and quote.speaker.name == "Rousseau"


def test_a_clause_ending_in_quoted_words_is_kept() -> None:
    article = read_fr(
        "M. Macron a souligné lundi qu'il aurait l'occasion de s'adresser au Congrès, et de « s'adresser "
        "également à la jeunesse américaine lors d'un échange avec des étudiants à l'université »."
    )
    quote = quote_with(article, "occasion de s'adresser")
    assert quote.kind == "indirect" and quote.speaker is not None and quote.speaker.name == "Macron"


def test_inverted_subject_read_as_an_object_still_makes_an_incise() -> None:
    article = read_fr(
        "Le ministre a rencontré lundi le chef du gouvernement tunisien, indique un communiqué du ministère."
    )
    quote = quote_with(article, "a rencontré lundi")
    assert quote.kind == "indirect"
    assert (speaker(article, "a rencontré lundi") or "").endswith("communiqué du ministère")


def test_the_same_source_is_the_one_quoted_last() -> None:
    article = read_fr(
        "Le ministre a rencontré lundi son homologue, indique un communiqué de l'Élysée. "
        "Les deux parties ont exprimé « leur satisfaction quant à la qualité des relations », précise la même source."
    )
    assert (speaker(article, "leur satisfaction") or "").endswith("communiqué de l'Élysée")


def test_an_unnamed_spokesperson_speaks_for_the_organisation() -> None:
    article = read_fr(
        "Le réacteur de Flamanville a été arrêté samedi. « L'instruction se poursuit », a indiqué un "
        "porte-parole d'EDF. « Nous sommes confiants dans notre démonstration », a-t-il ajouté."
    )
    assert speaker(article, "instruction se poursuit") == "EDF"
    assert speaker(article, "sommes confiants") == "EDF"


def test_a_new_unnamed_official_is_not_the_one_named_before() -> None:
    article = read_fr(
        "Le préfet de la région, Jean-Marc Tessier, a réuni les maires lundi à Bamenda.\n\n"
        "Cinq fonctionnaires ont été pris en otage dimanche, selon un préfet de la région voisine."
    )
    assert speaker(article, "Cinq fonctionnaires") != "Jean-Marc Tessier"


def test_a_person_named_after_a_place_phrase_in_an_incise() -> None:
    article = read_fr(
        "« Qui osera encore prétendre qu'elle est sûre ? » s'est interrogé sur son compte Twitter "
        "Bertrand Vogel, le président de l'association."
    )
    assert speaker(article, "osera encore") == "Bertrand Vogel"


def test_elle_prefers_a_woman_by_her_first_name() -> None:
    article = read_fr(
        "Céline Vasseur dirige la rédaction depuis 2019. David Morand, son adjoint, a quitté la chaîne en mai.\n\n"
        "« Nous montrons ce qui se passe », explique-t-elle."
    )
    assert speaker(article, "Nous montrons") == "Céline Vasseur"


def test_an_unresolved_pronoun_names_nobody() -> None:
    # Sentence-initial "Il" is no name: it used to come out capitalised, as if it were one.
    article = read_fr("Il a affirmé qu'un nombre indéterminé d'habitants avaient été blessés.")
    assert speaker(article, "nombre indéterminé") == "il"


def test_the_person_introduced_right_after_an_opening_quote() -> None:
    article = read_fr(
        "C'est à un véritable round d'observation que se sont livrés les conseillers régionaux hier.\n\n"
        "« Le président a affirmé que les élus locaux étaient usés. Avons-nous l'air si usés, chers collègues ? ». "
        "Nadine Perrot a tout fait ce vendredi en séance plénière pour démentir le président."
    )
    assert speaker(article, "si usés") == "Nadine Perrot"


def test_requests_and_promises_with_an_infinitive_are_indirect_speech() -> None:
    article = read_fr(
        "Jean Burdeyron a invité Marie-Guite Dufay à arrêter de se lamenter. "
        "Le ministre de l'Économie Bruno Le Maire promet de trouver une solution d'ici cinq semaines."
    )
    assert speaker(article, "arrêter de se lamenter") == "Jean Burdeyron"
    assert speaker(article, "trouver une solution") == "Bruno Le Maire"


def test_the_addressee_of_a_call_is_not_its_speaker() -> None:
    # The subject is a title in quotation marks; the noun phrase after "appelle" is who is called.
    article = read_fr("«Les voix des Femmes» appelle les parties concernées à prendre en considération ces résultats.")
    assert all(q.speaker is None or "parties" not in q.speaker.name for q in article.quotes)


def test_a_participle_speaks_with_the_noun_it_hangs_on() -> None:
    article = read_fr(
        "Le raccordement est prévu samedi, a indiqué un porte-parole d'EDF, insistant sur le fait que ce "
        "contretemps n'avait rien de majeur."
    )
    assert speaker(article, "contretemps n'avait") == "EDF"


def test_a_pronoun_with_no_person_before_it_stands_for_the_organisation() -> None:
    article = read_fr(
        "La Coalition nationale pour le changement a exigé dimanche la dissolution de la commission électorale "
        "qu'elle accuse de « partialité »."
    )
    assert (speaker(article, "partialité") or "").startswith("Coalition nationale")


def test_its_leaders_are_those_of_the_organisation_named_as_subject() -> None:
    article = read_fr(
        "Le syndicat agricole FNSEA regrette un rendez-vous manqué avec l'exécutif lors du Salon de "
        "l'agriculture. Les actions sur le terrain vont se poursuivre, ont indiqué ses dirigeants dimanche."
    )
    assert speaker(article, "actions sur le terrain") == "FNSEA"


def test_a_description_opening_the_sentence_is_no_name() -> None:
    article = read_fr("Le président du club a estimé que la saison pouvait encore être sauvée.")
    assert speaker(article, "saison pouvait") == "le président du club"


def test_a_new_sentence_after_a_quote_is_no_incise() -> None:
    article = read_fr(
        "Rémi Barthe, reporter, reste perplexe : « Personne ne parlait des blessés il y a deux ans. » "
        "Paul Grenier évoque alors les interpellations violentes de l'époque."
    )
    assert speaker(article, "Personne ne parlait") == "Rémi Barthe"


def test_a_participle_on_a_thing_does_not_make_it_a_speaker() -> None:
    article = read_fr(
        "La lettre évoquait la décision du Parlement irakien, au lendemain d'un vote exhortant à expulser "
        "les troupes étrangères du pays."
    )
    assert all(q.speaker is None or "vote" not in q.speaker.name for q in article.quotes)


def test_a_phrase_before_on_names_the_source() -> None:
    article = read_fr("Du côté de la préfecture du Rhône, on assure que la situation est sous contrôle.")
    assert speaker(article, "sous contrôle") == "la préfecture du Rhône"


def test_a_place_before_on_names_no_source() -> None:
    article = read_fr("À Paris, on estime que la réforme est nécessaire.")
    assert not [q for q in article.quotes if "réforme" in q.text]


def test_selon_lesquelles_gives_content_not_a_source() -> None:
    article = read_fr(
        "Le gouvernement dément les rumeurs selon lesquelles des diplomates auraient été expulsés de Rabat "
        "la semaine dernière."
    )
    assert all(q.speaker is None or "diplomates" not in q.speaker.name for q in article.quotes)


def test_participle_at_the_root_of_a_verbless_sentence_does_not_recurse() -> None:
    # spaCy builds a new Token object on each access, so a root's head "is not" the root: the
    # speaker search once climbed from a root participle to itself until RecursionError.
    article = read_fr("Réunion au sommet, soulignant que la paix est proche.")
    assert not [p for p in article.problems if p.step.startswith(("quotes", "claims"))]


def test_selon_names_the_source_over_an_inanimate_subject() -> None:
    article = read_fr(
        "Deux gendarmes ont été placés en garde à vue. Selon le procureur, les analyses ont alors révélé que "
        "les gendarmes n'avaient consommé ni stupéfiants ni alcool."
    )
    assert speaker(article, "ni stupéfiants") == "le procureur"


def test_du_cote_de_after_an_inverted_on_names_the_source() -> None:
    article = read_fr("« Le fondateur devrait faire une offre au tribunal », note-t-on du côté de la CFDT.")
    assert speaker(article, "offre au tribunal") == "CFDT"
