"""Role phrases around a mention, read off the parse's tokens (no second model).

Three shapes, all checked on the seed article:
- a title before the name: "le Premier ministre démissionnaire irakien Adel Abdel Mahdi",
  "l'ambassadeur américain Matthew Tueller", "le général Milley";
- an apposition after it: "Mark Esper, chef du Pentagone";
- an apposition before it: "le chef du Pentagone, Mark Esper".
A role phrase holds a role noun (lang/<code>/entities.toml `roles`) and stops at the first
punctuation, verb, pronoun, conjunction or adverb, or at a person's name; each scan is bounded
(MAX_* below), so the cost is linear in the number of mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .entity_data import EntityData

# Role phrases in the seed and in French/English wire copy run to 8 tokens ("commandant des
# opérations militaires américaines en Irak"); 12 leaves room for one more complement.
MAX_PHRASE = 12
# Titles before a name: "Premier ministre démissionnaire irakien" is 4 tokens plus a
# determiner; 8 bounds the left scan.
MAX_TITLE = 8
# Modifiers before a role noun ("U.S. Defense Secretary"): at most 3.
MAX_PREMODIFIERS = 3

_STOP_POS = frozenset({"PUNCT", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADV", "SYM", "NUM", "X", "INTJ"})
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_LINK_POS = frozenset({"ADP", "DET"})


@dataclass
class Tokens:
    """The parse's tokens as plain lists (built once per article)."""

    doc: Any
    text: str  # the parsed text (doc.text rebuilds it on every access)
    low: list[str]
    pos: list[str]
    person_start: set[int]  # token indices where a person mention starts
    person_tokens: set[int]  # token indices inside a person mention

    @classmethod
    def of(cls, doc: Any) -> Tokens:
        low = [t.lower_.replace("’", "'") for t in doc]
        pos = [t.pos_ for t in doc]
        return cls(doc=doc, text=doc.text, low=low, pos=pos, person_start=set(), person_tokens=set())

    def __len__(self) -> int:
        return len(self.low)

    def start(self, i: int) -> int:
        return int(self.doc[i].idx)

    def end(self, i: int) -> int:
        token = self.doc[i]
        return int(token.idx) + len(token.text)

    def key(self, i: int) -> str:
        """The token as role data spells it: lower-case, an elided article without its apostrophe,
        an abbreviation without its period ("Gen." -> "gen")."""
        return self.low[i].rstrip("'.")


def role_length(tokens: Tokens, data: EntityData, i: int) -> int:
    keys = [tokens.key(j) for j in range(i, min(i + 4, len(tokens)))]
    return data.role_at(keys, 0) if keys else 0


def extend_right(
    tokens: Tokens, i: int, n: int, calendar: frozenset[str] = frozenset(), data: EntityData | None = None
) -> tuple[int, bool]:
    """End (exclusive) of the role phrase whose role noun (n tokens) starts at token i, and whether
    it stopped at a person's name (then the phrase is that person's title, not a mention). With
    the role data, a second role joined by a conjunction is part of the phrase ("professeure de
    nutrition et gastro-entérologue au CHU")."""
    j = i + n
    limit = min(len(tokens), i + MAX_PHRASE)
    hit_person = False
    while j < limit:
        if j in tokens.person_start:
            hit_person = True
            break
        joined = data is not None and tokens.pos[j] == "CCONJ" and j + 1 < limit and role_length(tokens, data, j + 1)
        if (tokens.pos[j] in _STOP_POS and not joined) or tokens.low[j] in calendar:
            break  # a date is not part of the role: "ministre de la Défense depuis juillet"
        j += 1
    while j > i + n and tokens.pos[j - 1] in _LINK_POS:  # never end on "de", "la"
        j -= 1
    return j, hit_person


def _span_text(tokens: Tokens, first: int, last: int) -> str:
    text = tokens.text[tokens.start(first) : tokens.end(last)]
    return " ".join(text.split())


