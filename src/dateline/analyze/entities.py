"""The entities step: the tagger's names, corrected, merged per article, with their roles.

Starts from the spaCy entities on `article.nlp` and fixes what news text exposes (measured on
the seed, /work/shared/seed/article-fr-pentagone.txt): a gazetteer relabels institutions named
by their seat ("Pentagone" is an ORG, not a LOC) and capitals ("Washington" is never a person;
it is an ORG when it is the subject of a verb, the government); calendar words ("Lundi") are
never entities; a portfolio after a role noun ("ministre de la Défense") is part of the role;
page furniture ("RSS Feed") and supporter labels ("pro-Iran") go; a role the tagger took for
a name goes ("Premier ministre démissionnaire" as MISC); leading lower-case articles and
trailing dashes leave the name ("la Zone verte -un quartier" -> "Zone verte"); a "person"
headed by an event noun is not one ("Affaire Benalla").
Mentions then merge within the article (a surname to the full name: "Abdel Mahdi" -> "Adel
Abdel Mahdi", shared surnames to the full name named last; an acronym defined in parentheses
to its name), names the tagger missed are found again by one regex over the known names, roles
attach from titles, appositions and copulas (entity_roles.py), and definite role noun phrases
("le ministre américain de la Défense") become mentions of the person they name, through
`EntityIndex.by_role` and the synonym table of lang/<code>/entities.toml.
All knowledge is data; the cost is linear in tokens (one pass for role mentions, one regex;
bench/entities.py: ~3 % of the parse, also on a 500-paragraph article).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..article import Article, Entity, EntityLabel, Mention
from ..errors import Code, DatelineError
from . import entity_data
from .entity_data import EntityData, words
from .entity_index import EntityIndex
from .entity_roles import (
    Tokens,
    apposition_after,
    extend_right,
    predicate_role,
    role_from,
    role_length,
    title_before,
)
from .entity_spans import acronym_tail, hyphen_tail, known_tail, titled_names

__all__ = ["Entities", "EntityIndex"]

# A name never runs over punctuation, a table cell or a line ("Paris | 1 | 12" in a table).
_CUT = re.compile(r"\s[-–—]|[,;:()\[\]«»\"“”|•·/<>\t\n]")
_TRAIL = " -–—'’"
# An acronym defined right after a name: " (OFAG)".
_ACRONYM = re.compile(r"\s*\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&.\-]{1,11})[),]")  # "(CNC)", "(CNC, opposition)"
_LABEL_ORDER: dict[str, int] = {"PER": 3, "ORG": 2, "LOC": 1, "MISC": 0}
# Tokens on the left of a portfolio ("ministre américain de la Défense") searched for its role noun.
_PORTFOLIO_LEFT = 4


@dataclass
class _Raw:
    start: int
    end: int
    label: EntityLabel
    first: int  # token span [first, last)
    last: int
    text: str
    fixed: bool = False  # label from the gazetteer


@dataclass
class _Group:
    key: tuple[str, ...]
    mentions: list[_Raw] = field(default_factory=list)
    label: EntityLabel = "MISC"
    fixed: bool = False


class Entities:
    name = "entities"
    version = 1
    requires: tuple[str, ...] = ("text", "language", "nlp")
    assigns: tuple[str, ...] = ("entities",)

    def __call__(self, article: Article) -> Article:
        if article.nlp is None:
            article.problem(self.name, Code.STEP_SKIPPED.value, "no parse of the text (see the nlp step's problem)")
            return article
        try:
            data = entity_data.load(article.language or "")
        except DatelineError as exc:
            article.problem(self.name, Code.STEP_SKIPPED.value, exc.message)
            return article
        tokens = Tokens.of(article.nlp)
        raws = _tagged(tokens, data)
        aliases = _acronyms(tokens, data, raws)
        raws += _search(tokens, data, raws)
        groups = _merge(_group(raws, data, aliases))
        _metonymy(groups, tokens, data)
        entities = _entities(groups, tokens, data)
        for raw in (r for g in groups if g.label == "PER" for r in g.mentions):
            tokens.person_start.add(raw.first)
            tokens.person_tokens.update(range(raw.first, raw.last))
        _attach_roles(entities, groups, tokens, data)
        article.entities = entities
        _role_mentions(article, tokens, data)
        return article


def _clean(tokens: Tokens, data: EntityData, first: int, last: int, label: EntityLabel) -> _Raw | None:
    """One tagged span corrected, or None when it is not a name."""
    text = tokens.text
    articles = {a.strip() for a in data.leading_articles}
    # A lower-case article is not part of the name ("la Zone verte"); a capitalised one inside a
    # sentence is ("La Gazette", "Le Monde": titles of newspapers, challenge_synthetic fr-011).
    while first < last and (
        (tokens.low[first] in articles and tokens.doc[first].text[0].islower())
        or tokens.doc[first].text in data.honorifics
    ):
        first += 1
    if first < last and label != "PER" and tokens.doc[first].text[0].islower() and role_length(tokens, data, first):
        return None  # a role tagged as a name ("ministre de la Santé" as ORG, "Premier ministre …" as MISC)
    if label in ("PER", "MISC"):
        for j in range(first, min(last, first + 4)):  # a title the tagger took in: "Premier ministre X"
            if j > first and tokens.pos[j - 1] == "PROPN":
                break  # inside the name already: "Bruno Le Maire" holds no title "maire"
            n = role_length(tokens, data, j)
            if n:
                k = j + n
                while k < last and tokens.pos[k] == "ADJ":
                    k += 1
                first = k
                # "Premier ministre Édouard Philippe" tagged MISC: a title before a name makes a person.
                label = "PER" if last - first >= 2 else label
                break
    if first + 1 < last and tokens.pos[first] == "ADP" and tokens.pos[first + 1] == "DET":
        return None  # "de la République": a complement cut loose, not a name ("de Gaulle" stays)
    if first + 1 < last and label == "LOC" and tokens.pos[first] == "ADP" and tokens.doc[first].text.islower():
        first += 1  # "de Nîmes" (tribunal correctionnel de Nîmes): the place is "Nîmes"
    if (
        label in ("ORG", "MISC")
        and last - first == 1
        and tokens.doc[first].is_sent_start
        and not tokens.doc[first].text.isupper()
        and last < len(tokens)
        and tokens.pos[last] == "ADJ"
        and tokens.doc[last].text.islower()
    ):
        return None  # a capitalised common noun opening a sentence: "Imbroglio militaire." (seed)
    while last - first > 1 and (tokens.low[last - 1] in data.calendar or tokens.pos[last - 1] == "PART"):
        last -= 1  # "OFAG jeudi", "White House's"
    if first >= last:
        return None
    start, end = tokens.start(first), tokens.end(last - 1)
    cut = _CUT.search(text, start, end)
    if cut:
        end = cut.start()
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    name = text[start:end]
    low = name.lower()
    if not name or not any(c.isupper() for c in name) or low in data.not_entities | data.not_names:
        return None
    if low.startswith(data.drop_prefixes) or all(w in data.calendar for w in words(name)):
        return None
    while last > first and tokens.start(last - 1) >= end:
        last -= 1
    if " ".join(words(name)) in data.portfolios:
        for j in range(max(0, first - _PORTFOLIO_LEFT), first):
            if tokens.low[j] in data.institution_heads:  # "ministère de la Défense": the institution
                return _Raw(tokens.start(j), end, "ORG", j, last, text[tokens.start(j) : end])
            if role_length(tokens, data, j):
                return None  # "ministre de la Défense": part of a role
    if label == "PER" and tokens.low[first] in data.event_heads:
        label = "MISC"  # "Affaire Benalla": an event named after a person, not the person
    if label == "PER" and first > 0 and tokens.key(first - 1) in data.event_before:
        label = "MISC"  # "pendant Nuit Debout": a time, so an event
    if label == "PER" and first > 0 and tokens.key(first - 1) in data.not_person_start:
        # "The Gazette reported" (tagged PERSON without its article): no person's name follows
        # "the"; a capitalised article belongs to the title (challenge_synthetic en-007).
        label = "ORG"
        if tokens.doc[first - 1].text[0].isupper():
            first -= 1
            start = tokens.start(first)
            name = text[start:end]
    fixed = data.labels.get(name) or data.labels.get(data.strip_article(name))
    return _Raw(start, end, fixed or label, first, last, name, fixed=fixed is not None)


def _tagged(tokens: Tokens, data: EntityData) -> list[_Raw]:
    out: list[_Raw] = []
    for ent in tokens.doc.ents:
        label = data.label_map.get(ent.label_)
        if label is None:
            continue
        last = hyphen_tail(tokens, ent.end, label) if ent.end < len(tokens) else ent.end
        last = acronym_tail(tokens, ent.start, known_tail(tokens, data, ent.start, last))
        raw = _clean(tokens, data, ent.start, last, label)
        if raw is not None:
            out.append(raw)
    for first, last in titled_names(tokens, data):  # "ministre de la Culture Rachida Dati"
        start, end = tokens.start(first), tokens.end(last - 1)
        out = [r for r in out if r.end <= start or r.start >= end]
        out.append(_Raw(start, end, "PER", first, last, tokens.text[start:end]))
    return out


def _search(tokens: Tokens, data: EntityData, raws: list[_Raw]) -> list[_Raw]:
    """Mentions of known names the tagger missed (one regex over the text)."""
    text = tokens.text
    names: dict[str, EntityLabel] = {}
    for raw in raws:
        name = raw.text
        names.setdefault(name, raw.label)
        if raw.label == "PER":
            parts = name.split()
            for k in range(1, len(parts)):
                tail = " ".join(parts[k:])
                if len(tail) > 2 and tail[0].isupper() and not tail.endswith("."):
                    names.setdefault(tail, "PER")
    for name, label in data.labels.items():
        names.setdefault(name, label)
    names = {n: lab for n, lab in names.items() if n and n[0].isupper()}
    if not names:
        return []
    pattern = re.compile(
        r"(?<!\w)(?=[^\W\d_])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
    )
    taken = bytearray(len(text) + 1)
    for raw in raws:
        taken[raw.start : raw.end] = b"\x01" * (raw.end - raw.start)
    found: list[_Raw] = []
    for match in pattern.finditer(text):
        if any(taken[match.start() : match.end()]):
            continue
        span = tokens.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        name = match.group()
        fixed = data.labels.get(name)
        found.append(
            _Raw(match.start(), match.end(), fixed or names[name], span.start, span.end, name, fixed is not None)
        )
    return found


def _acronyms(tokens: Tokens, data: EntityData, raws: list[_Raw]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Acronyms defined in parentheses after a name ("Office fédéral de l'agriculture (OFAG)"):
    the acronym's mentions join the name (added to `raws` when the tagger missed the acronym);
    returns acronym key -> name key."""
    text = tokens.text
    aliases: dict[tuple[str, ...], tuple[str, ...]] = {}
    starts = {r.start: r for r in raws}
    for raw in list(raws):
        if raw.label == "PER":
            continue
        match = _ACRONYM.match(text, raw.end)
        if match is None or match.group(1)[0] != data.strip_article(raw.text)[:1].upper():
            continue
        begin, end = match.span(1)
        if begin not in starts:
            span = tokens.doc.char_span(begin, end, alignment_mode="expand")
            if span is None:
                continue
            acronym = _Raw(begin, end, raw.label, span.start, span.end, match.group(1))
            raws.append(acronym)
            starts[begin] = acronym
        aliases[tuple(words(match.group(1)))] = tuple(words(data.strip_article(raw.text)))
    return aliases


