"""Resolve a speaker's words (a name, a role noun phrase, a pronoun) to an entity.

The lookups go through an `Index` (analyze/speaker_index.py): the entities step's, or one over
the parse's named entities when that step has not run. Antecedents of pronouns and role
mentions are found by analyze/speaker_antecedents.py, the base class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Entity, Speaker
from .quote_cues import np_extent
from .speaker_antecedents import ANTECEDENT_WINDOW, Antecedents
from .speaker_index import ORG_LABELS, PERSON_LABELS

# Tokens around a person's mention searched for the noun that describes them: a title with its
# determiner and one adjective ("la jeune gastro-entérologue X"), an apposition's first words.
DESCRIPTION_TOKENS = 3
# Longest description standing for an organisation named before: "le quotidien du soir".
DESCRIPTION_WORDS = 4
# Words a speaker phrase may run on past its mention before the comma of an apposition: "un
# porte-parole de la junte [au pouvoir], Zaw Min Tun"; the longest in the fresh sets E-H is "et
# ancien président du Nigéria" (5 words).
APPOSITION_REACH = 6
# Longest fuller name of a body looked for before its short description: "mission d'observation
# électorale de l'Union européenne" (9 tokens, fresh set F).
FULLER_TOKENS = 10
APPOSITION_RUN = frozenset({"ADJ", "ADP", "DET", "NOUN", "PROPN", "NUM", "CCONJ"})


@dataclass
class Resolver(Antecedents):
    """Turns speaker mentions into `Speaker`s for one article."""

    def person_named_between(self, start: int, end: int) -> bool:
        """Whether a person is named (outside quotes) between two offsets."""
        persons = self._persons_before(end)
        return bool(persons) and persons[0][0].start_char >= start

    def likely_speaker(self, start: int, end: int) -> Speaker | None:
        """Who a quote standing alone with no cue most likely belongs to: the person last named
        as a subject before it, else the person last named, within ANTECEDENT_WINDOW, else the
        first person named after it in its paragraph ("« … ». Marie-Guite Dufay a tout fait …"):
        a reader gives such a quote to the person the text is about, never to nobody."""
        entity = self._salient_before(start)
        if entity is None:
            persons = self._persons_before(start)
            if persons and start - persons[0][0].end_char <= ANTECEDENT_WINDOW:
                entity = self._full(persons[0][1])
        if entity is None:
            stop = self.article.text.find("\n", end)
            entity = self._full(self._first_person_between(end, len(self.article.text) if stop < 0 else stop))
        if entity is None:
            return None
        return Speaker(entity=entity.id, name=entity.name, start=None, end=None)

    def gender_of(self, start: int, end: int) -> str | None:
        return self.lex.pronoun_gender.get(self.article.text[start:end].strip().lower())

    def speaker(self, start: int, end: int, head: Any | None = None) -> Speaker:
        entity = self.entity(start, end, head)
        described = self.unnamed.get(start) if entity is None else None  # "il" for "le juge"
        name = entity.name if entity is not None else self._bare(*(described or (start, end)))
        return Speaker(entity=entity.id if entity is not None else None, name=name, start=start, end=end)

    def entity(self, start: int, end: int, head: Any | None) -> Entity | None:
        text = self.article.text[start:end]
        words = text.lower().split()
        if len(words) == 1 and words[0] in self.lex.person_pronouns:
            return self.pronoun_antecedent(start, end, self.lex.pronoun_gender.get(words[0]))
        found = self._named(start, end)
        if found is not None and found.label == "PER":
            return self._full(found)
        apposed = self._apposed(start, end, head)
        if apposed is not None:  # "un porte-parole de la junte au pouvoir, Zaw Min Tun"
            return apposed
        fuller = self._fuller_before(start, end, head) if found is None else None
        if fuller is not None or start in self.unnamed:  # "indique encore la préfecture"
            return fuller
        if self._demonstrative(start, end):
            return self._antecedent(start, end)  # "ce père de quatre enfants"
        # Who speaks for an organisation without a name of their own is the organisation, as
        # the held-out and the four fresh-set annotators read it ("un porte-parole d'EDF", "ses
        # dirigeants" after the FNSEA; bench/RESULTS.md, 2026-12-05).
        speaks_for = self._organisation_inside(start, end) or self._possessor(start, end)
        if head is not None and "Plur" in head.morph.get("Number"):
            # "les avocats du colonel" are not the colonel, nor any one person; "les dirigeants"
            # after "le MCA a refusé" are the club's
            return found or speaks_for or self._speaks_for_before(start, end, head.lower_)
        head_word = head.text.lower() if head is not None else (words[0] if words else "")
        document = head is not None and head.lemma_.lower() in self.lex.document_nouns
        if document and found is None:  # "selon un sondage réalisé par Ipsos", "les chiffres du HCR"
            found = self._author_of(head)
        if head_word in self.lex.org_nouns | self.lex.document_nouns or document:  # never a person
            if found is None and self._description(start, end):  # "« … », écrit l'agence"
                return self._author_before(start) or self._organisation_before(start)
            return found or speaks_for  # "L'agence responsable du transport …": "responsable" is no person here
        indefinite = self._indefinite(start, end)
        role_like = head_word in self.lex.person_roles or any(w in self.lex.person_roles for w in words[:3])
        by_role = self.index.by_role(text, near=start) if role_like and not indefinite else None
        if by_role is not None:  # "un préfet" is a new person, not the prefect named before
            return by_role
        if found is None and head is not None and head.pos_ == "NOUN" and not indefinite:
            described = self._described(head, start)
            if described is not None:  # "précise la gastro-entérologue" after "la gastro-entérologue X"
                return described
        if found is None and speaks_for is not None:
            return speaks_for
        spokesperson = self._speaks_for_before(start, end, head_word) if found is None and not indefinite else None
        if spokesperson is not None:
            return spokesperson
        if role_like and found is None and not indefinite and not self._person_inside(start, end):
            return self._role_antecedent(start, end, head_word)
        return found  # "l'avocat de Mehdi" is someone of Mehdi's, not the last person named

    def _person_inside(self, start: int, end: int) -> bool:
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        return span is not None and any(t.ent_type_ in PERSON_LABELS for t in span)

    def _role_antecedent(self, start: int, end: int, noun: str) -> Entity | None:
        """The person a role mention the index could not match refers back to: the usual
        antecedent, unless the article gave that person another role ("le procureur" is not
        "le ministre Adama Luc Sorgho" named last), then the last person named within reach
        whose known roles do not rule it out. A feminine role ("la gastro-entérologue") rules
        out men; a masculine one says nothing (lang data noun_gender: masculine titles are
        epicene in French)."""
        gender = self._role_gender(start, end)
        entity = self._antecedent(start, end, gender)
        if entity is not None and gender is not None and self.entity_gender(entity.id) not in (None, gender):
            entity = None  # the usual search falls back on anyone: "la procureure" is no man
        if entity is not None and not self._other_role(entity, noun):
            return entity
        for span, person in self._persons_before(start):
            if start - span.end_char > ANTECEDENT_WINDOW:
                break
            fits = gender is None or self.entity_gender(person.id) in (None, gender)
            if fits and not self._other_role(person, noun):
                return self._full(person)
        return None

    def _role_gender(self, start: int, end: int) -> str | None:
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0:
            return None
        said = [g for t in span[:2] if t.pos_ in {"DET", "NOUN"} for g in t.morph.get("Gender")]
        return said[0] if len(set(said)) == 1 and said[0] in self.lex.noun_gender else None

    def _other_role(self, entity: Entity, noun: str) -> bool:
        if not entity.roles or noun in self.lex.generic_roles:
            return False
        return not any(noun in role.lower().split() for role in entity.roles)

    def _role_entity(self, span: Any) -> Entity | None:
        return self.entity(span.start_char, span.end_char, span.root)

    def _speaks_for_before(self, start: int, end: int, noun: str) -> Entity | None:
        """The organisation an unnamed spokesperson or body of leaders speaks for: the one last
        named as a subject ("« … », a ajouté le porte-parole" after "EDF a indiqué")."""
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        determined = span is not None and len(span) > 0 and span[0].pos_ == "DET"  # not "deux responsables"
        if noun not in self.lex.spokesperson_nouns or not determined or not self._description(start, end):
            return None
        return self._organisation_before(start, subject=True)

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

    def _organisation_named_between(self, start: int, end: int, besides: Entity | None) -> bool:
        return any(
            start <= m.start and m.end <= end and not self._quoted(m.start)
            for e in getattr(self.index, "entities", [])
            if e.label == "ORG" and e is not besides
            for m in e.mentions
        )

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

    def _quoted(self, char: int) -> bool:
        return any(q_start <= char < q_end for q_start, q_end in self.quoted)

    def _organisation_inside(self, start: int, end: int) -> Entity | None:
        """The organisation a phrase names as its complement ("un porte-parole d'EDF")."""
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None:
            return None
        for ent in span.ents:
            if ent.label_ in ORG_LABELS and ent.start > span.start:
                found = self.index.at(ent.start_char, ent.end_char)
                if found is not None and found.label == "ORG":
                    return found
        return None

    def _possessor(self, start: int, end: int) -> Entity | None:
        """The organisation a possessive phrase belongs to ("ses dirigeants", "sa direction"):
        the organisation named last before it, when no person was named after it."""
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
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

    def _described(self, head: Any, start: int) -> Entity | None:
        """The person this article describes with the speaker's head noun: a title right before
        one of their mentions ("le naturopathe Olivier Panisset") or an apposition right after it
        ("Olivier Panisset, naturopathe"). The article's own words, so no lexicon is needed;
        the nearest such mention before `start` wins, else the first after."""
        doc = self.article.nlp
        if doc is None:
            return None
        lemma = head.lemma_.lower()
        best: tuple[int, Entity] | None = None
        for entity in getattr(self.index, "entities", []):
            if entity.label != "PER":
                continue
            for m in entity.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or span.start <= head.i < span.end:
                    continue
                near = list(doc[max(0, span.start - DESCRIPTION_TOKENS) : span.start])
                if near and near[-1].pos_ == "ADP":
                    near = []  # "l'épouse de Michel Hazanavicius" is not Michel Hazanavicius
                if span.end < len(doc) and doc[span.end].text == ",":
                    near += list(doc[span.end + 1 : span.end + 1 + DESCRIPTION_TOKENS])
                # the title's own noun, not one in its complement ("directeur de la garde maritime")
                titles = [t for t in near if t.pos_ == "NOUN" and not any(c.dep_ == "case" for c in t.children)]
                if not any(t.lemma_.lower() == lemma for t in titles):
                    continue
                distance = start - m.end if m.end <= start else len(doc.text) + m.start - start
                if best is None or distance < best[0]:
                    best = (distance, entity)
        return self._full(best[1]) if best is not None else None

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
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0:
            return False
        first = span[0]
        return first.pos_ == "DET" and ("Ind" in first.morph.get("Definite") or "Yes" in first.morph.get("Poss"))

    def _named(self, start: int, end: int) -> Entity | None:
        """The entity named by the phrase itself, not by a complement inside it ("un proche
        d'Édouard Philippe" names no one)."""
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None:
            return self.index.at(start, end)
        named = []
        for ent in span.ents:
            after_comma = ent.start > span.start and doc[ent.start - 1].text == ","  # an apposition
            complement = ent.root.dep_ in self.lex.dep_complement and ent.root.i != span.root.i  # not "selon [le X]"
            if complement and ent.start > span.start and not after_comma:
                continue
            if _in_clause(ent.root, span):
                continue  # "un des responsables de la coalition dirigée par Ousmane Sonko"
            found = self.index.at(ent.start_char, ent.end_char)
            if found is not None:
                named.append(found)
        # A person before anything else: "sur son compte Twitter André Hatz" is André Hatz.
        return next((e for e in named if e.label == "PER"), named[0] if named else None)

    def _apposed(self, start: int, end: int, head: Any | None) -> Entity | None:
        """The person named in apposition right after a phrase that names nobody: "Un expert
        basé au Tchad, Rakimdon Jacques Houitouto, a déclaré", "a indiqué un porte-parole de la
        junte au pouvoir, Zaw Min Tun." The phrase may run on for APPOSITION_REACH words the
        speaker mention left out ("au pouvoir", "et ancien président du Nigéria"); the name must
        close with punctuation, or be followed by the phrase's own verb."""
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) == 0 or span[0].lower_ in self.lex.person_pronouns:
            return None
        i = span.end
        # "le ministre de la Défense et ex-chef de guerre Jean-Pierre Bemba": a second title of
        # the same person (no determiner after "et") runs into the name without a comma
        second_title = i + 1 < len(doc) and doc[i].pos_ == "CCONJ" and doc[i + 1].pos_ != "DET"
        while i < len(doc) and i - span.end < APPOSITION_REACH and doc[i].text != ",":
            token = doc[i]
            if second_title and token.ent_type_ in PERSON_LABELS and doc[i - 1].pos_ == "NOUN":
                i -= 1  # the name as if after a comma
                break
            if token.pos_ not in APPOSITION_RUN and "Part" not in token.morph.get("VerbForm"):
                return None
            i += 1
        if i + 1 >= len(doc) or doc[i + 1].ent_type_ not in PERSON_LABELS:
            return None
        if doc[i].text != "," and not (second_title and doc[i].pos_ == "NOUN"):
            return None
        name = doc[i + 1]
        last = i + 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        after = doc[last + 1] if last + 1 < len(doc) else None
        own_verb = (
            after is not None
            and head is not None
            and head.dep_ in self.lex.dep_subject
            and head.head.i in (after.i, after.head.i)
        )
        if after is not None and not after.is_punct and not own_verb:
            return None  # ", Jean Dupont a été arrêté": a new clause's subject
        found = self.index.at(name.idx, doc[last].idx + len(doc[last].text))
        return self._full(found) if found is not None and found.label == "PER" else None

    def _demonstrative(self, start: int, end: int) -> bool:
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        return bool(
            span is not None and len(span) > 1 and "Dem" in span[0].morph.get("PronType") and span[0].pos_ == "DET"
        )

    def _bare(self, start: int, end: int) -> str:
        """A mention without entity, as written, without a capital its first word only has for
        opening the sentence ("Le président du MR a estimé" names nobody: "le président du MR")."""
        bare = self.article.text[start:end].strip(" ,.;:")
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        if span is not None and len(span) > 0 and span[0].pos_ in {"DET", "PRON"}:
            return bare[:1].lower() + bare[1:]
        return bare


def _in_clause(token: Any, span: Any) -> bool:
    """Whether a token hangs, inside the span, on a verb other than the span's own head: it
    belongs to a clause or participle describing the phrase, not to the phrase itself."""
    seen = 0
    while token.head is not token and span.start <= token.head.i < span.end and seen < len(span):
        token = token.head
        seen += 1
        if token.pos_ in {"VERB", "AUX"} and token is not span.root:
            return True
    return False
