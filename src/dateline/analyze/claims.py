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

from ..article import Article, Claim, Holder
from . import quote_cues as cues
from .quote_attribution import speaker_span
from .quote_context import Context
from .quote_cues import Token, Unit
from .quote_indirect import complement, incise_clause, other_sense, trim
from .quote_lexicon import Lexicon
from .quotes import prepare


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
    pairs = [(q.start, q.end) for q in ctx.spans]
    out: list[Claim] = []
    for unit in ctx.units:
        for verb in doc[unit.first : unit.last]:
            if not cues.verbal(verb) or cues.in_quote(verb.idx, pairs):
                continue
            stance = lex.stance(cues.lemma(verb, lex))
            if stance is None or other_sense(verb, lex) or _adjectival(verb, lex):
                continue
            # A plain report is a claim only with its reported clause ("affirmait que …"); a
            # quote introduced by "a assuré" is already in the quotes (challenge-set convention).
            proposition = _proposition(ctx, verb, unit, pairs, clause_only=stance == "report")
            if proposition is None:
                continue
            who = speaker_span(verb, unit, ctx.normalised, lex, pairs)
            if who is None:
                continue  # a stance without anyone holding it is not worth a claim record
            if who[0] < proposition[1] and proposition[0] < who[1]:
                # The holder found inside what is claimed is a misparse ("before announcing the
                # plan last month" gave holder "the plan last month"): no claim beats a wrong one.
                continue
            holder = None
            if who is not None:
                speaker = ctx.resolver.speaker(*who)
                holder = Holder(entity=speaker.entity, name=speaker.name)
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


def _adjectival(verb: Token, lex: Lexicon) -> bool:
    """ "la rencontre incriminée": a participle used as an adjective, without auxiliary or agent."""
    if cues.auxiliaries(verb) or cues.agent(verb, lex) is not None:
        return False
    return "Part" in verb.morph.get("VerbForm") and verb.dep_ in {"acl", "amod"}


def _proposition(
    ctx: Context, verb: Token, unit: Unit, pairs: list[tuple[int, int]], *, clause_only: bool
) -> tuple[int, int] | None:
    doc, lex = ctx.doc, ctx.lex
    found = complement(verb, lex, unit)
    if found is None and clause_only:
        return None
    if found is None:
        found = _argument(verb, unit, lex.dep_object | lex.dep_passive_subject, ctx)
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


def _argument(verb: Token, unit: Unit, deps: frozenset[str], ctx: Context) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ in deps and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            if child.pos_ == "PRON" and child.dep_ not in ctx.lex.dep_passive_subject:
                continue
            span = cues.np_extent(child, ctx.lex, unit.first, unit.last)
            if span is not None:
                return _with_charge(verb, span, unit)
    return None


def _with_charge(verb: Token, span: tuple[int, int], unit: Unit) -> tuple[int, int]:
    """ "accuse la mine de polluer la rivière": the object and what it is accused of."""
    for child in verb.children:
        if child.i >= span[1] and "Inf" in child.morph.get("VerbForm"):
            return span[0], min(child.right_edge.i + 1, unit.last)
    return span


__all__ = ["Claims"]
