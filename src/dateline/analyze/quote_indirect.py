"""Indirect speech: a reporting verb with its reported clause, an incise after a clause,
and sourced statements ("selon X, …", "d'après X", "à en croire X", "aux dires de X").

The reported content is a character span: the complement clause without its complementizer
("que", "that"), an infinitive complement for the verbs that take one ("a démenti avoir
reçu …"), the attribute of a reflexive verb of speech ("se dit préparé"), the clause before
an incise ("Le contrat sera signé, a indiqué une source"), or the sourced clause without its
marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..article import Cue
from . import quote_cues as cues
from .quote_cues import Token, Unit
from .quote_lexicon import Lexicon


@dataclass
class Reported:
    """A reported clause found by a verb or a source marker (before speaker resolution)."""

    start: int
    end: int
    verb: Token | None
    cue: Cue | None
    unit: Unit
    speaker: tuple[int, int, Token] | None = None
    incise: bool = False  # found as "<clause>, a indiqué X" rather than as the verb's complement


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge spaces and the clause's final punctuation (the span is the proposition)."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.!?"):
        end -= 1
    return start, end


def _addressee_relative(verb: Token, word: Token) -> bool:
    """ "qu'" parsed as the relative pronoun of a clause on a noun that hangs on the verb right
    before it (its addressee or source: "à l'AFP", "aux journalistes")."""
    clause = word.head
    noun = clause.head
    return (
        word.pos_ == "PRON"
        and "relcl" in clause.dep_
        and clause.i > word.i
        and noun.head.i == verb.i
        and noun.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "case" for c in noun.children)  # "à l'AFP", not "dire ce que …"
        and noun.i < word.i
        and all(t.i == noun.i or t.head.i == noun.i or t.is_punct for t in verb.doc[noun.i + 1 : word.i])
    )


def complement(verb: Token, lex: Lexicon, unit: Unit) -> tuple[int, int] | None:
    """The verb's reported clause as token range: que-clause, ccomp, or infinitive."""
    doc = verb.doc
    for token in doc[verb.i + 1 : unit.last]:
        low = token.lower_.replace("’", "'")
        if low in lex.complementizers and token.dep_ == "mark":
            head = token.head
            between = doc[verb.i + 1 : token.i]
            adverbial = head.dep_ in lex.dep_adverbial and head.head.i == verb.i
            if (
                head.i > token.i
                and _governs(verb, head)
                and not adverbial
                and not any(t.pos_ == "VERB" for t in between)
            ):
                return token.i + 1, min(_run_on(verb, _below(verb, head).right_edge.i + 1, lex), unit.last)
            break  # a later "que" belongs to another clause
        if low in lex.complementizers and _addressee_relative(verb, token):
            # "a indiqué à l'AFP qu'il appliquerait …": the parser read "qu'" as a relative
            # pronoun on the addressee; a verb of speech with its addressee takes a clause.
            return token.i + 1, min(token.head.right_edge.i + 1, unit.last)
    for child in verb.children:
        if child.dep_ in lex.dep_clause and child.i > verb.i and child.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
            first = child.left_edge.i
            if doc[first].lower_.replace("’", "'") in lex.complementizers:
                first += 1
            bare = doc[first - 1].lower_.replace("’", "'") not in lex.complementizers
            if bare and not lex.bare_clause_reported:  # French: a clause without "que" is a direct quote
                continue
            return max(first, verb.i + 1), min(child.right_edge.i + 1, unit.last)
    if verb.lemma_.lower() in lex.infinitive_verbs:
        for child in verb.children:
            infinitive = "Inf" in child.morph.get("VerbForm") or any(
                "Inf" in a.morph.get("VerbForm") for a in child.children if a.dep_.startswith("aux")
            )
            if child.dep_ in lex.dep_xcomp | lex.dep_object and child.i > verb.i and infinitive:
                return child.left_edge.i, min(child.right_edge.i + 1, unit.last)
    if verb.lemma_.lower() in lex.reflexive_attribute_verbs and any(
        "Yes" in c.morph.get("Reflex") for c in verb.children if c.i < verb.i
    ):  # "se disent satisfaits de leurs rencontres"
        for child in verb.children:
            attribute = child.pos_ == "ADJ" or "Part" in child.morph.get("VerbForm")
            if child.dep_ in lex.dep_xcomp and child.i > verb.i and attribute:
                return child.left_edge.i, min(child.right_edge.i + 1, unit.last)
    return None


