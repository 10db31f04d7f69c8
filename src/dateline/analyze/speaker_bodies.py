"""Speakers that are bodies, not persons: organisations named by a description ("indique
encore la préfecture"), documents that speak for their author ("selon un sondage réalisé par
Ipsos"), spokespersons and possessives that speak for an organisation ("ses dirigeants").

The base of `Resolver` (analyze/quote_speakers.py), between it and `Antecedents`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Entity
from .noun_phrases import np_extent
from .speaker_antecedents import ANTECEDENT_WINDOW, Antecedents
from .speaker_index import ORG_LABELS

# Longest description standing for an organisation named before: "le quotidien du soir".
DESCRIPTION_WORDS = 4
# Longest fuller name of a body looked for before its short description: "mission d'observation
# électorale de l'Union européenne" (9 tokens, fresh set F).
FULLER_TOKENS = 10


@dataclass
class Bodies(Antecedents):
    """The organisation and document lookups over one article."""

    def _author_before(self, start: int) -> Entity | None:
        """Who wrote the document a description refers back to: the person or organisation
        named as the complement of the last document noun before it ("l'ouvrage d'Éric Chauvier
        … le livre dénonçait")."""
        doc = self.article.nlp
        if doc is None:
            return None
        first = doc.char_span(start, start + 1, alignment_mode="expand")
        for i in range((first.start if first is not None else len(doc)) - 1, -1, -1):
            token = doc[i]
            if start - token.idx > ANTECEDENT_WINDOW:
                return None
            if token.lemma_.lower() not in self.lex.document_nouns or self._quoted(token.idx):
                continue
            author = self._author_of(token)
            if author is not None:
                return author
        return None

    def _author_of(self, noun: Any) -> Entity | None:
        """The person or organisation a document noun's own phrase names after it: its
        complement ("l'ouvrage d'Éric Chauvier", "les chiffres du HCR") or the agent of a
        participle on it ("un sondage réalisé par Ipsos")."""
        for token in noun.subtree:
            if token.i <= noun.i or not token.ent_type_ or token.is_punct:
                continue
            found = self.index.at(token.idx, token.idx + len(token.text))
            if found is not None and found.label in ("PER", "ORG"):
                return self._full(found)
        return None

    def _fuller_before(self, start: int, end: int, head: Any | None) -> Entity | None:
        """A short description of a body the article named in full before: "indique encore la
        préfecture" after "La préfecture de la Haute-Savoie a confirmé", "le festival" after "du
        festival Rencontres & Racines". The organisation named right after the same noun is the
        speaker; else the fuller phrase is kept in `unnamed` for display. Persons' roles are
        left to the role lookups."""
        doc = self.article.nlp
        if doc is None or head is None or head.pos_ != "NOUN" or head.lower_ in self.lex.person_roles:
            return None
        if not self._description(start, end):
            return None
        lemma = head.lemma_.lower()
        for i in range(head.i - 1, -1, -1):
            token = doc[i]
            if start - token.idx > ANTECEDENT_WINDOW:
                return None
            if token.pos_ != "NOUN" or token.lemma_.lower() != lemma or self._quoted(token.idx):
                continue
            after = doc[i + 1] if i + 1 < len(doc) else token
            named = self.index.at(after.idx, after.idx + len(after.text))
            if named is None or named.label not in ("ORG", "MISC"):  # festivals are often tagged MISC
                named = None
                extent = np_extent(token, self.lex, token.sent.start, min(token.sent.end, i + FULLER_TOKENS))
                phrase = doc[i : extent[1]] if extent is not None else doc[i : i + 1]
                if not any(t.text[:1].isupper() for t in phrase[1:]):
                    continue  # "la préfecture" again: look further back
            last = after.idx + len(after.text) if named is not None else phrase.end_char
            if self._organisation_named_between(last, start, named):
                return None  # "l'agence Health Canada … l'EPA américaine … écrit l'agence": the EPA
            if named is not None:
                return named
            self.unnamed[start] = (phrase.start_char, phrase.end_char)
            return None
        return None

    def _organisation_inside(self, start: int, end: int) -> Entity | None:
        """The organisation a phrase names as its complement ("un porte-parole d'EDF")."""
        span = self._span(start, end)
        if span is None:
            return None
        for ent in span.ents:
            if ent.label_ in ORG_LABELS and ent.start > span.start:
                found = self.index.at(ent.start_char, ent.end_char)
                if found is not None and found.label == "ORG":
                    return found
        return None

    def _organisation_named_between(self, start: int, end: int, besides: Entity | None) -> bool:
        """Whether an organisation other than `besides` is named (outside quotes) in [start, end)."""
        return any(
            start <= m.start and m.end <= end and not self._quoted(m.start)
            for e in getattr(self.index, "entities", [])
            if e.label == "ORG" and e is not besides
            for m in e.mentions
        )

    def _possessor(self, start: int, end: int) -> Entity | None:
        """The organisation a possessive phrase belongs to ("ses dirigeants", "sa direction"):
        the organisation named last before it, when no person was named after it."""
        span = self._span(start, end)
        if span is None or len(span) == 0 or "Yes" not in span[0].morph.get("Poss"):
            return None
        if span[0].lower_ in self.lex.own_possessives:
            return None  # "d'après notre source": the outlet's own, not anyone the text names
        organisation = self._organisation_before(start, subject=True)
        if organisation is None:
            return None
        last_org = max((m.end for m in organisation.mentions if m.end <= start), default=-1)
        persons = self._persons_before(start)
        return organisation if not persons or persons[0][0].end_char < last_org else None

    def _speaks_for_before(self, start: int, end: int, noun: str) -> Entity | None:
        """The organisation an unnamed spokesperson or body of leaders speaks for: the one last
        named as a subject ("« … », a ajouté le porte-parole" after "EDF a indiqué")."""
        span = self._span(start, end)
        determined = span is not None and len(span) > 0 and span[0].pos_ == "DET"  # not "deux responsables"
        if noun not in self.lex.spokesperson_nouns or not determined or not self._description(start, end):
            return None
        return self._organisation_before(start, subject=True)

    def _description(self, start: int, end: int) -> bool:
        """A short definite phrase with no name in it ("l'agence", "le journal satirique"), which
        refers back; "le ministère de la Santé palestinien" names an institution of its own."""
        words = self.article.text[start:end].split()
        capital = any(w[:1].isupper() for w in words[1:])
        return len(words) <= DESCRIPTION_WORDS and not capital and not self._indefinite(start, end)

    def _indefinite(self, start: int, end: int) -> bool:
        """An indefinite or possessive phrase ("un responsable américain", "son porte-parole")
        brings in a new, unnamed person; it never refers back to the last person named (the
        seed's "selon un responsable américain" once was; in the French gold "a déclaré son
        porte-parole", the spokesman of an organisation, was)."""
        span = self._span(start, end)
        if span is None or len(span) == 0:
            return False
        first = span[0]
        return first.pos_ == "DET" and ("Ind" in first.morph.get("Definite") or "Yes" in first.morph.get("Poss"))