def _group(
    raws: list[_Raw], data: EntityData, aliases: dict[tuple[str, ...], tuple[str, ...]] | None = None
) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for raw in sorted(raws, key=lambda r: r.start):
        key = tuple(words(data.strip_article(raw.text)))
        key = (aliases or {}).get(key, key)
        if not key:
            continue
        group = groups.setdefault(key, _Group(key=key))
        group.mentions.append(raw)
    for group in groups.values():
        fixed = [r.label for r in group.mentions if r.fixed]
        if fixed:
            group.label, group.fixed = fixed[0], True
        else:
            votes = Counter(r.label for r in group.mentions)
            group.label = max(votes, key=lambda lab: (votes[lab], _LABEL_ORDER[lab]))
    return list(groups.values())


def _merge(groups: list[_Group]) -> list[_Group]:
    """A surname joins the full name ending with it; an organisation's short name joins the one
    longer name it starts ("Parlement" -> "Parlement irakien")."""
    persons = [g for g in groups if g.label == "PER" and len(g.key) > 1]
    orgs = [g for g in groups if g.label == "ORG"]
    merged: set[int] = set()
    for group in sorted(groups, key=lambda g: len(g.key)):
        if group.fixed and group.label != "ORG":
            continue
        n = len(group.key)
        target: _Group | None = None
        if group.label != "ORG":
            owners = [
                p
                for p in persons
                if p is not group and id(p) not in merged and len(p.key) > n and p.key[-n:] == group.key
            ]
            if owners:
                target = _owner(group, owners, merged)
        else:
            # One added word only ("Parlement irakien", "Union européenne"): "House" is not
            # "House Freedom Caucus" (politico page of trafilatura-evaldata).
            longer = [o for o in orgs if o is not group and len(o.key) == n + 1 and o.key[:n] == group.key]
            if len(longer) == 1:
                target = longer[0]
        if target is not None and id(target) not in merged:
            target.mentions.extend(group.mentions)
            merged.add(id(group))
    return [g for g in groups if id(g) not in merged]