def other_sense(verb: Token, lex: Lexicon) -> bool:
    """ "s'assurer que" is not "assurer que": a reflexive clitic changes these verbs' sense."""
    if verb.lemma_.lower() not in lex.reflexive_other_sense:
        return False
    return any("Yes" in c.morph.get("Reflex") for c in verb.children if c.i < verb.i)


def _below(verb: Token, token: Token) -> Token:
    """The ancestor of token that hangs on the verb: "estime qu'il n'y a pas eu d'élections" is
    parsed with "qu'" on "a", itself a dependent of "eu", so the clause ends where "eu" does."""
    while token.head.i != verb.i and token.head.i != token.i:
        token = token.head
    return token


def _run_on(verb: Token, end: int, lex: Lexicon) -> int:
    """Where a que-clause ends when the parser hung its tail on the verb of speech: "assure
    qu'elle est en bons termes avec sa famille et qu'elle doit des explications" has "avec sa
    famille" and the second que-clause on "assure". The clause takes the verb's dependents that
    follow it without a comma: complements, and clauses coordinated with their own "que"."""
    doc = verb.doc
    for child in sorted((c for c in verb.children if c.i >= end), key=lambda c: c.i):
        if child.left_edge.i != end or doc[end].is_punct:
            break
        marks = {g.lower_.replace("’", "'") for g in child.children}
        coordinated = child.dep_ == "conj" and bool(marks & lex.complementizers)
        if not (coordinated or child.dep_ in lex.dep_complement):
            break
        end = child.right_edge.i + 1
    return end


def _governs(verb: Token, token: Token) -> bool:
    for _ in range(4):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return True
    return False


def incise_clause(
    verb: Token, lex: Lexicon, unit: Unit, first_cue: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """ "<clause>, a indiqué X": the clause before the comma that opens the incise."""
    doc = verb.doc
    if lex.incise_subject_first:
        return _incise_subject_first(verb, lex, unit)
    if first_cue - 1 < unit.first or doc[first_cue - 1].text != ",":
        return None
    if first_cue - 2 >= unit.first and doc[first_cue - 2].is_quote and _quote_opens(doc, unit, first_cue, spans):
        return None  # "« … », a-t-il dit": a direct quote, read by the quotes step
    misread = _clause_read_as_subject(verb, lex, unit, first_cue)
    after = [
        c
        for c in verb.children
        if c.dep_ in lex.dep_clause | lex.dep_object and c.i > verb.i and c.lower_ not in lex.time_words
    ]  # "…, affirme dimanche la ministre": the weekday is no object
    if after and not _object_is_subject(verb, after, lex, unit, misread):
        return None
    before = doc[unit.first : first_cue - 1]
    if len(before) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in before):
        return None
    if not (misread or cues.inverted(verb, lex, unit.last)):
        return None  # "…, alors que leurs voisins glissent": the verb has its subject before it
    if not cues.auxiliaries(verb) and "Fin" not in verb.morph.get("VerbForm"):
        return None  # "…, appelés métabolites": a participle, not an incise
    return unit.first, first_cue - 1


def _quote_opens(doc: Any, unit: Unit, first_cue: int, spans: list[tuple[int, int]] | None) -> bool:
    """Whether the quote closed before the incise's comma is most of the clause: "Le contrat de
    Messi « se déroule bien », a déclaré X" is a clause with a partial quote, not a direct quote."""
    end = int(doc[first_cue - 2].idx) + 1
    start = next((s for s, e in spans or [] if e == end), None)
    return start is None or cues.mostly_quoted(int(doc[unit.first].idx), end, [(start, end)])


