"""Reporting verbs in the parse: the cue span, its negation, and who the verb's speaker is.

Everything here reads the spaCy parse (lemmas, dependencies, morphology) through the
language's labels and words in `Lexicon`; nothing is a list of inflected forms. Around
quotation marks the parse is often wrong (an inverted subject after "a déclaré" comes out as
an object), so the inverted subject of an incise is read linearly instead: the first noun
phrase after the verb that is not a time word or a prepositional phrase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..article import Cue
from .nlp import parsed_text
from .noun_phrases import NOMINAL, NP_INNER, linear_np, np_extent
from .quote_lexicon import Lexicon

__all__ = ["NOMINAL", "NP_INNER", "linear_np", "np_extent"]  # read through this module by the quote steps

Token = Any  # spacy.tokens.Token (spaCy is imported only by the nlp step)

# Tokens between an inverted verb and its subject ("a déclaré jeudi à la presse le ministre"):
# 6 covers a weekday plus a short prepositional phrase, as in the challenge set and the gold.
INVERSION_GAP = 6


@dataclass(frozen=True)
class Unit:
    """A sentence, merged with its neighbours when a quote runs across spaCy's boundary."""

    start: int  # char offsets
    end: int
    first: int  # token indices, inclusive / exclusive
    last: int


def units(doc: Any, spans: Iterable[tuple[int, int]]) -> list[Unit]:
    """spaCy's sentences, never split inside a quote nor between a closing mark and the
    reporting clause that follows it (the parser often ends a sentence at "»")."""
    quoted = sorted(spans)
    text: str = text_of(doc)
    merged: list[list[int]] = []
    for sent in doc.sents:
        if merged and _joins(merged[-1][1], sent.start_char, quoted, text):
            merged[-1][1] = sent.end_char
            merged[-1][3] = sent.end
        else:
            merged.append([sent.start_char, sent.end_char, sent.start, sent.end])
    return _split_at_openings([Unit(start=a, end=b, first=c, last=d) for a, b, c, d in merged], doc, quoted)


def _split_at_openings(found: list[Unit], doc: Any, quoted: list[tuple[int, int]]) -> list[Unit]:
    """A quote opening after a full stop starts a sentence, whatever the parser thought."""
    text: str = text_of(doc)
    out: list[Unit] = []
    for unit in found:
        cuts = [
            s
            for s, _ in quoted
            if unit.start < s < unit.end and text[unit.start : s].rstrip()[-1:] in {".", "!", "?", "…"}
        ]
        # Paragraph breaks end a sentence too (the parser sometimes runs over them).
        cuts += [k + 1 for k in range(unit.start, unit.end - 1) if text[k] == "\n" and not in_quote(k, quoted)]
        cuts = sorted({c for c in cuts if not text[c].isspace()})
        start, first = unit.start, unit.first
        for cut in cuts:
            span = doc.char_span(cut, cut + 1, alignment_mode="expand")
            if span is None or span.start <= first:
                continue
            out.append(
                Unit(
                    start=start,
                    end=doc[span.start - 1].idx + len(doc[span.start - 1].text),
                    first=first,
                    last=span.start,
                )
            )
            start, first = cut, span.start
        out.append(Unit(start=start, end=unit.end, first=first, last=unit.last))
    return out


def _joins(prev_end: int, next_start: int, quoted: list[tuple[int, int]], text: str) -> bool:
    if any(start < next_start < end or start < prev_end < end for start, end in quoted):
        return True
    if "\n" in text[prev_end:next_start]:
        return False
    head = text[next_start : next_start + 1]
    if head in {",", ";", ")"}:
        return True
    if text[:prev_end].rstrip()[-1:] not in {".", "!", "?", "…", ":", "»", "”", '"'}:
        return True  # the parser cut a sentence without punctuation ("Météo" / "-" / "France")
    ends_quote = any(end == prev_end for _, end in quoted)
    return ends_quote and (head.islower() or head in {",", "-"})


text_of = parsed_text  # the parsed text, computed once per Doc (analyze/nlp.py)


