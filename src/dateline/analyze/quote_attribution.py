"""Who a reporting verb's speaker is, as a character span: shared by quotes and claims.

Order of evidence, strongest first: an inverted pronoun ("a-t-il ajouté"), the agent of a
passive ("démentie par Mark Esper"), the grammatical subject, a source after a verb of
learning ("a-t-on appris auprès de la fédération"), then the first noun phrase after the verb
(the inverted subject of an incise, which the parser often mislabels).
"""

from __future__ import annotations

from typing import Any

from . import quote_cues as cues
from .quote_cues import Token, Unit
from .quote_lexicon import Lexicon
from .speaker_index import ORG_LABELS, PERSON_LABELS


def source_after(verb: Token, unit: Unit, normalised: str, lex: Lexicon) -> tuple[int, int, Token] | None:
    """ "auprès de X" after the verb, in the same sentence."""
    doc = verb.doc
    tail = normalised[doc[verb.i].idx : unit.end].lower()
    for marker in lex.source_after_verb:
        at = tail.find(marker + " ") if not marker.endswith("'") else tail.find(marker)
        if at < 0:
            continue
        char = doc[verb.i].idx + at + len(marker)
        token = _token_at(doc, char)
        if token is None:
            continue
        if token.i > 0 and doc[token.i - 1].pos_ == "NOUN":
            token = doc[token.i - 1]  # "de source policière": the marker's noun heads the source
        span = cues.linear_np(doc, token.i, unit.last, lex)
        if span is not None:
            return (*_chars(doc, span), doc[span[1] - 1])
    return None


def _token_at(doc: Any, char: int) -> Token | None:
    for token in doc:
        if token.idx >= char:
            return token
    return None


def _chars(doc: Any, span: tuple[int, int]) -> tuple[int, int]:
    first, last = doc[span[0]], doc[span[1] - 1]
    return first.idx, last.idx + len(last.text)


def _head_of(doc: Any, span: tuple[int, int], lex: Lexicon) -> Token:
    """The most name-like token of a span: a role noun, else a proper noun, else the last noun."""
    tokens = [doc[i] for i in range(*span)]
    for token in tokens:  # the first noun naming people: "Les avocats du colonel" -> avocats
        if token.lower_ in lex.person_roles or token.lemma_.lower() in lex.person_roles:
            return token
    for token in tokens:
        if token.pos_ == "PROPN":
            return token
    nouns = [t for t in tokens if t.pos_ in cues.NOMINAL]
    return nouns[0] if nouns else tokens[0]


def speaker_span(
    verb: Token, unit: Unit, normalised: str, lex: Lexicon, skip: list[tuple[int, int]], *, incise: bool = False
) -> tuple[int, int, Token] | None:
    """The characters of the verb's speaker mention and its head token, or None. In an incise
    ("…, explique l'élu, …") the subject follows the verb whatever the parser says."""
    doc = verb.doc
    if cues.placeholder_subject(verb, lex):
        return None
    pronoun = cues.hyphen_pronoun(verb, lex)
    if pronoun is not None:
        if pronoun.lower_ in lex.person_pronouns:
            return pronoun.idx + 1, pronoun.idx + len(pronoun.text), pronoun  # without the hyphen
        return source_after(verb, unit, normalised, lex)
    if incise and not _pronoun_first(verb, lex):
        after = _after(verb, unit, lex, skip)
        if after is not None:
            return after
    agent = cues.agent(verb, lex)
    if agent is not None:
        span = cues.np_extent(agent, lex, unit.first, unit.last)
        if span is not None:
            return (*_chars(doc, span), _head_of(doc, span, lex))
    subject = cues.subject(verb, lex)
    if subject is not None and not cues.in_quote(subject.idx, skip):
        span = cues.np_extent(subject, lex, unit.first, unit.last)
        if span is not None:
            span = _outside(doc, span, skip)
            return (*_chars(doc, span), _head_of(doc, span, lex))
    found = source_after(verb, unit, normalised, lex) or _fronted_source(verb, unit, lex, skip)
    if found is not None:
        return found
    if subject is not None and subject.i < verb.i and not any(t.text == "," for t in doc[subject.i : verb.i]):
        return None  # «Les voix des Femmes» appelle les parties à …: what follows is the addressee
    if lex.participle_takes_head and "Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense"):
        # "…, appelant à …": a present participle speaks with its head verb's subject, or is
        # said of the noun it hangs on ("un porte-parole d'EDF, insistant sur …"); the noun
        # phrase after it is its object.
        head = verb.head
        if head.lower_ in lex.document_nouns and head.dep_ in lex.dep_object and head.head.pos_ in {"VERB", "AUX"}:
            head = head.head  # "ont publié une déclaration indiquant que": who published it speaks
        elif head.pos_ in cues.NOMINAL and not _can_speak(head, lex) and doc[verb.i - 1].text == ",":
            while head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
                head = head.head  # ", qualifiant …" hung on "la crise": said of the main clause's subject
        speaks = head.pos_ == "PROPN" or head.ent_type_ != "" or _can_speak(head, lex)
        span = cues.np_extent(head, lex, unit.first, unit.last) if head.pos_ in cues.NOMINAL and speaks else None
        if span is not None and head.i != verb.i:
            return (*_chars(doc, span), _head_of(doc, span, lex))
        if head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
            found = speaker_span(head, unit, normalised, lex, skip)
            if found is not None:
                return found
    if not cues.inverted(verb, lex, unit.last):
        back = cues.backward_np(verb, lex, unit.first)
        if back is not None and not cues.in_quote(doc[back[0]].idx, skip):
            return (*_chars(doc, back), _head_of(doc, back, lex))
    return _after(verb, unit, lex, skip)