def _object_is_subject(verb: Token, after: list[Token], lex: Lexicon, unit: Unit, misread: bool) -> bool:
    """ "<clause>, indique un communiqué du ministère.": the parser read the inverted subject of
    the incise as the verb's object. Only a noun phrase that ends the sentence, with no subject
    before the verb, is taken so; a person may be followed by adverbials ("…, a confirmé Mme
    Dufour après l'assermentation") but by no other verb."""
    if len(after) != 1 or after[0].pos_ not in {"NOUN", "PROPN"} or after[0].dep_ not in lex.dep_object:
        return False
    if cues.subject_before(verb, lex) and not misread:
        return False
    doc = verb.doc
    rest = doc[after[0].right_edge.i + 1 : unit.last]
    if all(t.is_punct or t.is_space for t in rest):
        return True
    np = (after[0].left_edge.i, after[0].right_edge.i + 1)
    return _names_someone(doc, np, lex) and not any(t.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"} for t in rest)


def _clause_read_as_subject(verb: Token, lex: Lexicon, unit: Unit, first_cue: int) -> bool:
    """ "L'unité de l'Europe est très forte, a souligné le Premier ministre": the parser took a
    noun of the clause before the incise for the incise verb's subject. Read so when a comma
    opens the incise, a finite verb outside any relative clause stands before it, and a person
    or body follows the verb within the inversion gap."""
    doc = verb.doc
    if first_cue - 1 < unit.first or doc[first_cue - 1].text != ",":
        return False
    if not any(c.dep_ in lex.dep_subject and c.i < first_cue for c in verb.children):
        return False
    if not any("Fin" in t.morph.get("VerbForm") and not _in_relative(t, verb) for t in doc[unit.first : first_cue - 1]):
        return False
    np = cues.linear_np(doc, verb.i + 1, unit.last, lex)
    return np is not None and np[0] - verb.i <= cues.INVERSION_GAP and _names_someone(doc, np, lex)


def _in_relative(token: Token, verb: Token) -> bool:
    for _ in range(6):
        if "relcl" in token.dep_:
            return True
        if token.head.i in (token.i, verb.i):
            return False
        token = token.head
    return False


def _incise_subject_first(verb: Token, lex: Lexicon, unit: Unit) -> tuple[int, int] | None:
    """English: "<clause>, sources said." and "<clause>, he said, <clause>": the subject sits
    between the comma and the verb, which ends the sentence or is closed by a comma."""
    doc = verb.doc
    subject = next(
        (c for c in verb.children if c.dep_ in lex.dep_subject - lex.dep_passive_subject and c.i < verb.i), None
    )
    addressee = verb.lemma_.lower() in lex.addressee_verbs  # "told reporters": the object is who heard it
    objects = lex.dep_clause if addressee else lex.dep_clause | lex.dep_object
    if subject is None or any(c.dep_ in objects and c.i > verb.i for c in verb.children):
        return None
    comma = subject.left_edge.i - 1
    if comma <= unit.first or doc[comma].text != "," or doc[comma - 1].is_quote:
        return None
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc[unit.first : comma]):
        return None  # "However, this information was denied": no clause before the comma
    after = verb.i + 1
    while (
        after < unit.last
        and doc[after].pos_ in {"ADV", "ADP", "NOUN", "PROPN", "DET", "PRON"}
        and doc[after].text != ","
    ):
        after += 1  # "sources said on Monday"
    if after < unit.last and doc[after].text == ",":
        return unit.first, unit.last  # "…, he said, …": the sentence around the incise
    if after >= unit.last or doc[after].is_punct:
        return unit.first, comma
    return None


def find_verbal(doc: Any, lex: Lexicon, spans: list[tuple[int, int]], all_units: list[Unit]) -> list[Reported]:
    out: list[Reported] = []
    for unit in all_units:
        for token in doc[unit.first : unit.last]:
            if not cues.verbal(token) or not cues.is_verb(token, lex) or cues.in_quote(token.idx, spans):
                continue
            if cues.negated(token, lex) or other_sense(token, lex):
                continue
            cue = cues.cue(token, doc)
            first_cue = doc.char_span(cue.start, cue.end, alignment_mode="expand").start
            found = complement(token, lex, unit)
            incise = found is None
            found = found or incise_clause(token, lex, unit, first_cue, spans)
            if found is None:
                continue
            first, last = found
            if last <= first:
                continue
            start, end = trim(cues.text_of(doc), doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text))
            for q_start, q_end in spans:  # a clause cutting a quote in two takes all of it
                if q_start < start < q_end:
                    start = q_start
                if q_start < end < q_end:
                    end = q_end
            if end - start < 4:
                continue
            out.append(Reported(start=start, end=end, verb=token, cue=cue, unit=unit, incise=incise))
    return out


def _clause_start(doc: Any, first: int, unit: Unit, lex: Lexicon) -> int | None:
    """Where the clause a source marker introduces starts: the left edge of the subject of the
    first finite verb after the marker ("Selon le parquet, le suspect, un homme de 34 ans,
    circulait …" starts at "le suspect"; "According to X, a Washington-based think tank,
    Russia has …" at "Russia"), or None when that verb has no subject after the marker."""
    for token in doc[first : unit.last]:
        if token.pos_ not in {"VERB", "AUX"} or "Fin" not in token.morph.get("VerbForm"):
            continue
        verb = token.head if token.pos_ == "AUX" and token.dep_ != "ROOT" else token
        subject = next((c for c in verb.children if c.dep_ in lex.dep_subject), None)
        if subject is None or subject.left_edge.i <= first:
            return None
        return int(subject.left_edge.idx)
    return None


