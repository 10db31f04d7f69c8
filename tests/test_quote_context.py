"""Speakers of quotes found by their surroundings rather than a verb in their own sentence, on
fictional French news paragraphs written for these tests: a colon ending the previous paragraph,
a signature after the closing mark, a speaker going on until somebody else is named, a caption
line before a paragraph, straight quotation marks spaced the French way."""

from __future__ import annotations

from conftest import quote_with, read_fr, speaker


def test_colon_at_the_end_of_the_previous_paragraph_introduces_the_quote() -> None:
    article = read_fr(
        "Le chantier du tunnel a pris deux ans de retard, comme l'explique l'ingénieur Thibault Marchetti, "
        "interrogé par La Voix du Nord :\n\n"
        "« Le sous-sol est plus friable que prévu et chaque mètre nous coûte une semaine. »"
    )
    assert speaker(article, "plus friable") == "Thibault Marchetti"


def test_name_signed_after_the_closing_mark() -> None:
    article = read_fr(
        "Le débat a tourné court sur le plateau de la chaîne régionale.\n\n"
        "« Elle n'avait rien à faire à cet endroit, elle savait que c'était risqué. » "
        "Gaëtan Mercier, éditorialiste, le 12 février sur la chaîne."
    )
    assert speaker(article, "rien à faire") == "Gaëtan Mercier"


def test_a_speaker_goes_on_until_someone_else_is_named() -> None:
    article = read_fr(
        "Yasmine Haddad, infirmière à l'hôpital de Lens, raconte ses nuits de garde.\n\n"
        "« Nous sommes trois pour quarante lits », dit-elle.\n\n"
        "Le service a perdu six postes en deux ans. Les départs à la retraite n'ont pas été remplacés. "
        "Les intérimaires coûtent cher. La direction cherche des solutions depuis l'automne.\n\n"
        "Le plan de recrutement annoncé en janvier n'a rien changé pour l'instant.\n\n"
        "« On tient parce qu'on s'aime bien, mais jusqu'à quand ? »"
    )
    assert speaker(article, "jusqu'à quand") == "Yasmine Haddad"


def test_a_quote_with_no_cue_goes_to_the_person_the_text_is_about() -> None:
    article = read_fr(
        "Dans son atelier de Roubaix, le tisserand Marcel Delobel reçoit les visiteurs chaque samedi. "
        "Les métiers à tisser datent de 1920. Le bruit couvre les conversations. Le fils du patron "
        "a repris la comptabilité. Les commandes arrivent d'Italie et du Japon.\n\n"
        "« Ici, rien ne se jette, tout se répare. »"
    )
    assert speaker(article, "rien ne se jette") == "Marcel Delobel"


def test_a_caption_line_is_not_the_subject_of_the_next_paragraph() -> None:
    # The credit line has no full stop: parsed with the next paragraph, the parser gave
    # "commentait" a subject outside the speaker's paragraph.
    article = read_fr(
        "Une militante retourne vers le cortège - Paris - 5 mai 2024 © E.B\n\n"
        "Hervé Lenormand, Directeur du journal Le Courrier, commentait lors de la publication du sondage : "
        "« Nos lecteurs ont un regard de plus en plus exigeant. »"
    )
    assert speaker(article, "regard de plus en plus") == "Hervé Lenormand"


def test_straight_quotes_with_a_space_before_the_closing_mark() -> None:
    article = read_fr(
        'L\'usine de Denain attend un repreneur. "Je suis quand même inquiet pour la suite ", explique '
        'Bruno Caron, soudeur. "Le site est rentable ", assure Nadia Ferhat, déléguée syndicale.'
    )
    assert speaker(article, "quand même inquiet") == "Bruno Caron"
    assert speaker(article, "site est rentable") == "Nadia Ferhat"
    assert not any(p.code == "E407" for p in article.problems)


def test_a_quote_after_indirect_speech_keeps_its_speaker() -> None:
    # Direct quotes are read before indirect speech: the gap is filled once all are found.
    article = read_fr(
        "Le redémarrage du réacteur a été décalé de quelques heures samedi, a indiqué un porte-parole "
        "d'EDF.\n\n"
        '"C\'est la procédure habituelle, rien de plus."\n\n'
        "Selon lui, l'arrêt automatique s'est produit vendredi matin après un orage."
    )
    assert speaker(article, "procédure habituelle") == "EDF"
    assert speaker(article, "arrêt automatique") == "EDF"


def test_a_page_cut_short_inside_a_quote_keeps_the_quote() -> None:
    article = read_fr(
        "Le procès s'est achevé mercredi à Nouméa.\n\n"
        'La réponse de Me Patrice Tehio pour la défense va être véhémente. "Où est le respect de la '
        "présomption d'innocence ? Mon client n'est ni un psychopathe, ni un manipulateur."
    )
    quote = quote_with(article, "présomption d'innocence")
    assert quote.kind == "direct" and quote.text.endswith("manipulateur.")
    assert any(p.code == "E407" for p in article.problems)  # the open mark is still reported


def test_colon_clause_naming_a_source_after_a_marker() -> None:
    article = read_fr(
        'Christof Burkard, de Swissmem, ne prévoit pas de vague de licenciements. "Il y aura des suppressions '
        'ponctuelles", a-t-il dit. Même son de cloche du côté de Mathias Regotz, du syndicat Syna: "Nous '
        "supposons que certaines entreprises vont suivre. Cela n'annonce pas de coupes\"."
    )
    assert speaker(article, "certaines entreprises") == "Mathias Regotz"


def test_a_verb_inside_the_quote_with_an_object_is_no_incise() -> None:
    article = read_fr(
        "«Je suis très contente de cette diffusion», a déclaré Alexia Portal, conseillère municipale. « Je suis "
        "heureux que le film puisse être vu. Il tend un miroir, rappelle des souvenirs à plein de gens. Nous avons "
        "tous gardé le silence. »"
    )
    assert speaker(article, "tend un miroir") == "Alexia Portal"


def test_a_name_inside_the_quote_is_not_the_role_named_before_it() -> None:
    article = read_fr(
        "Le président du club a clos le sujet : «Les deux parties sont au courant de tout et nous continuons. "
        "Leo est sur un bon pied.»"
    )
    assert speaker(article, "bon pied") == "le président du club"  # the role, unresolved, not "Leo"