def _pronoun_first(verb: Token, lex: Lexicon) -> bool:
    """ "« … » Il évoque alors les interpellations": a new sentence whose subject pronoun comes
    before the verb, not an incise with the subject after it."""
    return any(c.dep_ in lex.dep_subject and c.i < verb.i and c.lower_ in lex.person_pronouns for c in verb.children)


def _after(verb: Token, unit: Unit, lex: Lexicon, skip: list[tuple[int, int]]) -> tuple[int, int, Token] | None:
    doc = verb.doc
    start = verb.i + 1
    while start < unit.last and (doc[start].text.startswith("-") or cues.in_quote(doc[start].idx, skip)):
        start += 1
    stop = start
    while stop < unit.last and not cues.in_quote(doc[stop].idx, skip):
        stop += 1
    linear = cues.linear_np(doc, start, stop, lex)
    if linear is not None:
        return (*_chars(doc, linear), _head_of(doc, linear, lex))
    return None


def _outside(doc: Any, span: tuple[int, int], skip: list[tuple[int, int]]) -> tuple[int, int]:
    first, last = span
    while first < last - 1 and cues.in_quote(doc[first].idx, skip):
        first += 1
    while last - 1 > first and cues.in_quote(doc[last - 1].idx, skip):
        last -= 1
    return first, last


def _can_speak(noun: Token, lex: Lexicon) -> bool:
    """A common noun that names someone who can speak: a person's role, an organisation, a
    document ("un porte-parole", "le syndicat", "le communiqué"); not "un vote" or "la crise"."""
    return bool({noun.lower_, noun.lemma_.lower()} & lex.speaking_nouns)


def _fronted_source(
    verb: Token, unit: Unit, lex: Lexicon, skip: list[tuple[int, int]]
) -> tuple[int, int, Token] | None:
    """ "Du côté du service de presse, on indique que …": with a generic subject, the phrase
    before it names the source: the last body or person named there, else its last
    organisation or document noun."""
    doc = verb.doc
    generic = next((c for c in verb.children if c.dep_ in lex.dep_subject and c.lower_ in lex.generic_subjects), None)
    if generic is None or generic.i == 0 or doc[generic.i - 1].text != ",":
        return None
    lo = max(unit.first, verb.sent.start)
    phrase = doc[lo : generic.i - 1]
    for ent in reversed(phrase.ents):
        if ent.label_ in PERSON_LABELS | ORG_LABELS and not cues.in_quote(ent.start_char, skip):
            return ent.start_char, ent.end_char, ent.root
    for token in reversed(phrase):
        if token.lower_ in lex.org_nouns | lex.document_nouns and not cues.in_quote(token.idx, skip):
            span = cues.np_extent(token, lex, phrase.start, phrase.end)
            if span is not None:
                return (*_chars(doc, span), token)
    return None
