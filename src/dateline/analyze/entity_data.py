"""The entity step's language knowledge (lang/<code>/entities.toml), compiled once per language.

Role comparison lives here too because it is pure data work: a role phrase becomes a `RoleKey`
(its role nouns, its other content words and its countries, after synonyms are replaced by
their canonical wording); entity_index.py compares two keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import lang
from ..article import EntityLabel

_WORD = re.compile(r"[\w][\w\-]*", re.UNICODE)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def words(text: str) -> list[str]:
    """Lower-case words of a phrase; elided articles ("l'", "d'") become their own word."""
    return _WORD.findall(text.translate(_APOSTROPHES).lower().replace("'", " "))


@dataclass(frozen=True)
class Synonym:
    variant: tuple[str, ...]
    canonical: tuple[str, ...]
    country: str


@dataclass(frozen=True)
class EntityData:
    code: str
    label_map: dict[str, EntityLabel]
    labels: dict[str, EntityLabel]
    metonyms: frozenset[str]
    calendar: frozenset[str]
    not_entities: frozenset[str]
    drop_prefixes: tuple[str, ...]
    leading_articles: tuple[str, ...]
    not_person_start: frozenset[str]
    not_names: frozenset[str]  # "Soulagé, il a …": a capitalised adjective opening a sentence
    event_before: frozenset[str]
    event_heads: frozenset[str]
    honorifics: frozenset[str]
    definite: frozenset[str]
    portfolios: frozenset[str]
    institution_heads: frozenset[str]
    stopwords: frozenset[str]
    roles: tuple[tuple[str, ...], ...]  # longest first
    role_firsts: frozenset[str]
    role_content: tuple[tuple[str, ...], ...]  # role nouns without function words, longest first
    synonyms: tuple[Synonym, ...]
    countries: dict[str, str]  # word -> country code
    leaders: frozenset[str] = frozenset()  # "chef", "dirigeant": stand for any top office below
    top_offices: frozenset[str] = frozenset()  # "président", "secrétaire général"

    def role_at(self, lowered: list[str], i: int) -> int:
        """Length in tokens of the role noun starting at lowered[i] (0 when none)."""
        if lowered[i] not in self.role_firsts:
            return 0
        for role in self.roles:
            n = len(role)
            if tuple(lowered[i : i + n]) == role:
                return n
        return 0

    def strip_article(self, text: str) -> str:
        low = text.lower()
        for art in self.leading_articles:
            if low.startswith(art) and len(text) > len(art):
                return text[len(art) :]
        return text

    def role_key(self, text: str) -> RoleKey:
        """The comparable content of a role phrase: "le chef du Pentagone" -> heads {ministre},
        complements {défense}, countries {US} (through the synonym table)."""
        ws = words(text)
        countries: set[str] = set()
        content: list[str] = []
        i = 0
        while i < len(ws):
            for syn in self.synonyms:
                n = len(syn.variant)
                if tuple(ws[i : i + n]) == syn.variant:
                    content.extend(syn.canonical)
                    if syn.country:
                        countries.add(syn.country)
                    i += n
                    break
            else:
                if ws[i] not in self.stopwords:
                    content.append(ws[i])
                i += 1
        heads: set[str] = set()
        complements: set[str] = set()
        i = 0
        while i < len(content):
            two = " ".join(content[i : i + 2])
            if two in self.countries:
                countries.add(self.countries[two])
                i += 2
                continue
            if content[i] in self.countries:
                countries.add(self.countries[content[i]])
                i += 1
                continue
            for role in self.role_content:
                n = len(role)
                if tuple(content[i : i + n]) == role:
                    # Only the first role noun heads the phrase: in "directeur de cabinet du
                    # président" the president is whose director, a complement.
                    (complements if heads else heads).add(" ".join(role))
                    i += n
                    break
            else:
                complements.add(content[i])
                i += 1
        return RoleKey(frozenset(heads), frozenset(complements), frozenset(countries))


@dataclass(frozen=True)
class RoleKey:
    heads: frozenset[str]  # role nouns, a multi-word one as one item ("premier ministre")
    complements: frozenset[str]  # other content words ("défense", "opérations")
    countries: frozenset[str]  # country codes

    def size(self) -> int:
        return len(self.heads) + len(self.complements) + len(self.countries)


def _labels(table: dict[str, str]) -> dict[str, EntityLabel]:
    out: dict[str, EntityLabel] = {}
    for key, value in table.items():
        if value in ("PER", "ORG", "LOC", "MISC"):
            out[key] = value  # type: ignore[assignment]
    return out


@cache
def load(code: str) -> EntityData:
    """Compiled entity data for a language (raises DatelineError when the language is unknown)."""
    raw = lang.load(code).resource("entities")
    stop = frozenset(words(" ".join(raw["role_stopwords"])))
    roles = sorted({tuple(words(r)) for r in raw["roles"] if words(r)}, key=len, reverse=True)
    synonyms: list[Synonym] = []
    for group in raw["synonyms"]:
        canonical = tuple(w for w in words(group["canonical"]) if w not in stop)
        for variant in group["variants"]:
            synonyms.append(Synonym(tuple(words(variant)), canonical, str(group.get("country", ""))))
    synonyms.sort(key=lambda s: len(s.variant), reverse=True)
    countries: dict[str, str] = {}
    for country, forms in raw["countries"].items():
        for form in forms:
            countries[" ".join(words(form))] = country
    return EntityData(
        code=code,
        label_map=_labels(raw["label_map"]),
        labels=_labels(raw["labels"]),
        metonyms=frozenset(raw["metonyms"]),
        calendar=frozenset(w.lower() for w in raw["calendar"]),
        not_entities=frozenset(w.lower() for w in raw["not_entities"]),
        drop_prefixes=tuple(p.lower() for p in raw["drop_prefixes"]),
        leading_articles=tuple(a.lower() for a in raw["leading_articles"]),
        not_person_start=frozenset(w.lower() for w in raw["not_person_start"]),
        not_names=frozenset(w.lower() for w in raw["not_names"]),
        event_before=frozenset(w.lower() for w in raw["event_before"]),
        event_heads=frozenset(w.lower() for w in raw["event_heads"]),
        honorifics=frozenset(raw["honorifics"]),
        definite=frozenset(w.lower().translate(_APOSTROPHES).rstrip("'") for w in raw["definite"]),
        portfolios=frozenset(" ".join(words(p)) for p in raw["portfolios"]),
        institution_heads=frozenset(w.lower() for w in raw["institution_heads"]),
        stopwords=stop,
        roles=tuple(roles),
        role_firsts=frozenset(r[0] for r in roles),
        role_content=tuple(sorted({tuple(w for w in r if w not in stop) for r in roles} - {()}, key=len, reverse=True)),
        synonyms=tuple(synonyms),
        countries=countries,
        leaders=frozenset(" ".join(words(w)) for w in raw["leaders"]["nouns"]),
        top_offices=frozenset(" ".join(words(w)) for w in raw["leaders"]["offices"]),
    )
