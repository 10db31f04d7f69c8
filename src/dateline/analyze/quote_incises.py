"""The reporting verb of a direct or partial quote: an incise inside the marks ("…, a-t-elle
ajouté, …") or right after them ("», estime-t-il"), the verb that governs a few quoted words,
or the nearest reporting verb of the sentence, and the verbs after a quote that are no incise.
"""

from __future__ import annotations

from typing import Any

from . import quote_cues as cues
from .quote_cues import Token, Unit
from .quote_lexicon import Lexicon

# Tokens a partial quote may climb from its head to reach the verb that governs it: 3 covers
# "a dénoncé une réforme « injuste »" (adjective -> noun -> verb) and refuses an adverb inside
# a subordinate clause ("… « très probablement » pour en envoyer …"). Set on the challenge set.
PARTIAL_HOPS = 3
# Tokens between a closing mark and the reporting verb of its incise ("», a-t-il ajouté").
INCISE_GAP = 4
# Tokens an incise inside a quote may have after its subject before the next comma: a time or
# place ("…, a déclaré le ministre jeudi à Paris, …"); an object runs on longer.
INCISE_TAIL = 4


def incise_inside(doc: Any, span: Any, lex: Lexicon) -> Token | None:
    """« …, a-t-elle ajouté, … » or « …, explique Antony Fastier, … »: a verb between commas
    inside the quote, followed by its subject."""
    for token in span[1:-1]:
        if not cues.verbal(token):
            continue
        first = min([token.i, *(a.i for a in cues.auxiliaries(token))])
        while first - 1 > span.start and doc[first - 1].pos_ == "PRON" and doc[first - 1].text.endswith("'"):
            first -= 1  # "s'est défendu"
        if doc[first - 1].text != ",":
            continue
        stop = next((t.i for t in doc[token.i + 1 : span.end] if t.text in {",", "."} or t.is_quote), span.end)
        if not cues.followed_by_np(token, lex, stop) or _runs_on(doc, token, lex, stop):
            continue
        if cues.hyphen_pronoun(token, lex) is None and cues.subject_before(token, lex):
            continue  # « Notre délégation, conduite par X, a informé les médiateurs … »: the quote's own verb
        if cues.hyphen_pronoun(token, lex) is None and _object_after(token, lex, stop):
            continue  # « Il tend un miroir, rappelle des souvenirs à plein de gens. »: the quote's own verb
        bare_participle = "Part" in token.morph.get("VerbForm") and not cues.auxiliaries(token)
        if (
            cues.is_verb(token, lex)
            or cues.hyphen_pronoun(token, lex) is not None
            or (names_person(doc, token.i + 1, stop) and not bare_participle)  # not "…, dirigée par X, …"
        ):
            return token
    for token in span[2:-2]:  # ", pointe Philippe de Gonneville, …": a verb the tagger took for a noun
        mistagged = token.is_lower and token.is_alpha and token.pos_ in {"NOUN", "ADJ", "ADV"}
        if mistagged and doc[token.i - 1].text == "," and doc[token.i + 1].ent_type_ in {"PER", "PERSON"}:
            return token
    return None


def _object_after(verb: Token, lex: Lexicon, stop: int) -> bool:
    """A verb hung on one with a subject before it, followed by a phrase that names no one who can
    speak: it continues the quote's own sentence, and the phrase is its object."""
    if verb.dep_ not in {"conj", "advcl"} or verb.head.i >= verb.i or not cues.subject_before(verb.head, lex):
        return False
    np = cues.linear_np(verb.doc, verb.i + 1, stop, lex)
    if np is None:
        return False
    head = next((t for t in verb.doc[np[0] : np[1]] if t.pos_ in cues.NOMINAL), None)
    return head is not None and head.pos_ == "NOUN" and head.lemma_.lower() not in lex.speaking_nouns


def _runs_on(doc: Any, verb: Token, lex: Lexicon, stop: int) -> bool:
    """The words after the verb go on past its noun phrase to the next comma: an object and its
    complements ("…, a informé les médiateurs qataris de l'approbation …"), not an incise's
    subject, which the comma or the quote's end closes. Measured in tokens over the noun phrase;
    an inverted pronoun closes at once."""
    if cues.hyphen_pronoun(verb, lex) is not None:
        return False
    span = cues.linear_np(doc, verb.i + 1, stop, lex)
    return span is not None and stop - span[1] > INCISE_TAIL


