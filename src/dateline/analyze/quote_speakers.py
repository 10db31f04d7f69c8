"""Resolve a speaker's words (a name, a role noun phrase, a pronoun) to an entity.

The lookups go through an `Index` (analyze/speaker_index.py): the entities step's, or one over
the parse's named entities when that step has not run. What the text says of a person's gender
is read by analyze/speaker_gender.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..article import Article, Entity, Speaker
from .quote_lexicon import Lexicon
from .speaker_gender import first_name_gender, mention_gender
from .speaker_index import ORG_LABELS, PERSON_LABELS, Index

# How far back (characters) a role noun phrase or pronoun may look for its antecedent when the
# index has no better answer: about two news paragraphs. Set on the seed and the challenge
# set, where every antecedent lies within the previous paragraph. Re-checked 2026-12-05 on the
# French gold sets: 500 loses a development speaker and 4 claim points, 1000 and 1400 lose 2-4
# development and 4-7 held-out speakers.
ANTECEDENT_WINDOW = 700
# Tokens around a person's mention searched for the noun that describes them: a title with its
# determiner and one adjective ("la jeune gastro-entérologue X"), an apposition's first words.
DESCRIPTION_TOKENS = 3
# Longest description standing for an organisation named before: "le quotidien du soir".
DESCRIPTION_WORDS = 4


@dataclass
class Resolver:
    """Turns speaker mentions into `Speaker`s for one article."""

    article: Article
    lex: Lexicon
    index: Index
    quoted: tuple[tuple[int, int], ...] = ()  # quotation spans: names inside them are not antecedents
    _genders: dict[str, str | None] = field(default_factory=dict)

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

    def is_pronoun(self, start: int, end: int) -> bool:
        return self.article.text[start:end].strip().lower() in self.lex.person_pronouns

    def gender_of(self, start: int, end: int) -> str | None:
        return self.lex.pronoun_gender.get(self.article.text[start:end].strip().lower())

    def entity_gender(self, entity_id: str | None) -> str | None:
        """What the article tells of a person's gender, from any of its mentions (a title, a
        feminine apposition); None when it says nothing or contradicts itself."""
        if entity_id is None:
            return None
        if entity_id not in self._genders:
            entity = next((e for e in getattr(self.index, "entities", []) if e.id == entity_id), None)
            doc = self.article.nlp
            found: set[str] = set()
            for m in entity.mentions if entity is not None and doc is not None else ():
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                said = mention_gender(span, self.lex) if span is not None else None
                if said is not None:
                    found.add(said)
            if not found and entity is not None:  # the text says nothing: a first name of one gender
                named = first_name_gender(entity.name, self.lex)
                found = {named} if named else found
            self._genders[entity_id] = found.pop() if len(found) == 1 else None
        return self._genders[entity_id]

    def speaker(self, start: int, end: int, head: Any | None = None) -> Speaker:
        entity = self.entity(start, end, head)
        name = entity.name if entity is not None else self._bare(start, end)
        return Speaker(entity=entity.id if entity is not None else None, name=name, start=start, end=end)

    def entity(self, start: int, end: int, head: Any | None) -> Entity | None:
        text = self.article.text[start:end]
        words = text.lower().split()
        if len(words) == 1 and words[0] in self.lex.person_pronouns:
            return self._antecedent(start, end, self.lex.pronoun_gender.get(words[0]))
        found = self._named(start, end)
        if found is not None and found.label == "PER":
            return self._full(found)
        if self._demonstrative(start, end):
            return self._antecedent(start, end)  # "ce père de quatre enfants"
        # Who speaks for an organisation without a name of their own is the organisation, as
        # the held-out and the four fresh-set annotators read it ("un porte-parole d'EDF", "ses
        # dirigeants" after the FNSEA; bench/RESULTS.md, 2026-12-05).
        speaks_for = self._organisation_inside(start, end) or self._possessor(start, end)
        if head is not None and "Plur" in head.morph.get("Number"):
            return found or speaks_for  # "les avocats du colonel" are not the colonel, nor any one person
        head_word = head.text.lower() if head is not None else (words[0] if words else "")
        if head_word in self.lex.org_nouns | self.lex.document_nouns:  # never a person
            if found is None and self._description(start, end):
                return self._organisation_before(start)  # "« … », écrit l'agence"
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
        if role_like and found is None and not indefinite:
            return self._role_antecedent(start, end, head_word)
        return found

    def _role_antecedent(self, start: int, end: int, noun: str) -> Entity | None:
        """The person a role mention the index could not match refers back to: the usual
        antecedent, unless the article gave that person another role ("le procureur" is not
        "le ministre Adama Luc Sorgho" named last), then the last person named within reach
        whose known roles do not rule it out."""
        entity = self._antecedent(start, end)
        if entity is None or not self._other_role(entity, noun):
            return entity
        for span, person in self._persons_before(start):
            if start - span.end_char > ANTECEDENT_WINDOW:
                break
            if not self._other_role(person, noun):
                return self._full(person)
        return None

    def _other_role(self, entity: Entity, noun: str) -> bool:
        if not entity.roles or noun in self.lex.generic_roles:
            return False
        return not any(noun in role.lower().split() for role in entity.roles)

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
                if span.end < len(doc) and doc[span.end].text == ",":
                    near += list(doc[span.end + 1 : span.end + 1 + DESCRIPTION_TOKENS])
                if not any(t.pos_ == "NOUN" and t.lemma_.lower() == lemma for t in near):
                    continue
                distance = start - m.end if m.end <= start else len(doc.text) + m.start - start
                if best is None or distance < best[0]:
                    best = (distance, entity)
        return self._full(best[1]) if best is not None else None

    def _organisation_before(self, start: int, *, subject: bool = False) -> Entity | None:
        """The organisation named last before `start` (outside quotes, within ANTECEDENT_WINDOW);
        with `subject`, the last one named as a subject, if any ("La FNSEA regrette … lors du
        Salon de l'agriculture. …, ont indiqué ses dirigeants": the FNSEA's)."""
        best: tuple[int, Entity] | None = None
        best_subject: tuple[int, Entity] | None = None
        doc = self.article.nlp
        for entity in getattr(self.index, "entities", []):
            if entity.label not in ("ORG", "MISC"):  # newspapers' titles are often tagged MISC
                continue
            for m in entity.mentions:
                inside = any(q_start <= m.start < q_end for q_start, q_end in self.quoted)
                near = m.end <= start and start - m.end <= ANTECEDENT_WINDOW and not inside
                if near and (best is None or m.end > best[0]):
                    best = (m.end, entity)
                span = doc.char_span(m.start, m.end, alignment_mode="expand") if near and doc is not None else None
                root = span.root if span is not None else None
                while (
                    root is not None
                    and root.dep_ in {"appos", "flat:name", "flat", "compound"}
                    and root.head is not root
                ):
                    root = root.head  # "Le syndicat agricole FNSEA regrette": the subject's apposition
                is_subject = root is not None and root.dep_ in self.lex.dep_subject
                if is_subject and (best_subject is None or m.end > best_subject[0]):
                    best_subject = (m.end, entity)
        chosen = best_subject if subject and best_subject is not None else best
        return chosen[1] if chosen is not None else None

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
            if ent.root.dep_ in self.lex.dep_complement and ent.start > span.start:
                continue
            if _in_clause(ent.root, span):
                continue  # "un des responsables de la coalition dirigée par Ousmane Sonko"
            found = self.index.at(ent.start_char, ent.end_char)
            if found is not None:
                named.append(found)
        # A person before anything else: "sur son compte Twitter André Hatz" is André Hatz.
        return next((e for e in named if e.label == "PER"), named[0] if named else None)

    def _demonstrative(self, start: int, end: int) -> bool:
        doc = self.article.nlp
        span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
        return bool(
            span is not None and len(span) > 1 and "Dem" in span[0].morph.get("PronType") and span[0].pos_ == "DET"
        )

    def _antecedent(self, start: int, end: int, gender: str | None = None) -> Entity | None:
        """The person named last before the mention (within ANTECEDENT_WINDOW), else the first
        one named after it in the same paragraph ("« … », a-t-elle ajouté. La sénatrice X …").
        A pronoun's gender rules out persons known to be of the other one."""
        before = (
            self._known_before(start, gender) or self._salient_before(start, gender) or self._last_before(start, gender)
        )
        if before is not None and any(start - m.end <= ANTECEDENT_WINDOW for m in before.mentions if m.end <= start):
            return before
        stop = self.article.text.find("\n", end)
        stop = len(self.article.text) if stop < 0 else stop
        # From the next sentence on: a name later in the mention's own sentence is someone else
        # ("a affirmé le porte-parole du parti fondé par Marc Dutilleul").
        after = self._first_person_between(self._sentence_end(end), stop)
        if after is None and before is None and self.is_pronoun(start, end):
            # Nobody named at all: "il"/"elle" stands for the organisation the text is about
            # ("La Coalition … a exigé la dissolution de la CEI qu'elle accuse de …").
            return self._organisation_before(start, subject=True)
        return self._full(after if after is not None else before)

    def _sentence_end(self, end: int) -> int:
        doc = self.article.nlp
        span = doc.char_span(max(0, end - 1), end, alignment_mode="expand") if doc is not None else None
        return int(span.sent.end_char) if span is not None and len(span) > 0 else end

    def _persons_before(self, start: int) -> list[tuple[Any, Entity]]:
        """The index's person mentions ending before `start`, latest first, as parse spans."""
        doc = self.article.nlp
        found: list[tuple[int, Any, Entity]] = []
        for entity in getattr(self.index, "entities", []):
            if entity.label != "PER":
                continue
            for m in entity.mentions:
                if m.end <= start and doc is not None:
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    inside = any(q_start <= m.start < q_end for q_start, q_end in self.quoted)
                    if span is not None and not inside and not self._modifier(span):
                        found.append((m.end, span, entity))
        found.sort(key=lambda f: -f[0])
        return [(span, entity) for _, span, entity in found]

    def _modifier(self, span: Any) -> bool:
        """A name after an article or a common noun names no one here: "la LPPR", "la loi
        LPPR", "l'affaire Fillon" (a role noun before it is fine: "la sénatrice Anne Perrin");
        nor does one that modifies the common noun after it ("new Patriot batteries", English
        compounds the tagger reads as a person)."""
        if span[0].is_lower:
            return False  # a role mention the entities step resolved ("le préfet"), not a name
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.pos_ == "NOUN" and after.is_lower and span.root.dep_ == "compound":
            return True
        if span.start == 0:
            return False
        before = span.doc[span.start - 1]
        if before.pos_ == "DET":
            return True
        # A full name after a noun is a title's person ("le défenseur José Fonte"); a lone name
        # after one is a label ("la loi Veil", "l'affaire Fillon").
        titled = before.lower_ in self.lex.person_roles | self.lex.title_gender.keys() or len(span) > 1
        return before.pos_ == "NOUN" and not titled

    def _known_before(self, start: int, gender: str | None) -> Entity | None:
        """The last person within reach known to be of the pronoun's gender, for the genders
        the language data prefers so (lang/<code>/quotes.toml prefer_known_gender)."""
        if gender not in self.lex.prefer_known_gender:
            return None
        for span, entity in self._persons_before(start):
            if start - span.end_char > ANTECEDENT_WINDOW:
                break
            if self.entity_gender(entity.id) == gender:
                return self._full(entity)
        return None

    def _last_before(self, start: int, gender: str | None) -> Entity | None:
        if gender is None:
            return self.index.last_person_before(start)
        for _span, entity in self._persons_before(start):
            if self.entity_gender(entity.id) in (None, gender):
                return self._full(entity)
        return self._full(self.index.last_person_before(start))

    def _full(self, entity: Entity | None) -> Entity | None:
        """A first name alone ("Marie-Pierre") stands for the one person of that first name."""
        if entity is None or len(entity.name.split()) > 1:
            return entity
        entities = getattr(self.index, "entities", [])
        fuller = [
            e for e in entities if e.label == "PER" and e.name.split()[:1] == [entity.name.strip()] and e is not entity
        ]
        fuller = [e for e in fuller if len(e.name.split()) > 1]
        return fuller[0] if len(fuller) == 1 else entity

    def _salient_before(self, start: int, gender: str | None = None) -> Entity | None:
        """The last person named as a subject in the preceding text (subjects are the usual
        antecedents of "il"/"elle" in news; a later complement "avec le chef de l'État" is not)."""
        doc = self.article.nlp
        if doc is None:
            return None
        for span, entity in self._persons_before(start):
            if start - span.end_char > ANTECEDENT_WINDOW:
                break
            if gender is not None and self.entity_gender(entity.id) not in (None, gender):
                continue
            root = span.root
            while root.dep_ in {"appos", "flat:name", "flat", "compound"} and root.head is not root:
                root = root.head
            if root.dep_ in self.lex.dep_subject and root.head.dep_ not in self.lex.dep_clause:
                return self._full(entity)  # not the subject of reported content ("a estimé que X …")
            misparsed = (
                root.dep_ == "ROOT" and root.pos_ in {"NOUN", "PROPN"} and any(t.pos_ == "VERB" for t in root.sent)
            )
            if misparsed:  # a noun at the root of a sentence with a verb: its opening phrase is the subject
                return self._full(entity)  # (a caption has no verb: "X et Y dans le cortège")
        return None

    def _first_person_between(self, start: int, stop: int) -> Entity | None:
        doc = self.article.nlp
        for ent in doc.ents if doc is not None else ():
            if ent.start_char >= start and ent.end_char <= stop and ent.label_ in PERSON_LABELS:
                return self.index.at(ent.start_char, ent.end_char) or self.index.by_name(ent.text)
        return None

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