def _comma_after_np(doc: Any, normalised: str, end: int, unit: Unit, lex: Lexicon) -> bool:
    after = next((t for t in doc[unit.first : unit.last] if t.idx >= end), None)
    np = cues.linear_np(doc, after.i, unit.last, lex) if after is not None else None
    if np is None or np[0] != after.i:  # type: ignore[union-attr]
        return False
    last = doc[np[1] - 1]
    return normalised[last.idx + len(last.text) : last.idx + len(last.text) + 1] == "," and _names_someone(doc, np, lex)


def _names_someone(doc: Any, np: tuple[int, int], lex: Lexicon) -> bool:
    """Whether "Pour X," has a person or an organisation for X ("Pour la toxicologue", "Pour
    Jan Hamáček", "Pour lui") and not a thing ("Pour mémoire", "Pour la répression", "Pour les autres villes
    de France": spurious sources in the French gold)."""
    head = next((doc[i] for i in range(*np) if doc[i].pos_ in {"PROPN", "NOUN", "PRON"}), None)
    if head is None:
        return False
    return (
        head.pos_ == "PROPN"
        or head.lower_ in lex.person_pronouns  # "Pour lui, c'était « … »"
        or head.lower_ in lex.person_roles
        or head.lower_ in lex.title_gender  # "Mme Dufour"
        or head.lemma_.lower() in lex.person_roles
        or head.lower_ in lex.org_nouns
    )


@cache
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    # "A entendre X": a capital often loses its accent in French typography
    alternatives = "|".join(
        re.escape(m).replace("à", "(?:à|(?-i:A))") + ("" if m.endswith("'") else r"(?!\w)") for m in markers
    )
    return re.compile(r"(?<!\w)(?:" + alternatives + ")", re.IGNORECASE)


def find_sourced(
    doc: Any, lex: Lexicon, normalised: str, all_units: list[Unit], spans: list[tuple[int, int]]
) -> list[Reported]:
    """ "selon X, clause" / "clause, selon X": speaker X, content the clause."""
    out: list[Reported] = []
    pattern = _marker_pattern(lex.source_markers)
    starts = _marker_pattern(lex.start_markers) if lex.start_markers else None
    for unit in all_units:
        matches = list(pattern.finditer(normalised, unit.start, unit.end))
        first = starts.match(normalised, unit.start, unit.end) if starts is not None else None
        if first is not None and _comma_after_np(doc, normalised, first.end(), unit, lex):
            matches.insert(0, first)  # "Pour la toxicologue, « … »"
        for match in matches:
            if cues.in_quote(match.start(), spans):
                continue
            rest = normalised[match.end() : unit.end].lstrip().lower()
            if any(rest.startswith(word) for word in lex.not_after_marker):
                continue
            after = next((t for t in doc[unit.first : unit.last] if t.idx >= match.end()), None)
            if after is None:
                continue
            np = cues.linear_np(doc, after.i, unit.last, lex)
            if np is None:
                continue
            np_start, np_end = doc[np[0]].idx, doc[np[1] - 1].idx + len(doc[np[1] - 1].text)
            head = next((doc[i] for i in range(*np) if doc[i].pos_ in {"PROPN", "NOUN", "PRON"}), doc[np[0]])
            before = normalised[unit.start : match.start()].strip()
            between_commas = before.endswith(",") and normalised[np_end : np_end + 1] == ","
            if not before or before in {'"'}:
                clause = _clause_start(doc, after.i, unit, lex)
                if clause is not None and clause < np_end:  # the phrase reader ran into the clause
                    np_end = max(np_start, cues.text_of(doc).rfind(",", np_start, clause))
                start, end = trim(cues.text_of(doc), clause if clause is not None else np_end, unit.end)
            elif between_commas:  # "…, toujours selon X, …": the whole sentence is sourced
                start, end = trim(cues.text_of(doc), unit.start, unit.end)
            else:
                start, end = trim(cues.text_of(doc), unit.start, match.start())
            if end - start < 8:
                continue
            out.append(Reported(start=start, end=end, verb=None, cue=None, unit=unit, speaker=(np_start, np_end, head)))
    return out