def _owner(group: _Group, owners: list[_Group], merged: set[int]) -> _Group | None:
    """The full name a surname group joins. One owner, or one mentioned at least three times as
    often as any other ("Alexandre Benalla" over a heading's "Affaire Benalla"), takes it all;
    otherwise each mention goes to the owner named last before it ("Marine Le Pen" … "Jean-Marie
    Le Pen" … "Le Pen"), and None is returned because the group is already shared out."""
    ranked = sorted(owners, key=lambda p: -len(p.mentions))
    if len(ranked) == 1 or len(ranked[0].mentions) >= 3 * len(ranked[1].mentions):
        return ranked[0]
    for raw in group.mentions:
        before = [
            (max((r.start for r in p.mentions if r.start < raw.start), default=-1), k) for k, p in enumerate(ranked)
        ]
        latest, k = max(before, key=lambda item: (item[0], -item[1]))
        ranked[k if latest >= 0 else 0].mentions.append(raw)
    merged.add(id(group))
    return None


def _metonymy(groups: list[_Group], tokens: Tokens, data: EntityData) -> None:
    """A capital that is the subject of a verb stands for its government (ORG)."""
    for group in groups:
        name = group.mentions[0].text
        if name not in data.metonyms:
            continue
        subjects = sum(1 for r in group.mentions if tokens.doc[r.last - 1].dep_.startswith("nsubj"))
        group.label = "ORG" if 2 * subjects > len(group.mentions) else "LOC"