def title_before(tokens: Tokens, data: EntityData, s: int) -> str | None:
    """The title right before a mention starting at token s ("le général Milley" -> "général")."""
    comma = s > 0 and tokens.low[s - 1] == ","
    if s == 0 or (not comma and tokens.pos[s - 1] in _LINK_POS):
        return None  # "directeur de la campagne d'Emmanuel Macron": the name is a complement
    j = s - 2 if comma else s - 1
    right = j
    window: list[int] = []
    while j >= 0 and right - j < MAX_TITLE and j not in tokens.person_tokens:
        pos = tokens.pos[j]
        possessive = pos == "PART" and tokens.doc[j].tag_ == "POS"  # "Iran's Foreign Minister"
        if pos not in _MODIFIER_POS and pos not in _LINK_POS and not possessive:
            break
        window.append(j)
        j -= 1
    window.reverse()
    chosen: int | None = None
    for pos_in_window, k in enumerate(window):
        n = role_length(tokens, data, k)
        if not n:
            continue
        # No determiner between the role noun and the name, except after a preposition
        # ("ministre de la Défense X"): "la presse le général X" takes "général" only.
        rest = window[pos_in_window + 1 :]
        blocked = any(tokens.pos[t] == "DET" and (t == 0 or tokens.pos[t - 1] != "ADP") for t in rest)
        if not blocked:
            chosen = k
            break
    if chosen is None:
        return None
    first = chosen
    while (
        first - 1 >= 0
        and chosen - (first - 1) <= MAX_PREMODIFIERS
        and (tokens.pos[first - 1] in _MODIFIER_POS or tokens.doc[first - 1].tag_ == "POS")
        and (first - 1) not in tokens.person_tokens
    ):
        first -= 1
    while first < chosen and tokens.doc[first].tag_ == "POS":
        first += 1  # "Trump's adviser John Bolton": the possessor is another person
    if comma and (first == 0 or tokens.key(first - 1) not in data.definite):
        return None  # "X, Name" without a definite role NP is a list, not an apposition
    if comma and first >= 2 and tokens.pos[first - 2] == "ADP":
        return None  # "devant le juge, Pokpa Soropogui a reconnu": a complement, then the subject
    last = right
    while last > first and (tokens.pos[last] in _LINK_POS or tokens.doc[last].text in data.honorifics):
        last -= 1  # never end on "de", nor on the "M." of "le représentant légal M. X"
    return _span_text(tokens, first, last)


def role_from(tokens: Tokens, data: EntityData, k: int) -> tuple[int, int] | None:
    """(index, length) of the role noun starting a phrase at token k, after at most
    MAX_PREMODIFIERS modifiers ("defense secretary", "Premier ministre"), or None."""
    for r in range(k, min(k + MAX_PREMODIFIERS + 1, len(tokens))):
        n = role_length(tokens, data, r)
        if n:
            return r, n
        if tokens.pos[r] not in _MODIFIER_POS or r in tokens.person_tokens:
            return None
    return None


def apposition_after(tokens: Tokens, data: EntityData, e: int) -> str | None:
    """The apposition after a mention ending at token e (exclusive): "Mark Esper, chef du Pentagone"."""
    if e >= len(tokens) or tokens.low[e] != ",":
        return None
    k = e + 1
    if k < len(tokens) and tokens.key(k) in data.definite:
        k += 1
    found = role_from(tokens, data, k)
    if found is None:
        return None
    r, n = found
    end, hit_person = extend_right(tokens, r, n, data.calendar, data)
    if hit_person:
        return None
    return _span_text(tokens, k, end - 1)


# Dependency labels of a copular role in the two annotation schemes of our models: Universal
# Dependencies (French: the role noun heads the clause and has a "cop" child; in a relative
# clause it is "acl:relcl" of the name) and ClearNLP (English: the copula heads the clause and
# the role noun is its "attr").
_COPULA = "cop"
_ATTRIBUTE = "attr"
_RELATIVE = "acl:relcl"
_SUBJECT = "nsubj"


def predicate_role(tokens: Tokens, data: EntityData, first: int, last: int) -> str | None:
    """A role stated by a copula: "Mark Esper est le ministre américain de la Défense",
    "Claire Dumont, qui était maire de Lyon", "John Smith was mayor of Boston"."""
    doc = tokens.doc
    noun = None
    for i in range(first, last):
        token = doc[i]
        for child in token.children:
            if child.dep_ == _RELATIVE and child.i >= last and any(c.dep_ == _COPULA for c in child.children):
                noun = child
        if token.dep_ == _SUBJECT and token.head.i >= last:
            head = token.head
            if any(c.dep_ == _COPULA for c in head.children):
                noun = head
            else:
                noun = next((c for c in head.children if c.dep_ == _ATTRIBUTE), noun)
        if noun is not None:
            break
    if noun is None or noun.pos_ != "NOUN":
        return None
    start = noun.i
    while start - 1 >= last and noun.i - (start - 1) <= MAX_PREMODIFIERS and tokens.pos[start - 1] in _MODIFIER_POS:
        start -= 1
    found = role_from(tokens, data, start)
    if found is None or found[0] > noun.i:
        return None
    end, hit_person = extend_right(tokens, *found, data.calendar)
    if hit_person:
        return None
    return _span_text(tokens, start, end - 1)
