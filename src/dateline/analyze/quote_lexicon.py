"""The language data of the quote and claim steps (lang/<code>/quotes.toml), typed.

Loaded once per language; analyzers read words only through `Lexicon`, so the code holds no
word of any language. Multi-word entries ("à en croire", "auprès de") are kept as lowercase
token sequences and matched on the normalised text (analyze/quote_marks.normalise).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from typing import cast

from .. import lang
from ..article import Stance

STANCES: tuple[Stance, ...] = ("announce", "deny", "confirm", "retract", "accuse", "reject", "report")


@dataclass(frozen=True)
class Lexicon:
    code: str
    marks: tuple[tuple[str, str], ...]
    quote_verbs: frozenset[str]
    stance_of: dict[str, Stance]
    source_markers: tuple[str, ...]
    not_after_marker: tuple[str, ...]
    source_after_verb: tuple[str, ...]
    person_pronouns: frozenset[str]
    impersonal: frozenset[str]
    np_links: frozenset[str]
    time_words: frozenset[str]
    person_roles: frozenset[str]
    work_nouns: frozenset[str]
    naming_words: frozenset[str]
    org_nouns: frozenset[str]
    document_nouns: frozenset[str]
    infinitive_verbs: frozenset[str]
    reflexive_attribute_verbs: frozenset[str]
    hedges: frozenset[str]
    negation: frozenset[str]
    complementizers: frozenset[str]
    dep_subject: frozenset[str]
    dep_expletive: frozenset[str]
    dep_passive_subject: frozenset[str]
    dep_agent: frozenset[str]
    dep_clause: frozenset[str]
    dep_object: frozenset[str]
    dep_xcomp: frozenset[str]
    dep_np_cut: frozenset[str]
    dep_complement: frozenset[str]
    dep_adverbial: frozenset[str]
    bare_clause_reported: bool
    incise_subject_first: bool
    participle_takes_head: bool
    addressee_verbs: frozenset[str]
    reflexive_other_sense: frozenset[str]
    start_markers: tuple[str, ...]
    pronoun_gender: dict[str, str]
    verb_with_head: dict[str, str]
    title_gender: dict[str, str]
    noun_gender: frozenset[str]
    prefer_known_gender: frozenset[str]
    first_name_gender: dict[str, str]  # lower-cased first name -> "Fem" / "Masc" (lang/<code>/names.toml)
    same_source: tuple[str, ...]  # "la même source": whoever was quoted last
    generic_roles: frozenset[str]  # "le responsable": compatible with any role the article gave
    spokesperson_nouns: frozenset[str]  # "le porte-parole": speaks for the organisation
    former_words: frozenset[str]  # "l'ancien ministre": present roles do not rule the person out
    own_possessives: frozenset[str]  # "notre source": the outlet's own
    credit_marks: tuple[str, ...]  # "©": a photo credit line, whose names are no antecedents
    generic_subjects: frozenset[str]  # "on": its source may be a fronted phrase

    @cached_property
    def speaking_nouns(self) -> frozenset[str]:
        """Common nouns naming someone who can speak: a person's role, an organisation, a document."""
        return self.person_roles | self.org_nouns | self.document_nouns

    def is_quote_verb(self, lemma: str) -> bool:
        return lemma.lower() in self.quote_verbs and lemma.lower() not in self.verb_with_head

    def verb_of_form(self, word: str) -> str | None:
        """The lexicon verb a form the lemmatizer left as it is stands for: a form that is also
        a noun ("estime", "critique") keeps its own spelling as lemma. The verb is the one the
        form begins, one or two letters longer ("estime" -> "estimer")."""
        low = word.lower()
        found = [v for v in self.quote_verbs if v.startswith(low) and 0 < len(v) - len(low) <= 2]
        return min(found, key=len) if found else None

    def stance(self, lemma: str) -> Stance | None:
        return self.stance_of.get(lemma.lower())


def _words(table: dict[str, object], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in cast(list[str], table[key]))


def _apostrophes(words: list[str]) -> tuple[str, ...]:
    """Markers sorted longest first, apostrophes unified (the normalised text uses "'")."""
    return tuple(sorted({w.lower().replace("’", "'") for w in words}, key=len, reverse=True))