def _entities(groups: list[_Group], tokens: Tokens, data: EntityData) -> list[Entity]:
    ordered = sorted(groups, key=lambda g: min(r.start for r in g.mentions))
    out: list[Entity] = []
    for k, group in enumerate(ordered, 1):
        mentions = sorted({(r.start, r.end) for r in group.mentions})
        texts = [tokens.text[s:e] for s, e in mentions]
        if group.label == "PER":
            name = max(texts, key=lambda t: (len(t.split()), len(t)))
        else:
            # The fullest name ("Union européenne" over "Union"), then the most frequent
            # spelling ("Europe" over "L’Europe").
            counts = Counter(texts)
            name = max(texts, key=lambda t: (len(words(data.strip_article(t))), counts[t], len(t)))
        out.append(
            Entity(
                f"e{k}", group.label, name, [], [Mention(s, e, t) for (s, e), t in zip(mentions, texts, strict=True)]
            )
        )
    groups[:] = ordered
    return out


def _attach_roles(entities: list[Entity], groups: list[_Group], tokens: Tokens, data: EntityData) -> None:
    for entity, group in zip(entities, groups, strict=True):
        if entity.label != "PER":
            continue
        seen = {r.lower() for r in entity.roles}
        for raw in sorted(group.mentions, key=lambda r: r.start):
            found = (
                title_before(tokens, data, raw.first),
                apposition_after(tokens, data, raw.last),
                predicate_role(tokens, data, raw.first, raw.last),
            )
            for role in found:
                if role and role.lower() not in seen:
                    seen.add(role.lower())
                    entity.roles.append(role)


def _role_mentions(article: Article, tokens: Tokens, data: EntityData) -> None:
    """Definite role noun phrases that name a known person become mentions of that person
    ("le ministre américain de la Défense", "the defense secretary"); the mention spans the
    phrase without its determiner."""
    index = EntityIndex(article)
    text = tokens.text
    added = False
    for d in range(len(tokens) - 1):
        k = d + 1
        if tokens.key(d) not in data.definite or k in tokens.person_tokens:
            continue
        found = role_from(tokens, data, k)
        if found is None:
            continue
        end, hit_person = extend_right(tokens, *found, data.calendar)
        if hit_person or (end + 1 < len(tokens) and tokens.low[end] == "," and end + 1 in tokens.person_start):
            continue  # a title or an apposition of the name that follows: attached as a role already
        start, stop = tokens.start(k), tokens.end(end - 1)
        entity = index.by_role(text[start:stop], near=start)
        if entity is None or entity.label != "PER":
            continue
        entity.mentions.append(Mention(start, stop, text[start:stop]))
        added = True
    if added:
        for entity in article.entities:
            entity.mentions.sort(key=lambda m: m.start)
