"""Noun phrases in the parse: the extent of a phrase from its head, and the first phrase after a
verb read left to right (the inverted subject of an incise, whatever the parser made of it).

Shared by the quote steps through analyze/quote_cues.py and by the speaker lookups.
"""

from __future__ import annotations

from typing import Any

from .quote_lexicon import Lexicon

Token = Any  # spacy.tokens.Token (spaCy is imported only by the nlp step)

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "X"})  # X: foreign names ("Selon Press News")
NP_INNER = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM", "X"})


def _apposition_end(doc: Any, start: int, stop: int, lex: Lexicon) -> int | None:
    """The end of an apposition starting at `start`, if punctuation or the range end closes it."""
    j = start
    while j < stop and (doc[j].pos_ in NP_INNER or doc[j].lower_.replace("’", "'") in lex.np_links):
        j += 1
    if j >= stop or doc[j].is_punct:
        return j
    return None


def _partitive(doc: Any, i: int, stop: int, lex: Lexicon) -> bool:
    """ "un des employés", "l'une de ses amies": a pronoun, then "de" and a noun phrase."""
    after = doc[i + 1] if i + 1 < stop else None
    return after is not None and after.lower_.replace("’", "'") in lex.np_links and after.pos_ == "ADP"


def linear_np(doc: Any, start: int, stop: int, lex: Lexicon) -> tuple[int, int] | None:
    """The first noun phrase in tokens [start, stop), read left to right: skips time words and
    prepositional phrases ("a déclaré jeudi à la presse le ministre"), keeps one apposition
    ("la ministre de la Santé, Claire Dumont")."""
    i = start
    while i < stop:
        token = doc[i]
        low = token.lower_.replace("’", "'")
        compound = token.pos_ == "ADV" and i + 1 < stop and doc[i + 1].pos_ == "ADP"  # "auprès de RTL"
        if compound:
            token = doc[i + 1]
        if (token.pos_ == "ADP" and low not in lex.np_links) or compound:
            i = max(i + 1, token.head.i + 1 if token.head.i < stop else i + 1)
            while i < stop and doc[i].pos_ in NP_INNER and doc[i].head.i < i and doc[i].pos_ != "PROPN":
                i += 1
            continue
        if token.pos_ in {"SCONJ", "ADV"} and low in lex.complementizers:  # the tagger calls some "que" ADV
            return None  # "a estimé que les choses …": what follows "que" is its clause's subject
        if token.pos_ == "ADP" or low in lex.time_words or token.pos_ in {"PUNCT", "ADV", "AUX", "PART", "SCONJ"}:
            i += 1
            continue
        if token.pos_ == "PRON" and low not in lex.person_pronouns and not _partitive(doc, i, stop, lex):
            return None  # "c'est", "qui", "se": no speaker phrase starts here
        if token.pos_ in NOMINAL or token.pos_ == "DET":
            break
        return None
    if i >= stop:
        return None
    first = i
    last = i
    j = i
    pronoun = i + 1 if doc[i].pos_ == "DET" and i + 1 < stop and doc[i + 1].pos_ == "PRON" else i  # "l'une des"
    if doc[pronoun].pos_ == "PRON" and _partitive(doc, pronoun, stop, lex):
        j = pronoun + 1  # "un des employés": the pronoun heads the phrase
    appositions = 0
    while j < stop:
        token = doc[j]
        low = token.lower_.replace("’", "'")
        if token.pos_ in NP_INNER or low in lex.np_links or token.text in {"-"}:
            if token.pos_ in NP_INNER:
                last = j
            j += 1
            continue
        if token.text == "," and appositions == 0 and j + 1 < stop and doc[j + 1].pos_ in {"DET", "PROPN", "NOUN"}:
            end = _apposition_end(doc, j + 1, stop, lex)
            if end is None:
                break  # ", Jean-Paul Delevoye se montre …": the next phrase is a clause's subject
            appositions += 1
            last = end - 1
            j = end
            continue
        break
    nominal = [doc[k] for k in range(first, last + 1) if doc[k].pos_ in NOMINAL]
    if not nominal:
        return None  # 'fustigeant une "surenchère"': a determiner before a quote mark is no phrase
    if nominal[0].lower_ in lex.time_words:
        return linear_np(doc, last + 1, stop, lex)  # "annonce le lundi 22 avril que": a date, not a speaker
    return first, last + 1


def np_extent(head: Token, lex: Lexicon, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range of the noun phrase headed by `head`, within tokens [lo, hi): its subtree
    without clauses, trimmed of edge punctuation and prepositions."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in lex.dep_np_cut and child.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"}:
                continue
            if lo <= child.i < hi:
                keep.add(child.i)
                stack.append(child)
    first, last = head.i, head.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    doc = head.doc
    while first < last and (doc[first].pos_ in {"PUNCT", "ADP", "CCONJ"} or doc[first].is_space):
        first += 1
    while last > first and (
        doc[last].pos_ in {"PUNCT", "CCONJ", "ADP"} or doc[last].is_space or doc[last].lower_ in lex.time_words
    ):
        last -= 1  # nor on a day the parser hung on the noun: "a démenti ces informations mardi"
    return first, last + 1
