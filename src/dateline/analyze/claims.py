"""The claims step: who announced, denied, confirmed, retracted, accused, rejected or reported
what, with the holder resolved like a speaker and the claimed proposition as a span.

A claim is a verb of the language's stance table (lang/<code>/quotes.toml [stance_verbs]) with
a holder and a proposition: its reported clause ("a démenti avoir reçu …"), its object ("a
annoncé sa démission" — an announcement but not a quote), its passive subject ("cette
information a été démentie par Mark Esper"), or the clause before an incise. Negation ("n'a pas
démenti") and hedges (conditional mood, "aurait confirmé"; tentative adverbs) are flagged,
never dropped: a fact-checker needs to see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import cast

from .. import lang
from ..article import Article, Claim, Holder, Stance
from . import quote_cues as cues
from .quote_attribution import speaker_span
from .quote_context import Context
from .quote_cues import Token, Unit
from .quote_indirect import complement, incise_clause, other_sense, trim
from .quote_lexicon import STANCES, Lexicon
from .quotes import prepare


@dataclass(frozen=True)
class ClaimWords:
    """The claim step's own language data (lang/<code>/quotes.toml [claims])."""

    stance_with_clause: dict[str, Stance]
    needs_speaker: frozenset[str]
    needs_source: frozenset[str]
    charge: frozenset[str]
    expletive: frozenset[str]
    passive_aux: frozenset[str]
    relative: frozenset[str]


@cache
def claim_words(code: str) -> ClaimWords:
    table = cast(dict[str, object], lang.load(code).resource("quotes").get("claims", {}))
    clause = cast(dict[str, str], table.get("stance_with_clause", {}))
    for stance in clause.values():
        if stance not in STANCES:
            raise ValueError(f"lang/{code}/quotes.toml [claims]: unknown stance {stance!r}")

    def words(key: str) -> frozenset[str]:
        return frozenset(cast(list[str], table.get(key, [])))

    return ClaimWords(
        stance_with_clause={k.lower(): cast(Stance, v) for k, v in clause.items()},
        needs_speaker=words("needs_speaker"),
        needs_source=words("needs_source"),
        charge=words("charge"),
        expletive=words("expletive"),
        passive_aux=words("passive_aux"),
        relative=words("relative"),
    )


class Claims:
    name = "claims"
    version = 1
    requires: tuple[str, ...] = ("text", "language", "nlp", "entities", "quotes")
    assigns: tuple[str, ...] = ("claims",)

    def __call__(self, article: Article) -> Article:
        ctx = prepare(article, self.name)
        if ctx is None:
            return article
        article.claims = find_claims(ctx)
        return article


def find_claims(ctx: Context) -> list[Claim]:
    doc, lex = ctx.doc, ctx.lex
    data = claim_words(lex.code)
    pairs = [(q.start, q.end) for q in ctx.spans]
    out: list[Claim] = []
    for unit in ctx.units:
        for verb in doc[unit.first : unit.last]:
            if not cues.verbal(verb) or cues.in_quote(verb.idx, pairs):
                continue
            lemma = cues.lemma(verb, lex).lower()
            stance = lex.stance(lemma)
            if stance is None or other_sense(verb, lex) or _adjectival(verb, lex):
                continue
            if lemma in data.stance_with_clause and complement(verb, lex, unit) is not None:
                stance = data.stance_with_clause[lemma]
            # A plain report is a claim only with its reported clause ("affirmait que …"); a
            # quote introduced by "a assuré" is already in the quotes (challenge-set convention).
            proposition = _proposition(ctx, verb, unit, pairs, data, clause_only=stance == "report")
            if proposition is None:
                continue
            who = _holder_span(ctx, verb, unit, pairs, data)
            if who is None and (not _passive(verb, lex, data) or verb.dep_ in data.relative):
                continue  # an active stance without anyone holding it is not worth a claim record
            # An agentless passive ("il est accusé d'avoir …") states the stance without its
            # holder: the claim is kept with holder None, as the article leaves it; not in a
            # relative clause ("les faits qui lui sont reprochés" describes, claims nothing new).
            holder = None
            if who is not None:
                if who[0] < proposition[1] and proposition[0] < who[1]:
                    # The holder found inside what is claimed is a misparse ("before announcing the
                    # plan last month" gave holder "the plan last month"): no claim beats a wrong one.
                    continue
                if lemma in data.needs_source and not _after_source_marker(ctx, who[0]):
                    continue  # "on apprenait que …": nobody's stance without "auprès de X"
                speaker = ctx.resolver.speaker(*who)
                root = doc.char_span(who[0], who[1], alignment_mode="expand").root
                proof = stance in data.needs_speaker and complement(verb, lex, unit) is not None
                if proof and not _can_speak(root, speaker.entity, lex):
                    continue  # "l'analyse des blessures confirme que …": proof, not a stance
                holder = Holder(entity=speaker.entity, name=speaker.name)
                if _one_person(ctx, speaker.entity) and "Plur" in root.morph.get("Number"):
                    # "Ils accusent …" is never one person: keep the pronoun, not a wrong name.
                    holder = Holder(entity=None, name=cues.text_of(doc)[who[0] : who[1]])
            cue = cues.cue(verb, doc)
            start, end = proposition
            out.append(
                Claim(
                    stance=stance,
                    text=cues.text_of(doc)[start:end],
                    start=start,
                    end=end,
                    holder=holder,
                    cue=cue,
                    negated=cues.negated(verb, lex),
                    hedged=cues.hedged(verb, lex),
                )
            )
    return out