def mistagged_verb(doc: Any, token: Token, lex: Lexicon) -> bool:
    """A reporting verb the tagger read as a noun or adjective, followed by a person's name: its
    lemma as a verb is in the lexicon ("critique" -> "critiquer")."""
    if not (token.is_lower and token.is_alpha and token.pos_ in {"NOUN", "ADJ", "ADV"}):
        return False
    if token.i + 1 >= len(doc) or doc[token.i + 1].ent_type_ not in {"PER", "PERSON"}:
        return False
    return lex.is_quote_verb(cues.relemma(token.text, lex.code)) or lex.verb_of_form(token.text) is not None


def names_person(doc: Any, start: int, stop: int) -> bool:
    return any(t.ent_type_ in {"PER", "PERSON"} for t in doc[start:stop])


def incise_after(doc: Any, end: int, unit: Unit, lex: Lexicon, pairs: list[tuple[int, int]]) -> Token | None:
    i, seen = end, 0
    while i < unit.last and seen <= INCISE_GAP:
        token = doc[i]
        if cues.in_quote(token.idx, pairs):
            return None
        if cues.verbal(token):
            # Inversion right after a quote ("« … », estime-t-il", "», s'est défendu le
            # contre-amiral X") marks an incise of speech whatever the verb, so a verb the
            # lexicon or the lemmatizer misses still counts.
            inverted = (
                cues.followed_by_np(token, lex, unit.last) and token.lemma_.lower() not in lex.reflexive_other_sense
            )
            # Without a comma after the mark, only a reporting verb or an inverted pronoun makes
            # an incise: "« mangez de tout » prend tout son sens" is the quote as a subject.
            comma = any(doc[k].text == "," for k in range(end, token.i))
            inverted = inverted and (comma or cues.hyphen_pronoun(token, lex) is not None)
            if not comma and quoted_subject(doc, end, token, lex):
                return None  # «Les voix des Femmes» appelle …: the quoted words are its subject
            return token if (inverted or cues.is_verb(token, lex)) and not cues.negated(token, lex) else None
        if mistagged_verb(doc, token, lex):
            return token  # "» critique David Dufresne.": "critique" tagged as an adjective
        if not (token.is_punct or token.pos_ in {"AUX", "ADV", "PART", "PRON"} or token.text.startswith("-")):
            return None
        seen += 0 if token.is_punct else 1
        i += 1
    return None


def governing(span: Any, lex: Lexicon) -> tuple[Token | None, int]:
    """The reporting verb a partial quote is an argument of, through nouns only, and how
    many heads were climbed to reach it."""
    heads = [t for t in span if not t.is_punct and (t.head.i < span.start or t.head.i >= span.end)]
    token = heads[0].head if heads else None
    for hops in range(1, PARTIAL_HOPS + 1):
        if token is None:
            break
        if token.pos_ == "VERB":
            return (token, hops) if cues.is_verb(token, lex) and not cues.negated(token, lex) else (None, 0)
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "ADP", "DET", "PRON"} or token.head.i == token.i:
            break
        token = token.head
    return None, 0


def quoted_subject(doc: Any, end: int, verb: Token, lex: Lexicon) -> bool:
    """The verb's subject is the whole phrase between the marks that close at token `end - 1`."""
    for child in verb.children:
        if child.dep_ in lex.dep_subject and child.i < end - 1 and doc[child.left_edge.i - 1].is_quote:
            return bool(child.right_edge.i >= end - 2)
    return False


def not_incise(doc: Any, end: int, verb: Token, lex: Lexicon) -> bool:
    """A verb after the closing mark that is no incise of the quote: the quoted words are its
    subject, or (where incises invert their subject, as in French) it keeps its own subject
    before it with no comma after the mark ("« … » Il évoque alors …")."""
    if quoted_subject(doc, end, verb, lex):
        return True
    if lex.incise_subject_first or any(t.text == "," for t in doc[end : verb.i]):
        return False
    return not cues.inverted(verb, lex, len(doc))


def nearest_before(doc: Any, unit: Unit, first: int, lex: Lexicon, pairs: list[tuple[int, int]]) -> Token | None:
    for i in range(first - 1, unit.first - 1, -1):
        token = doc[i]
        if cues.in_quote(token.idx, pairs):
            break
        if token.dep_.startswith("acl") and "Part" in token.morph.get("VerbForm"):
            continue  # "X, interrogé par La Voix du Nord : « … »" describes the speaker
        if token.pos_ == "VERB" and cues.is_verb(token, lex) and not cues.negated(token, lex):
            return token
    return None


def first_after(doc: Any, unit: Unit, end: int, lex: Lexicon, pairs: list[tuple[int, int]]) -> Token | None:
    for i in range(end, unit.last):
        token = doc[i]
        if cues.in_quote(token.idx, pairs) or token.text in {".", "!", "?"}:
            return None  # another quote, or the next sentence the parser did not split off
        if token.pos_ == "VERB" and cues.is_verb(token, lex) and not cues.negated(token, lex):
            return token
    return None
