"""Where speaker resolution looks names and roles up.

The entities step's `EntityIndex` (analyze/entity_index.py) does the work when the article
has entities. Before that step runs (or when it found none), `ParseIndex` offers the same four
lookups over the parse's named entities, so quotes never depend on the step order to work.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..article import Article, Entity, EntityLabel, Mention

PERSON_LABELS = frozenset({"PER", "PERSON"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})


class Index(Protocol):
    def at(self, start: int, end: int) -> Entity | None: ...
    def by_role(self, text: str, *, near: int | None = None) -> Entity | None: ...
    def by_name(self, text: str, *, near: int | None = None) -> Entity | None: ...
    def last_person_before(self, pos: int) -> Entity | None: ...


class ParseIndex:
    """The four lookups over spaCy's entities: persons merged by surname, no roles."""

    def __init__(self, doc: Any) -> None:
        self.entities: list[Entity] = []
        by_key: dict[tuple[str, str], Entity] = {}
        persons: list[tuple[int, int, Entity]] = []
        for ent in sorted(doc.ents, key=lambda e: -len(e)):
            label: EntityLabel | None = (
                "PER" if ent.label_ in PERSON_LABELS else "ORG" if ent.label_ in ORG_LABELS else None
            )
            if label is None:
                continue
            key = (label, ent[-1].text.lower() if label == "PER" else ent.text.lower())
            entity = by_key.get(key)
            if entity is None:
                entity = Entity(id=f"p{len(self.entities) + 1}", label=label, name=ent.text)
                by_key[key] = entity
                self.entities.append(entity)
            entity.mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text))
            if label == "PER":
                persons.append((ent.start_char, ent.end_char, entity))
        self._persons = sorted(persons, key=lambda p: p[1])

    def at(self, start: int, end: int) -> Entity | None:
        best: Entity | None = None
        for entity in self.entities:
            for m in entity.mentions:
                if m.start < end and start < m.end and (best is None or entity.label == "PER"):
                    best = entity
        return best

    def by_role(self, text: str, *, near: int | None = None) -> Entity | None:
        return None

    def by_name(self, text: str, *, near: int | None = None) -> Entity | None:
        last = text.split()[-1].lower() if text.split() else ""
        for entity in self.entities:
            if entity.label == "PER" and entity.name.split()[-1].lower() == last:
                return entity
        return None

    def last_person_before(self, pos: int) -> Entity | None:
        found: Entity | None = None
        for _start, end, entity in self._persons:
            if end <= pos:
                found = entity
        return found


def index_for(article: Article) -> Index:
    if article.entities:
        try:
            from .entity_index import EntityIndex
        except ImportError:  # the entities step is optional; the parse index is enough to start
            return ParseIndex(article.nlp)
        return EntityIndex(article)
    return ParseIndex(article.nlp)
