"""The quotes step: who said what, with the speaker resolved to an entity and the cue.

Direct quotes are the spans between quotation marks (analyze/quote_marks.py) that someone is
reported to have said: a reporting verb in an incise inside or after the quote ("a-t-il
ajouté"), before it ("a prévenu : « … »"), elsewhere in the sentence, a source marker
("selon X"), or the previous quote's speaker for a quote standing alone after it. A few quoted
words inside the writer's sentence are a partial quote when a reporting verb governs them or a
source marker names who said them; otherwise they are scare quotes and dropped, as are titles
of works ("le film « … »"). Indirect speech is read by analyze/quote_indirect.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..article import Article, Cue, Quote, Speaker
from ..errors import Code, DatelineError
from . import quote_cues as cues
from . import quote_incises as incises
from . import quote_indirect, quote_marks
from .quote_attribution import speaker_span
from .quote_context import (
    FLOATING_SENTENCES,
    Context,
    Found,
    clause_subject,
    continuing,
    fill_gaps,
    introduced,
    signed,
)
from .quote_cues import Token, Unit
from .quote_lexicon import Lexicon
from .quote_lexicon import load as load_lexicon
from .quote_speakers import Resolver
from .speaker_index import index_for

# Words of the writer's noun phrase a partial quote takes with it ("une réforme « … »"), as in
# the challenge set's "mixed" spans; longer phrases are the writer's, not part of the quote.
MAX_PHRASE_WORDS = 3


class Quotes:
    name = "quotes"
    version = 1
    requires: tuple[str, ...] = ("text", "language", "nlp", "entities")
    assigns: tuple[str, ...] = ("quotes",)

    def __call__(self, article: Article) -> Article:
        context = prepare(article, self.name)
        if context is None:
            return article
        article.quotes = find_quotes(context)
        return article


# The context of the last article (one slot): the claims step runs right after the quotes step
# on the same parse. Not kept on the Doc, whose user_data must stay serialisable.
_LAST: list[Context] = []


def prepare(article: Article, step: str) -> Context | None:
    """Everything the quote and claim steps share, or None after recording why not. Built
    once per parse: the claims step reuses what the quotes step built."""
    doc = article.nlp
    if doc is None:
        article.problem(step, Code.STEP_SKIPPED.value, "no parse for this article (no model for its language?)")
        return None
    cached = _LAST[0] if _LAST else None
    if cached is not None and cached.doc is doc and cached.article is article:
        return cached
    try:
        lex = load_lexicon(article.language or "")
    except DatelineError as exc:
        article.problem(step, exc.code.value, exc.message)
        return None
    text: str = cues.text_of(doc)
    scan = quote_marks.scan(text, lex.marks)
    if scan.unbalanced and step == "quotes":
        where = ", ".join(str(o) for o in scan.unbalanced[:5])
        article.problem(step, Code.UNBALANCED_QUOTES.value, f"quotation marks left open or unopened at {where}")
    pairs = [(q.start, q.end) for q in scan.spans]
    resolver = Resolver(article=article, lex=lex, index=index_for(article), quoted=tuple(pairs))
    normalised = quote_marks.normalise(text, lex.marks)
    context = Context(article, doc, lex, scan.spans, cues.units(doc, pairs), normalised, resolver)
    _LAST[:] = [context]
    return context


def find_quotes(ctx: Context) -> list[Quote]:
    pairs = [(q.start, q.end) for q in ctx.spans]
    found: list[Found] = []
    for quoted in ctx.spans:
        item = _direct(ctx, quoted, pairs, found)
        if item is not None:
            found.append(item)
    verbal = quote_indirect.find_verbal(ctx.doc, ctx.lex, pairs, ctx.units)
    incises = [r for r in verbal if r.incise]
    for reported in verbal:
        if not reported.incise and any(r.start <= reported.start and reported.end <= r.end for r in incises):
            continue  # "X considère que …, a déclaré son porte-parole": one quote, the outer one
        # quotes inside the clause; a partial quote may have taken "que" before it with its phrase
        covered = [f for f in found if _overlap(f.quote, reported.start, reported.end) >= 0.9 * len(f.quote.text)]
        same_cue = [f for f in covered if f.verb is not None and f.verb.i == reported.verb.i] if reported.verb else []
        direct = any(f.quote.kind == "direct" for f in same_cue)
        if reported.incise and same_cue and (direct or cues.mostly_quoted(reported.start, reported.end, pairs)):
            continue  # "« … », envoyé …, a expliqué X": the direct quote is what X said
        if cues.mostly_quoted(reported.start, reported.end, pairs) and covered and not same_cue:
            continue  # the direct quote is the content; a clause the quote step dropped stays
        for f in same_cue:  # the partial quotes inside the clause are part of this quote
            found.remove(f)
        span = (
            speaker_span(reported.verb, reported.unit, ctx.normalised, ctx.lex, pairs, incise=reported.incise)
            if reported.verb
            else None
        )
        speaker = continuing(ctx, span, found, ctx.unit_of(reported.start)) if span else None
        text = cues.text_of(ctx.doc)[reported.start : reported.end]
        quote = Quote(
            kind="indirect", start=reported.start, end=reported.end, text=text, speaker=speaker, cue=reported.cue
        )
        found.append(Found(quote, reported.verb, ctx.unit_of(reported.start)))
    for reported in quote_indirect.find_sourced(ctx.doc, ctx.lex, ctx.normalised, ctx.units, pairs):
        k = ctx.units.index(reported.unit)
        here = [f for f in found if f.unit == k and _overlap(f.quote, reported.start, reported.end) > 0]
        assert reported.speaker is not None
        speaker = ctx.resolver.speaker(*reported.speaker)
        partials = [f for f in here if f.quote.kind == "partial"]
        if partials and len(partials) == len(here) and not cues.mostly_quoted(reported.start, reported.end, pairs):
            for f in partials:  # "Selon X, les « pièces du puzzle » sont sur la table": one quote, the clause
                found.remove(f)
            here = []
        if here:  # "« … », selon X": X is the speaker of the quote, not of a second one
            for f in here:
                if f.quote.speaker is None or _no_one(f.quote.speaker, ctx.lex):
                    f.quote.speaker = speaker  # "Selon le procureur, les dépistages ont révélé que …"
            continue
        text = cues.text_of(ctx.doc)[reported.start : reported.end]
        quote = Quote(kind="indirect", start=reported.start, end=reported.end, text=text, speaker=speaker)
        found.append(Found(quote, None, k))
    # Indirect speech nobody is found to hold ("A spokesman declined to say how many jobs …"
    # left "how many jobs …" with no speaker) is dropped: who said it is the whole point.
    fill_gaps(ctx, found)
    kept = [f for f in found if f.quote.kind != "indirect" or f.quote.speaker is not None]
    return [f.quote for f in sorted(kept, key=lambda f: f.quote.start)]


def _no_one(speaker: Speaker, lex: Lexicon) -> bool:
    """A speaker phrase that names no one who can speak: no entity, no capital after its first
    letter, no person, organisation or document noun, no pronoun ("les dépistages")."""
    words = set(speaker.name.lower().replace("’", "'").split())
    named = any(c.isupper() for c in speaker.name[1:]) or words & (lex.speaking_nouns | lex.person_pronouns)
    return speaker.entity is None and not named


def _overlap(quote: Quote, start: int, end: int) -> int:
    return max(0, min(quote.end, end) - max(quote.start, start))


def _direct(ctx: Context, quoted: quote_marks.Quoted, pairs: list[tuple[int, int]], found: list[Found]) -> Found | None:
    doc, lex, text = ctx.doc, ctx.lex, cues.text_of(ctx.doc)
    span = doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return None
    k = ctx.unit_of(quoted.start)
    unit = ctx.units[k]
    inner = [t for t in span[1:-1] if not t.is_punct and not t.is_space]
    if not inner or _is_title(doc, span.start, unit, lex):
        return None
    before = ctx.normalised[unit.start : quoted.start].strip()
    prev_end = max((e for s, e in pairs if e <= quoted.start and s >= unit.start), default=None)
    if prev_end is not None:
        before = ctx.normalised[prev_end : quoted.start].strip()
    ends_sentence = text[quoted.start : quoted.inner[1]].rstrip()[-1:] in {".", "!", "?", "…"}
    partial = not (
        before == "" or before.endswith(":") or ends_sentence or (prev_end is not None and _only_incise(before))
    )
    if partial and any(t.pos_ in {"VERB", "AUX"} for t in inner) and len(inner) >= 8 and before.endswith(","):
        partial = False
    if text[quoted.inner[0] : quoted.inner[1]].lstrip()[:1] in {",", ".", ";"}:
        return None  # « , a dit X » : marks paired the wrong way round (an opener used as closer)
    verb = incises.incise_inside(doc, span, lex) or incises.incise_after(doc, span.end, unit, lex, pairs)
    incise = verb is not None
    if verb is None and partial:
        verb, hops = incises.governing(span, lex)
        if hops > 1 and quote_indirect.find_sourced(doc, lex, ctx.normalised, [unit], pairs):
            verb = None  # "… « très probablement » …, selon un responsable": the source said it
    lead = ctx.lead_unit(k, quoted.start) if before == "" else None
    if verb is None and not partial:
        verb = incises.nearest_before(doc, unit, span.start, lex, pairs)
        verb = verb or incises.first_after(doc, unit, span.end, lex, pairs)
        if verb is not None and verb.i >= span.end and incises.not_incise(doc, span.end, verb, lex):
            verb = None  # «Les voix des Femmes» appelle …: the quoted words are the verb's subject
        if verb is None and lead is not None:  # "… comme l'explique l'ingénieur X : ¶ « … »"
            verb = incises.nearest_before(doc, lead, lead.last, lex, pairs)
            unit = lead if verb is not None else unit
    quote = Quote(
        kind="partial" if partial else "direct",
        start=quoted.start,
        end=quoted.end,
        text=text[quoted.start : quoted.end],
    )
    if verb is not None:
        inside = quoted.start <= verb.idx < quoted.end  # an incise: its subject is inside the marks too
        skip = [p for p in pairs if not inside or p != (quoted.start, quoted.end)]
        who = speaker_span(verb, unit, ctx.normalised, lex, skip, incise=incise)
        quote.cue = cues.cue(verb, doc)
        quote.speaker = continuing(ctx, who, found, k) if who else None
        if partial:
            quote.start, quote.end = _with_phrase(span, verb)
            quote.text = text[quote.start : quote.end]
        return Found(quote, verb, k)
    sourced = [
        r
        for r in quote_indirect.find_sourced(doc, lex, ctx.normalised, [unit], pairs)
        if r.speaker is not None and r.start < quoted.end and quoted.start < r.end
    ]
    if sourced and sourced[0].speaker is not None:  # "« … », selon X": the marker covers this quote
        quote.speaker = ctx.resolver.speaker(*sourced[0].speaker)
        return Found(quote, None, k)
    if partial or len(inner) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in inner):
        return None  # scare quotes, a word or a name in quotation marks
    if text[unit.start : quoted.start].count("(") > text[unit.start : quoted.start].count(")"):
        return None  # quoted titles listed in parentheses ("(« Dessiner une affiche », …)")
    if before.endswith(":") or lead is not None:
        opening, first = (unit, span.start) if lead is None else (lead, lead.last)
        subject = clause_subject(doc, opening, first, ctx)
        if subject is not None:  # "Mohammed, cadre, a assisté au prêche : « … »"
            quote.speaker = subject
            return Found(quote, None, k)
    quote.speaker = signed(ctx, span.end)
    if quote.speaker is not None:  # "« … » Olivier Truchot, journaliste, au sujet de …"
        return Found(quote, None, k)
    previous = next((f for f in reversed(found) if f.quote.speaker is not None), None)
    named = introduced(ctx, k, quoted.start, previous.quote.end if previous is not None else -1, pairs)
    if named is not None:  # "Gabin Formont est en accord. « … »": the person just introduced
        quote.speaker = named
    elif previous is not None and (
        k - previous.unit <= FLOATING_SENTENCES
        or not ctx.resolver.person_named_between(previous.quote.end, quoted.start)
    ):  # the same speaker goes on until the writer names somebody else
        assert previous.quote.speaker is not None
        quote.speaker = replace(previous.quote.speaker, start=None, end=None)
    else:
        quote.speaker = ctx.resolver.likely_speaker(quoted.start, quoted.end)
    return Found(quote, None, k)


def _only_incise(before: str) -> bool:
    """Text between two quotes of one sentence that is just an incise: ', a-t-il dit, '."""
    return before.startswith(",") and before.endswith(",") and before.count(",") <= 3


def _is_title(doc: Any, first: int, unit: Unit, lex: Lexicon) -> bool:
    i = first - 1
    while i >= unit.first and doc[i].pos_ in {"DET", "PUNCT", "ADJ"} and doc[i].text not in {",", ":"}:
        i -= 1
    if i < unit.first:
        return False
    word = doc[i].lower_
    conjugated = any(c.dep_.startswith(("aux", "expl")) for c in doc[i].children)  # "s'était dit « … »"
    after_naming = i > unit.first and doc[i - 1].lower_ in lex.naming_words and doc[i].pos_ == "ADP"
    if (word in lex.naming_words and not conjugated) or after_naming:
        return True  # "la loi dite « anti casseurs »", "qualifié de « gourou »": a label, any case
    if not doc[first + 1].text[:1].isupper():
        return False  # titles are capitalised; « brutal et inutile » after "un projet" is speech
    return word in lex.work_nouns or doc[i].lemma_.lower() in lex.work_nouns


def _with_phrase(span: Any, verb: Token) -> tuple[int, int]:
    """A partial quote with the few words of its phrase outside the marks ("une réforme « … »")."""
    doc = span.doc
    start, end = span.start, span.end
    head = next((t for t in span if not t.is_punct and (t.head.i < span.start or t.head.i >= span.end)), None)
    noun = head.head if head is not None else None
    governed = noun is not None and noun.i < span.start and noun.head.i == verb.i and noun.pos_ == "NOUN"
    if noun is not None and governed and span.start - noun.left_edge.i <= MAX_PHRASE_WORDS:
        start = min(start, noun.left_edge.i)
    first, last = doc[start], doc[end - 1]
    return first.idx, last.idx + len(last.text)


def speaker_name(speaker: Speaker | None) -> str | None:
    return speaker.name if speaker is not None else None


__all__ = ["Cue", "Quotes"]