def mostly_quoted(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether quotation marks enclose at least 60 % of [start, end): the words are then a direct
    quote with a little context, not the writer's clause with a partial quote in it."""
    inside = sum(max(0, min(e, end) - max(s, start)) for s, e in spans)
    return inside >= 0.6 * (end - start)


def in_quote(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def is_verb(token: Token, lex: Lexicon) -> bool:
    """A reporting verb: by the parse's lemma, or, for a verb the tagger missed before an
    inverted pronoun ("estime-t-il" tagged as an adverb), by the lemma of a re-parse."""
    if token.pos_ in {"VERB", "AUX"}:
        lemma = token.lemma_.lower()
        needed = lex.verb_with_head.get(lemma)
        if needed is not None:  # "a fait savoir que": speech only under its light verb
            light = [token.head] if token.head.i != token.i else []
            light += [c for c in token.children if c.i < token.i]  # "ont fait savoir", "fait" a dependent
            return any(t.lemma_.lower() == needed for t in light)
        if lex.is_quote_verb(lemma):
            return True
        verb = lex.verb_of_form(token.text) if lemma == token.lower_ else None  # "estime" kept as lemma
        return verb is not None and lex.is_quote_verb(verb)
    return _before_inverted_pronoun(token) and lex.is_quote_verb(relemma(token.text, lex.code))


def verbal(token: Token) -> bool:
    return bool(token.pos_ == "VERB" or (token.pos_ != "AUX" and _before_inverted_pronoun(token)))


def lemma(token: Token, lex: Lexicon) -> str:
    found = str(token.lemma_) if token.pos_ in {"VERB", "AUX"} else relemma(token.text, lex.code)
    if found.lower() == token.lower_ and not lex.is_quote_verb(found):
        return lex.verb_of_form(token.text) or found  # "estime" left as its own lemma
    return found


def _before_inverted_pronoun(token: Token) -> bool:
    if token.whitespace_ or not token.is_alpha:
        return False  # "estime-t-il": no space between the verb and its pronoun
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return nxt is not None and nxt.text.startswith("-") and len(nxt.text) > 1 and token.is_alpha


@cache
def relemma(word: str, code: str) -> str:
    """The verb lemma of a word the tagger did not read as a verb: the model's own lemmatizer
    run on the word tagged VERB (rare: only words directly before an inverted pronoun)."""
    from spacy.tokens import Doc

    from .nlp import model

    nlp = model(code)
    if "lemmatizer" not in nlp.pipe_names:
        return word.lower()
    doc = Doc(nlp.vocab, words=[word.lower()])
    doc[0].pos_ = "VERB"
    return str(nlp.get_pipe("lemmatizer")(doc)[0].lemma_).lower()


def auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]


def cue(verb: Token, doc: Any) -> Cue:
    """The verb with its auxiliaries and inverted pronoun: "a déclaré", "a-t-il ajouté"."""
    first = min([verb.i, *(a.i for a in auxiliaries(verb))])
    last = verb.i
    while last + 1 < len(doc) and doc[last + 1].text.startswith("-") and len(doc[last + 1].text) > 1:
        last += 1  # "estime-t-il"
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return Cue(start=start, end=end, text=text_of(doc)[start:end])


def negated(verb: Token, lex: Lexicon) -> bool:
    for child in verb.children:
        if child.lower_.replace("’", "'") in lex.negation and child.dep_ not in lex.dep_subject:
            return True
        if "Neg" in child.morph.get("Polarity") and child.pos_ in {"ADV", "PART"}:
            return True
    return False


def hedged(verb: Token, lex: Lexicon) -> bool:
    if "Cnd" in verb.morph.get("Mood") or any("Cnd" in a.morph.get("Mood") for a in auxiliaries(verb)):
        return True
    if verb.head.i != verb.i and verb.head.lemma_.lower() in lex.hedges:
        return True
    return any(c.lower_ in lex.hedges or c.lemma_.lower() in lex.hedges for c in verb.children)


def hyphen_pronoun(verb: Token, lex: Lexicon) -> Token | None:
    """The inverted subject pronoun attached to the verb or its auxiliary ("a-t-elle")."""
    doc = verb.doc
    lo = min([verb.i, *(a.i for a in auxiliaries(verb))])
    for i in range(lo, min(verb.i + 3, len(doc))):
        token = doc[i]
        if token.text.startswith("-") and token.lower_ in lex.person_pronouns:
            return token
        if token.text.startswith("-") and token.lower_ in lex.impersonal and token.lower_ != "-t":
            return token
    return None


def followed_by_np(verb: Token, lex: Lexicon, stop: int) -> bool:
    """A noun phrase or inverted pronoun right after the verb: the subject of an incise
    (", explique Antony Fastier, …"), whatever the parser made of the sentence."""
    if hyphen_pronoun(verb, lex) is not None:
        return True
    span = linear_np(verb.doc, verb.i + 1, stop, lex)
    return span is not None and span[0] - verb.i <= INVERSION_GAP


def inverted(verb: Token, lex: Lexicon, stop: int) -> bool:
    """The verb's subject follows it ("…, explique Antony Fastier"; "a-t-elle ajouté"): in
    French news an inverted verb after or inside a quote is an incise of speech."""
    if hyphen_pronoun(verb, lex) is not None:
        return True
    if subject_before(verb, lex):
        return False
    span = linear_np(verb.doc, verb.i + 1, stop, lex)
    return span is not None and span[0] - verb.i <= INVERSION_GAP


def subject_before(verb: Token, lex: Lexicon) -> bool:
    """The verb has a subject before it; a phrase with a preposition the parser called its
    subject is none ("…, reçu par le chef du gouvernement, indique un communiqué")."""
    return any(
        c.dep_ in lex.dep_subject and c.i < verb.i and not any(g.dep_ == "case" for g in c.children)
        for c in verb.children
    )


def placeholder_subject(verb: Token, lex: Lexicon) -> bool:
    """ "Il faut signaler que …": the verb, or the verb it is the complement of, has a
    placeholder subject; nobody is the speaker."""
    if hyphen_pronoun(verb, lex) is not None:
        return False  # "a-t-il ajouté": the "-t-" the parser may call expletive
    token = verb
    for _ in range(3):
        expletive = [c for c in token.children if c.dep_ in lex.dep_expletive and not c.text.startswith("-")]
        if expletive and not (token.i == verb.i and _personal(verb, expletive[0], lex)):
            return True
        if token.dep_ not in lex.dep_xcomp or token.head.i == token.i:
            return False
        token = token.head
    return False


def _personal(verb: Token, pronoun: Token, lex: Lexicon) -> bool:
    """ "Il croit que …" with "Il" parsed as a placeholder: on a verb of speech a personal pronoun
    is the speaker, unless the verb is reflexive ("Il se dit que …", it is said); "Il convient de
    rappeler" has its placeholder on "convient", not on the verb of speech."""
    return pronoun.lower_ in lex.person_pronouns and not any("Yes" in c.morph.get("Reflex") for c in verb.children)


def subject(verb: Token, lex: Lexicon) -> Token | None:
    """The verb's grammatical subject, following conjoined and relative verbs upward."""
    token = verb
    for _ in range(3):
        # "Il a tout de même démarré": the parser may hang the subject on the auxiliary
        under_aux = [g for c in token.children if c.dep_.startswith("aux") and c.i < token.i for g in c.children]
        for child in [*token.children, *under_aux]:
            if child.dep_ in lex.dep_subject and child.dep_ not in lex.dep_passive_subject:
                if child.lower_.replace("’", "'") in lex.impersonal:
                    continue  # "c'est ainsi qu'il a qualifié": the person subject comes next
                if child.pos_ == "PRON" and child.dep_ in lex.dep_subject and child.lower_ not in lex.person_pronouns:
                    if token.dep_.endswith("relcl") or "relcl" in token.dep_:
                        return token.head  # "une lettre … qui annonçait": the antecedent noun
                    continue
                return child
        stolen = _participle_subject(token, lex)
        if stolen is not None:
            return stolen
        finite = "Fin" in token.morph.get("VerbForm")
        if token.dep_ == "acl" and finite and token.head.pos_ in {"NOUN", "PROPN"} and token.head.i < token.i:
            return token.head  # "L'avocate du suspect, Me X, conteste …": the main verb hung on its subject
        participle = token.pos_ == "VERB" and not auxiliaries(token) and token.dep_ in {"advcl", "acl", "conj", "xcomp"}
        # "X a salué l'accord, mais a noté que …": a conjoined verb shares its head's subject
        shares = token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}
        if (participle or shares) and token.head.i != token.i:
            token = token.head  # "…, estimant que": the subject of the verb it hangs on
            pronoun = hyphen_pronoun(token, lex)
            if pronoun is not None and pronoun.lower_ in lex.person_pronouns:
                return pronoun  # "déplore-t-elle, en rappelant …"
            continue
        break
    return None