@cache
def load(code: str) -> Lexicon:
    data = lang.load(code).resource("quotes")
    words = cast(dict[str, object], data["words"])
    source = cast(dict[str, list[str]], data["source"])
    deps = cast(dict[str, object], data["deps"])
    stance_of: dict[str, Stance] = {}
    for stance, lemmas in cast(dict[str, list[str]], data["stance_verbs"]).items():
        if stance not in STANCES:
            raise ValueError(f"lang/{code}/quotes.toml: unknown stance {stance!r}")
        for lemma in lemmas:
            stance_of[lemma.lower()] = stance
    return Lexicon(
        code=code,
        marks=tuple((str(o), str(c)) for o, c in cast(list[list[str]], data["marks"])),
        # "s'exclamer" is listed as written; the parse's lemma is the bare verb ("exclamer").
        quote_verbs=frozenset(
            str(v).lower().replace("’", "'").split("'")[-1].removeprefix("se ")
            for v in cast(list[str], data["quote_verbs"])
        ),
        stance_of=stance_of,
        source_markers=_apostrophes(source["markers"]),
        not_after_marker=_apostrophes(source["not_after_marker"]),
        source_after_verb=_apostrophes(source["after_verb"]),
        person_pronouns=_words(words, "person_pronouns"),
        impersonal=_words(words, "impersonal"),
        np_links=frozenset(w.replace("’", "'") for w in _words(words, "np_links")),
        time_words=_words(words, "time_words"),
        person_roles=_words(words, "person_roles"),
        work_nouns=_words(words, "work_nouns"),
        naming_words=_words(words, "naming_words"),
        org_nouns=_words(words, "org_nouns"),
        document_nouns=_words(words, "document_nouns"),
        infinitive_verbs=_words(words, "infinitive_verbs"),
        reflexive_attribute_verbs=_words(words, "reflexive_attribute_verbs"),
        hedges=_words(words, "hedges"),
        negation=frozenset(w.replace("’", "'") for w in _words(words, "negation")),
        complementizers=frozenset(w.replace("’", "'") for w in _words(words, "complementizers")),
        dep_subject=_words(deps, "subject"),
        dep_expletive=_words(deps, "expletive"),
        dep_passive_subject=_words(deps, "passive_subject"),
        dep_agent=_words(deps, "agent"),
        dep_clause=_words(deps, "clause"),
        dep_object=_words(deps, "object"),
        dep_xcomp=_words(deps, "xcomp"),
        dep_np_cut=_words(deps, "np_cut"),
        dep_complement=_words(deps, "complement"),
        dep_adverbial=_words(deps, "adverbial"),
        bare_clause_reported=bool(deps.get("bare_clause_reported", False)),
        incise_subject_first=bool(deps.get("incise_subject_first", False)),
        participle_takes_head=bool(deps.get("participle_takes_head", False)),
        addressee_verbs=_words(words, "addressee_verbs"),
        reflexive_other_sense=_words(words, "reflexive_other_sense"),
        start_markers=_apostrophes(source["start_markers"]),
        pronoun_gender={k.lower(): str(v) for k, v in cast(dict[str, str], words["pronoun_gender"]).items()},
        verb_with_head={k.lower(): str(v).lower() for k, v in cast(dict[str, str], words["verb_with_head"]).items()},
        title_gender={k.lower(): str(v) for k, v in cast(dict[str, str], words["title_gender"]).items()},
        noun_gender=frozenset(str(g) for g in cast(list[str], words["noun_gender"])),
        prefer_known_gender=frozenset(str(g) for g in cast(list[str], words["prefer_known_gender"])),
        first_name_gender=_first_names(lang.load(code).resource("names")),
        same_source=_apostrophes(cast(list[str], words["same_source"])),
        generic_roles=_words(words, "generic_roles"),
        spokesperson_nouns=_words(words, "spokesperson_nouns"),
        former_words=_words(words, "former_words"),
        own_possessives=_words(words, "own_possessives"),
        credit_marks=tuple(str(w).lower() for w in cast(list[str], words["credit_marks"])),
        generic_subjects=_words(words, "generic_subjects"),
    )


def _first_names(table: dict[str, object]) -> dict[str, str]:
    genders = {"feminine": "Fem", "masculine": "Masc"}
    return {str(n).lower(): genders[k] for k in genders for n in cast(list[str], table[k])}