def _holder_span(
    ctx: Context, verb: Token, unit: Unit, pairs: list[tuple[int, int]], data: ClaimWords
) -> tuple[int, int, Token] | None:
    """The speaker span of the verb, unless it is a placeholder ("il faut signaler") or, for a
    passive, the passive subject (who is accused is not who accuses)."""
    who = speaker_span(verb, unit, ctx.normalised, ctx.lex, pairs)
    if who is None or who[2].dep_ in data.expletive:
        return None
    if _passive(verb, ctx.lex, data) and cues.agent(verb, ctx.lex) is None:
        subject = cues.passive_subject(verb, ctx.lex)
        if subject is not None and subject.left_edge.idx <= who[2].idx <= subject.right_edge.idx:
            return None
    return who


def _one_person(ctx: Context, entity: str | None) -> bool:
    found = next((e for e in ctx.article.entities if e.id == entity), None) if entity else None
    return found is not None and found.label == "PER"


def _passive(verb: Token, lex: Lexicon, data: ClaimWords) -> bool:
    """A finite passive: its auxiliary is the passive one ("est accusé", "a été démentie")."""
    return any(c.dep_ in data.passive_aux for c in verb.children)


def _after_source_marker(ctx: Context, start: int) -> bool:
    before = ctx.article.text[max(0, start - 20) : start].lower().replace("’", "'").rstrip()
    return any(before.endswith(marker) for marker in ctx.lex.source_after_verb)


def _can_speak(head: Token, entity: str | None, lex: Lexicon) -> bool:
    """A holder that can take a stance: a resolved name, a proper noun, a person pronoun, or a
    noun naming a person or an organisation ("le ministre", "la mairie")."""
    low = head.lower_
    return (
        entity is not None
        or head.pos_ == "PROPN"
        or bool(head.ent_type_)
        or low in lex.person_pronouns
        or low in lex.person_roles
        or low in lex.org_nouns
        or head.lemma_.lower() in lex.person_roles | lex.org_nouns
    )


def _adjectival(verb: Token, lex: Lexicon) -> bool:
    """ "la rencontre incriminée": a participle used as an adjective, without auxiliary or agent."""
    if cues.auxiliaries(verb) or cues.agent(verb, lex) is not None:
        return False
    return "Part" in verb.morph.get("VerbForm") and verb.dep_ in {"acl", "amod"}


def _proposition(
    ctx: Context, verb: Token, unit: Unit, pairs: list[tuple[int, int]], data: ClaimWords, *, clause_only: bool
) -> tuple[int, int] | None:
    doc, lex = ctx.doc, ctx.lex
    found = complement(verb, lex, unit)
    if found is None and clause_only:
        return None
    if found is None:
        found = _argument(verb, unit, lex.dep_object | lex.dep_passive_subject, ctx, data)
    if found is None:
        found = _charge(verb, verb.i + 1, unit, lex, data)  # "Tsahal l'accuse d'avoir placé …"
    if found is None:
        cue = cues.cue(verb, doc)
        first_cue = doc.char_span(cue.start, cue.end, alignment_mode="expand").start
        found = incise_clause(verb, lex, unit, first_cue)
    if found is None:
        for start, end in pairs:  # « … », a démenti X: the quote is what is claimed
            if unit.start <= start and end <= unit.end and end <= verb.idx:
                return start, end
        return None
    first, last = found
    start, end = trim(cues.text_of(doc), doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text))
    for q_start, q_end in pairs:  # never cut a quote in two: "un projet « brutal et inutile »"
        if q_start < end < q_end:
            end = q_end
        if q_start < start < q_end:
            start = q_start
    return (start, end) if end > start else None


def _argument(verb: Token, unit: Unit, deps: frozenset[str], ctx: Context, data: ClaimWords) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in deps and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            if child.pos_ == "PRON" and child.dep_ not in ctx.lex.dep_passive_subject:
                continue
            span = cues.np_extent(child, ctx.lex, unit.first, unit.last)
            if span is not None:
                charge = _charge(verb, span[1], unit, ctx.lex, data)
                return (span[0], charge[1]) if charge is not None else span
    return None


def _charge(verb: Token, after: int, unit: Unit, lex: Lexicon, data: ClaimWords) -> tuple[int, int] | None:
    """What someone is accused of, after token `after`: an infinitive ("accuse la mine de polluer
    la rivière", "d'avoir détenu …" with its auxiliary) or a noun ("accusé de viol")."""
    verb_deps = lex.dep_xcomp | lex.dep_object | data.charge
    for child in verb.children:
        if child.i < after or child.i >= unit.last:
            continue
        infinitive = "Inf" in child.morph.get("VerbForm") or any(
            "Inf" in a.morph.get("VerbForm") for a in child.children if a.dep_.startswith("aux")
        )
        if infinitive and child.dep_ not in verb_deps:
            continue  # "a démenti pour calmer …": a purpose, not a charge
        if infinitive or (child.dep_ in data.charge and child.pos_ in {"NOUN", "PROPN"}):
            return max(child.left_edge.i, after), min(child.right_edge.i + 1, unit.last)
    return None


__all__ = ["Claims"]