def _participle_subject(verb: Token, lex: Lexicon) -> Token | None:
    """ "Le président du MR, reçu lundi par le Roi, a estimé …": the parser hangs the subject on
    the participle before the verb; a participle has no subject of its own."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ == "advcl" and "Part" in child.morph.get("VerbForm"):
            for grandchild in child.children:
                if grandchild.dep_ in lex.dep_subject and grandchild.i < child.i and grandchild.pos_ != "PRON":
                    return grandchild
    return None


def agent(verb: Token, lex: Lexicon) -> Token | None:
    for child in verb.children:
        if child.dep_ in lex.dep_agent:
            return child
    return None


def passive_subject(verb: Token, lex: Lexicon) -> Token | None:
    for child in verb.children:
        if child.dep_ in lex.dep_passive_subject:
            return child
    return None


def backward_np(verb: Token, lex: Lexicon, lo: int) -> tuple[int, int] | None:
    """The subject the parser missed, read leftwards from the verb to the clause start: a
    person's name if one is there ("Charlotte Houpline, fondatrice WARA affirme"), else the
    noun phrase right before the verb ("Météo-France précise que")."""
    doc = verb.doc
    first = min([verb.i, *(a.i for a in auxiliaries(verb))])
    i = first - 1
    while i >= lo and (doc[i].pos_ in {"ADV", "PART"} or doc[i].lower_.replace("’", "'") in lex.negation):
        i -= 1
    start = i
    while start >= lo and not (doc[start].text in {".", ";", ":", "!", "?"} or doc[start].is_quote):
        finite = doc[start].pos_ in {"VERB", "AUX"} and "Fin" in doc[start].morph.get("VerbForm")
        if (finite or doc[start].pos_ == "SCONJ") and doc[start].ent_type_ == "":
            break  # a mis-tagged title ("fondatrice" as a participle) does not end the subject
        start -= 1
    start += 1
    for ent in doc[start : i + 1].ents:
        if ent.label_ in {"PER", "PERSON"}:
            return ent.start, ent.end
    end = i + 1
    j = i
    while j >= start and (
        doc[j].pos_ in NP_INNER or doc[j].lower_.replace("’", "'") in lex.np_links or doc[j].text == "-"
    ):
        j -= 1
    if end - (j + 1) <= 0 or not any(doc[k].pos_ in {"NOUN", "PROPN"} for k in range(j + 1, end)):
        return None
    return j + 1, end
