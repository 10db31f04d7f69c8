"""Look entities up by position, name, role or recency: the resolution API of later steps.

The quotes and claims steps resolve a speaker span ("Mark Esper"), a role noun phrase ("le
ministre américain de la Défense") or a pronoun ("a-t-il ajouté") to an `Entity` with this
index. It is built from `article.entities` (plus `article.nlp`, only for `gender`), so it
also works on a record read back from JSON; every lookup is a bisect or a scan over the
article's entities, never over tokens.

    index = EntityIndex(article)
    index.at(start, end)                    # the entity mentioned at a span
    index.by_name("Abdel Mahdi")            # full name, mention or surname
    index.by_role("le chef du Pentagone", near=pos)
    index.last_person_before(pos, gender="Masc")   # "…, a-t-il ajouté"
    index.next_person_after(pos)            # a pronoun before the name
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..article import Article, Entity
from ..errors import DatelineError
from . import entity_data
from .entity_data import EntityData, RoleKey, words

# Share of a role query's content (role nouns, other words, countries) an entity's role must
# contain. 0.5 accepts "la nouvelle ministre des Sports" (2 of 3) for "ministre des Sports";
# set on the seed's role mentions and the French pages of trafilatura-evaldata-fr-en.
MIN_ROLE_COVERAGE = 0.5


def _match(query: RoleKey, role: RoleKey, data: EntityData) -> float:
    """How well an entity's role matches a role phrase (0 when it cannot be the same office):
    they share a role noun ("premier ministre" is not "ministre"), do not name different
    countries, and do not name different portfolios ("ministre de l'Intérieur" is not "ministre
    des Sports"); then the share of the phrase the role covers, plus a small bonus for a role
    that says no more than the phrase ("général" beats "général iranien" for "le général").
    A leader noun ("le dirigeant ukrainien", "le chef de l'ONU") stands for a top office of the
    same country or body ("président ukrainien", "secrétaire général de l'ONU"), never for a
    role that names neither."""
    heads = len(query.heads & role.heads)
    if not heads:
        leader = query.heads <= data.leaders and bool(role.heads & data.top_offices)
        if not leader or not (query.countries & role.countries or query.complements & role.complements):
            return 0.0
        heads = len(query.heads)
    if query.countries and role.countries and not (query.countries & role.countries):
        return 0.0
    if query.complements and role.complements and not (query.complements & role.complements):
        return 0.0
    shared = heads + len(query.complements & role.complements) + len(query.countries & role.countries)
    coverage = shared / query.size()
    if coverage < MIN_ROLE_COVERAGE:
        return 0.0
    return coverage + 0.01 * shared / max(role.size(), 1)


class EntityIndex:
    """Resolution over one article's entities (see the module docstring)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.entities: list[Entity] = list(article.entities)
        spans = sorted((m.start, m.end, i) for i, e in enumerate(self.entities) for m in e.mentions)
        self._spans = spans
        self._starts = [s for s, _, _ in spans]
        self._longest = max((e - s for s, e, _ in spans), default=0)
        persons = sorted(
            (m.end, m.start, i) for i, e in enumerate(self.entities) if e.label == "PER" for m in e.mentions
        )
        self._person_ends = [end for end, _, _ in persons]
        self._persons = persons
        self._persons_by_start = sorted(
            (m.start, i) for i, e in enumerate(self.entities) if e.label == "PER" for m in e.mentions
        )
        self._person_starts = [start for start, _ in self._persons_by_start]
        self.data: EntityData | None = None
        if article.language:
            try:
                self.data = entity_data.load(article.language)
            except DatelineError:
                self.data = None  # unsupported language: name and position lookups still work
        self._genders: dict[int, str] | None = None  # computed on first use
        data = self.data
        self._roles: list[list[RoleKey]] = [
            [data.role_key(r) for r in e.roles] if data is not None else [] for e in self.entities
        ]

    # -- by position -------------------------------------------------------------------------
    def at(self, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps [start, end) most; among equals, the mention that
        spills least outside the span, then a person."""
        best: tuple[int, int, int] | None = None  # (overlap, -spill, is_person)
        found: Entity | None = None
        i = bisect_left(self._starts, end)
        while i > 0:
            i -= 1
            s, e, k = self._spans[i]
            if s < start - self._longest:
                break
            overlap = min(e, end) - max(s, start)
            if overlap <= 0:
                continue
            entity = self.entities[k]
            # Most overlap, then the mention that spills least outside the span (the span of
            # "Pentagone" inside the role mention "chef du Pentagone" is the organisation).
            key = (overlap, -(e - s - overlap), int(entity.label == "PER"))
            if best is None or key > best:
                best, found = key, entity
        return found

    def last_person_before(self, pos: int, *, gender: str | None = None) -> Entity | None:
        """The person mentioned last before `pos` (a mention ending at or before it): the
        antecedent of a pronoun in an attribution ("…, a-t-il ajouté"). With `gender` ("Fem"
        or "Masc", the pronoun's, e.g. spaCy's `token.morph.get("Gender")`), persons known to
        be of the other gender are skipped; unknown ones still match."""
        i = bisect_right(self._person_ends, pos)
        while i > 0:
            k = self._persons[i - 1][2]
            if self._agrees(k, gender):
                return self.entities[k]
            i -= 1
        return None

    def next_person_after(self, pos: int, *, gender: str | None = None) -> Entity | None:
        """The first person mentioned after `pos`: the referent of a pronoun that comes before
        the name ("« …, a-t-elle ajouté, … » La sénatrice Anne Perrin s'exprimait…")."""
        i = bisect_left(self._person_starts, pos)
        while i < len(self._person_starts):
            k = self._persons_by_start[i][1]
            if self._agrees(k, gender):
                return self.entities[k]
            i += 1
        return None

    def gender(self, entity: Entity) -> str | None:
        """ "Fem", "Masc" or None, from the grammatical gender of the person's titles and role
        mentions in the parse ("la sénatrice Anne Perrin", "le ministre")."""
        if self._genders is None:
            self._genders = _genders(self.article, self.entities, self.data)
        for k, known in enumerate(self.entities):
            if known is entity:
                return self._genders.get(k)
        return None

    def _agrees(self, k: int, gender: str | None) -> bool:
        if gender is None:
            return True
        if self._genders is None:
            self._genders = _genders(self.article, self.entities, self.data)
        known = self._genders.get(k)
        return known is None or known == gender

    # -- by name -----------------------------------------------------------------------------
    def by_name(self, text: str, *, near: int | None = None) -> Entity | None:
        """The entity a name refers to: its canonical name, one of its mentions, or (persons)
        its surname. Ambiguous surnames resolve to the nearest mention when `near` is given,
        else to nothing."""
        wanted = self._name_words(text)
        if not wanted:
            return None
        exact = [k for k, e in enumerate(self.entities) if self._name_words(e.name) == wanted]
        if not exact:
            exact = [
                k for k, e in enumerate(self.entities) if any(self._name_words(m.text) == wanted for m in e.mentions)
            ]
        if exact:
            return self._pick(exact, near)
        n = len(wanted)
        tails = [k for k, e in enumerate(self.entities) if e.label == "PER" and words(e.name)[-n:] == wanted]
        return self._pick(tails, near) if tails else None

    def _name_words(self, text: str) -> list[str]:
        text = text.strip()
        if self.data is not None:
            first, _, rest = text.partition(" ")
            if first in self.data.honorifics and rest:
                text = rest
            text = self.data.strip_article(text)
        return words(text)

    # -- by role -----------------------------------------------------------------------------
    def by_role(self, text: str, *, near: int | None = None) -> Entity | None:
        """The entity whose roles match a role noun phrase best ("le ministre américain de la
        Défense" -> the entity with role "chef du Pentagone", via the synonym table of
        lang/<code>/entities.toml). The phrase and the role must share a role noun, must not
        name different countries, and the role must cover MIN_ROLE_COVERAGE of the phrase's
        content words. Ties go to the entity mentioned nearest before `near` (else after);
        without `near`, a tie resolves to nothing."""
        if self.data is None:
            return None
        query = self.data.role_key(text)
        if not query.heads:
            return None
        scored: list[tuple[float, int]] = []
        for k, roles in enumerate(self._roles):
            best = max((_match(query, role, self.data) for role in roles), default=0.0)
            if best > 0:
                scored.append((best, k))
        if not scored:
            return None
        top = max(score for score, _ in scored)
        return self._pick([k for score, k in scored if top - score < 1e-9], near)

    def _pick(self, candidates: list[int], near: int | None) -> Entity | None:
        if len(candidates) == 1:
            return self.entities[candidates[0]]
        if near is None:
            return None
        before: list[tuple[int, int]] = []
        after: list[tuple[int, int]] = []
        for k in candidates:
            for m in self.entities[k].mentions:
                if m.end <= near:
                    before.append((near - m.end, k))
                elif m.start >= near:
                    after.append((m.start - near, k))
        pool = before or after
        if not pool:
            return None
        return self.entities[min(pool)[1]]


# Tokens looked at before a name for its title ("la sénatrice Anne Perrin").
_TITLE_WINDOW = 4
_TITLE_POS = frozenset({"DET", "NOUN", "ADJ", "PROPN"})


def _genders(article: Article, entities: list[Entity], data: EntityData | None) -> dict[int, str]:
    """Grammatical gender of each person, voted by the determiners, role nouns and adjectives
    of their titles, courtesy titles and role mentions (only when a role noun or a courtesy title
    is there: "la presse, Mark Esper" says nothing about Esper)."""
    doc = article.nlp
    out: dict[int, str] = {}
    if doc is None or data is None:
        return out
    for k, entity in enumerate(entities):
        if entity.label != "PER":
            continue
        votes = {"Fem": 0, "Masc": 0}
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            if mention.text[:1].islower():  # a role mention: its determiner and role noun
                window = [doc[i] for i in range(max(0, span.start - 1), min(span.end, span.start + 1))]
            else:
                window = []
                i = span.start - 1
                while i >= 0 and span.start - i <= _TITLE_WINDOW and doc[i].pos_ in _TITLE_POS:
                    window.append(doc[i])
                    i -= 1
                if not any(t.lower_ in data.role_firsts or t.text in data.honorifics for t in window):
                    continue
            for token in window:
                for value in token.morph.get("Gender"):
                    if value in votes:
                        votes[value] += 1
        if votes["Fem"] != votes["Masc"]:
            out[k] = "Fem" if votes["Fem"] > votes["Masc"] else "Masc"
    return out
