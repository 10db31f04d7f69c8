"""Resolve a speaker's words (a name, a role noun phrase, a pronoun) to an entity.

The lookups go through an `Index` (analyze/speaker_index.py): the entities step's, or one over
the parse's named entities when that step has not run. Antecedents of pronouns and role
mentions are found by analyze/speaker_antecedents.py; organisations and documents by
analyze/speaker_bodies.py, the base class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Entity, Speaker
from .speaker_antecedents import ANTECEDENT_WINDOW
from .speaker_bodies import Bodies
from .speaker_index import PERSON_LABELS

# Tokens around a person's mention searched for the noun that describes them: a title with its
# determiner and one adjective ("la jeune gastro-entérologue X"), an apposition's first words.
DESCRIPTION_TOKENS = 3
# Words a speaker phrase may run on past its mention before the comma of an apposition: "un
# porte-parole de la junte [au pouvoir], Zaw Min Tun"; the longest in the fresh sets E-H is "et
# ancien président du Nigéria" (5 words).
APPOSITION_REACH = 6
# A subject's title may run longer when the name after it is followed by the subject's own verb:
# "le Directeur général du contrôle économique et de la répression de la fraude (DGCERF) au
# ministère du Commerce, Mohamed Louhaidia a affirmé" (a fresh set) runs 16 words.
APPOSITION_LONG_REACH = 16
# Longest parenthesis skipped inside that run: "(machines, équipements électriques et métaux)".
PARENTHESIS_TOKENS = 12
# A title runs into the name after its noun or its adjective ("… et des Comptes publics Gérald Darmanin").
TITLE_END = frozenset({"NOUN", "ADJ"})
APPOSITION_RUN = frozenset({"ADJ", "ADP", "DET", "NOUN", "PROPN", "NUM", "CCONJ"})


@dataclass
class Resolver(Bodies):
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
        if entity is not None and entity.label == "ORG":
            entity = self._fuller_organisation(entity)
        described = self.unnamed.get(start) if entity is None else None  # "il" for "le juge"
        name = entity.name if entity is not None else self._bare(*(described or (start, end)))
        return Speaker(entity=entity.id if entity is not None else None, name=name, start=start, end=end)

    def _fuller_organisation(self, entity: Entity) -> Entity:
        """A one-word organisation name ("le Conseil", "le Centre") stands for the one
        organisation the article names in full with that first word ("Conseil national
        électoral"), as `_full` does for a first name."""
        if len(entity.name.split()) > 1:
            return entity
        fuller = [
            e
            for e in getattr(self.index, "entities", [])
            if e.label == "ORG" and e is not entity and e.name.split()[:1] == [entity.name] and len(e.name.split()) > 1
        ]
        return fuller[0] if len(fuller) == 1 else entity

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
        former = self._former(words)
        role_like = head_word in self.lex.person_roles or any(w in self.lex.person_roles for w in words[:3]) or former
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
            return self._role_antecedent(start, end, "" if former else head_word)
        return found  # "l'avocat de Mehdi" is someone of Mehdi's, not the last person named

    def _former(self, words: list[str]) -> bool:
        """ "l'ancien ministre", "l'ex-entraîneur": a former role, which the person's present
        roles do not rule out."""
        first = [w.replace("’", "'").split("'")[-1] for w in words[:2]]
        return any(w in self.lex.former_words or w.split("-")[0] + "-" in self.lex.former_words for w in first)

    def _person_inside(self, start: int, end: int) -> bool:
        span = self._span(start, end)
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
        span = self._span(start, end)
        if span is None or len(span) == 0:
            return None
        said = [g for t in span[:2] if t.pos_ in {"DET", "NOUN"} for g in t.morph.get("Gender")]
        return said[0] if len(set(said)) == 1 and said[0] in self.lex.noun_gender else None

    def _other_role(self, entity: Entity, noun: str) -> bool:
        if not noun or not entity.roles or noun in self.lex.generic_roles:
            return False
        return not any(noun in role.lower().split() for role in entity.roles)

    def _role_entity(self, span: Any) -> Entity | None:
        return self.entity(span.start_char, span.end_char, span.root)

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

    def _named(self, start: int, end: int) -> Entity | None:
        """The entity named by the phrase itself, not by a complement inside it ("un proche
        d'Édouard Philippe" names no one)."""
        span = self._span(start, end)
        if span is None:
            return self.index.at(start, end)
        named = []
        for ent in span.ents:
            after_comma = ent.start > span.start and span.doc[ent.start - 1].text == ","  # an apposition
            complement = ent.root.dep_ in self.lex.dep_complement and ent.root.i != span.root.i  # not "selon [le X]"
            if complement and ent.start > span.start and not after_comma:
                continue
            if _in_clause(ent.root, span):
                continue  # "un des responsables de la coalition dirigée par Ousmane Sonko"
            found = self.index.at(ent.start_char, ent.end_char)
            if found is not None:
                named.append(found)
        if not named and all(t.pos_ == "PROPN" or t.text == "-" for t in span):
            # a bare name the tagger did not mark here but the index merged ("St-Louis estime")
            found = self.index.at(start, end)
            return found if found is not None and found.label == "PER" else None
        # A person before anything else: "sur son compte Twitter André Hatz" is André Hatz.
        return next((e for e in named if e.label == "PER"), named[0] if named else None)

    def _apposed(self, start: int, end: int, head: Any | None) -> Entity | None:
        """The person named in apposition right after a phrase that names nobody: "Un expert
        basé au Tchad, Rakimdon Jacques Houitouto, a déclaré", "a indiqué un porte-parole de la
        junte au pouvoir, Zaw Min Tun." The phrase may run on for APPOSITION_REACH words the
        speaker mention left out ("au pouvoir", "et ancien président du Nigéria"); the name must
        close with punctuation, or be followed by the phrase's own verb."""
        span = self._span(start, end)
        if span is None or len(span) == 0 or span[0].lower_ in self.lex.person_pronouns:
            return None
        doc = span.doc
        i = span.end
        # "le ministre de la Défense et ex-chef de guerre Jean-Pierre Bemba": a second title of
        # the same person (no determiner after "et") runs into the name without a comma
        second_title = i + 1 < len(doc) and doc[i].pos_ == "CCONJ" and doc[i + 1].pos_ != "DET"
        skipped = 0  # words inside a parenthesis do not count towards the reach
        while i < len(doc) and i - span.end - skipped < APPOSITION_LONG_REACH and doc[i].text != ",":
            token = doc[i]
            if second_title and token.ent_type_ in PERSON_LABELS and doc[i - 1].pos_ in TITLE_END:
                i -= 1  # the name as if after a comma
                break
            if token.text == "(":  # "le responsable du secteur MEM (machines, …), Christian Gusset"
                stop = min(len(doc), i + PARENTHESIS_TOKENS)
                close = next((k for k in range(i + 1, stop) if doc[k].text == ")"), None)
                if close is None:
                    return None
                skipped += close - i
                i = close + 1
                continue
            if token.pos_ not in APPOSITION_RUN and "Part" not in token.morph.get("VerbForm"):
                return None
            i += 1
        if i + 1 >= len(doc) or doc[i + 1].ent_type_ not in PERSON_LABELS:
            return None
        if doc[i].text != "," and not (second_title and doc[i].pos_ in TITLE_END):
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
        if i - span.end - skipped > APPOSITION_REACH and not own_verb:
            return None  # a long run is read only when the name is followed by the phrase's own verb
        found = self.index.at(name.idx, doc[last].idx + len(doc[last].text))
        return self._full(found) if found is not None and found.label == "PER" else None

    def _demonstrative(self, start: int, end: int) -> bool:
        span = self._span(start, end)
        return bool(
            span is not None and len(span) > 1 and "Dem" in span[0].morph.get("PronType") and span[0].pos_ == "DET"
        )

    def _bare(self, start: int, end: int) -> str:
        """A mention without entity, as written, without a capital its first word only has for
        opening the sentence ("Le président du MR a estimé" names nobody: "le président du MR")."""
        bare = self.article.text[start:end].strip(" ,.;:")
        span = self._span(start, end)
        if span is not None and len(span) > 0 and span[0].pos_ in {"DET", "PRON"}:
            return bare[:1].lower() + bare[1:]
        return bare


def _in_clause(token: Any, span: Any) -> bool:
    """Whether a token hangs, inside the span, on a verb other than the span's own head: it
    belongs to a clause or participle describing the phrase, not to the phrase itself."""
    seen = 0
    while token.head.i != token.i and span.start <= token.head.i < span.end and seen < len(span):
        token = token.head
        seen += 1
        if token.pos_ in {"VERB", "AUX"} and token.i != span.root.i:
            return True
    return False
