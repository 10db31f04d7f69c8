"""What the quote and claim steps share for one article, and the speaker choices that look
beyond the quote's own sentence: a pronoun continuing the previous quote's speaker, the subject
of a clause ending in a colon, and the person just introduced before a quote standing alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..article import Article, Quote, Speaker
from . import quote_cues as cues
from . import quote_marks
from .quote_cues import Token, Unit
from .quote_lexicon import Lexicon
from .quote_speakers import Resolver

# A quote standing alone inherits the speaker of a quote at most this many sentences before.
FLOATING_SENTENCES = 3


@dataclass
class Found:
    quote: Quote
    verb: Token | None
    unit: int


@dataclass
class Context:
    article: Article
    doc: Any
    lex: Lexicon
    spans: list[quote_marks.Quoted]
    units: list[Unit]
    normalised: str
    resolver: Resolver

    def lead_unit(self, k: int, start: int) -> Unit | None:
        """The sentence before a quote that opens its own sentence, when that sentence ends in a
        colon: the quote's introduction ("…, comme l'explique l'ingénieur X : ¶ « … »")."""
        if k == 0 or self.normalised[self.units[k].start : start].strip():
            return None
        lead = self.units[k - 1]
        return lead if self.normalised[lead.start : lead.end].rstrip().endswith(":") else None

    def unit_of(self, char: int) -> int:
        for k, unit in enumerate(self.units):
            if unit.start <= char < unit.end:
                return k
        return len(self.units) - 1


def continuing(ctx: Context, who: tuple[int, int, Token], found: list[Found], k: int) -> Speaker:
    """A pronoun speaker ("…, a-t-il ajouté") continues the previous quote's named speaker when
    that quote is at most FLOATING_SENTENCES back and of the pronoun's gender; else the
    resolver's antecedent."""
    start, end, head = who
    resolver = ctx.resolver
    if resolver.is_pronoun(start, end):
        previous = next((f for f in reversed(found) if f.quote.speaker is not None and f.quote.speaker.entity), None)
        named = resolver.person_named_between(previous.quote.end, start) if previous is not None else True
        if (
            previous is not None
            and not named
            and k - previous.unit <= FLOATING_SENTENCES
            and previous.quote.end <= start
        ):
            assert previous.quote.speaker is not None
            gender = resolver.gender_of(start, end)
            known = resolver.entity_gender(previous.quote.speaker.entity)
            if gender is None or known in (None, gender):
                return replace(previous.quote.speaker, start=start, end=end)
    speaker = resolver.speaker(start, end, head)
    if speaker.entity is None and resolver.is_pronoun(start, end):
        # No one named to refer to: the pronoun goes on with the unnamed speaker quoted just
        # before ("selon le responsable local. Il a affirmé que …"); else it names nobody
        # (shown lower-case by Resolver._bare).
        last = next((f for f in reversed(found) if f.quote.speaker is not None and f.quote.end <= start), None)
        if last is not None and last.quote.speaker is not None and k - last.unit <= FLOATING_SENTENCES:
            return replace(last.quote.speaker, start=start, end=end)
    return speaker


def introduced(ctx: Context, k: int, before: int, after: int, pairs: list[tuple[int, int]]) -> Speaker | None:
    """The person named as a subject in the sentence before a quote standing alone (or earlier
    in its own sentence), later than the previous quote: the writer introduces a speaker, then
    quotes them. A quote after that keeps its speaker through `found`."""
    doc, lex = ctx.doc, ctx.lex
    lo = ctx.units[k - 1].first if k > 0 else ctx.units[k].first
    for token in reversed(doc[lo : ctx.units[k].last]):
        if token.idx >= before or token.idx <= after:
            continue
        if token.dep_ not in lex.dep_subject or not (token.ent_type_ in {"PER", "PERSON"} or token.pos_ == "PROPN"):
            continue
        if cues.in_quote(token.idx, pairs):
            continue
        unit = ctx.units[k - 1] if k > 0 and token.i < ctx.units[k].first else ctx.units[k]
        extent = cues.np_extent(token, lex, unit.first, unit.last)
        if extent is None:
            continue
        start, end = doc[extent[0]].idx, doc[extent[1] - 1].idx + len(doc[extent[1] - 1].text)
        speaker = ctx.resolver.speaker(start, end, token)
        if speaker.entity is not None:
            return speaker
    return None


def clause_subject(doc: Any, unit: Unit, first: int, ctx: Context) -> Speaker | None:
    """The person subject of the clause that a colon ends: whoever introduces the quote."""
    roots = [t for t in doc[unit.first : first] if t.dep_ == "ROOT" or t.head.i >= first]
    for root in roots:
        subject = cues.subject(root, ctx.lex) if root.pos_ in {"VERB", "AUX"} else None
        personal = subject is not None and (
            subject.pos_ == "PROPN" or subject.lower_ in ctx.lex.person_roles | ctx.lex.person_pronouns
        )
        if subject is None or not personal:
            continue  # "cette affirmation n'a jamais été prise au sérieux : « … »" names no speaker
        extent = cues.np_extent(subject, ctx.lex, unit.first, first)
        if extent is None:
            continue
        start, end = doc[extent[0]].idx, doc[extent[1] - 1].idx + len(doc[extent[1] - 1].text)
        speaker = ctx.resolver.speaker(start, end, subject)
        if speaker.entity is not None or subject.pos_ == "PROPN" or subject.lower_ in ctx.lex.person_roles:
            return speaker  # "Le président du club a clos le sujet : « … »", even unresolved
    return _opening_name(doc, unit, first, ctx)


# Longest clause before a colon whose opening name introduces the quote ("Ivan Du Roy abonde :",
# "David Dufresne, journaliste, résume :"); longer ones are about the name, not said by it.
COLON_CLAUSE_TOKENS = 8


def _opening_name(doc: Any, unit: Unit, first: int, ctx: Context) -> Speaker | None:
    """The person whose name opens a short clause ending in a colon, when the parser found no
    subject (the verb tagged as an adjective: "Ivan Du Roy abonde : « … »")."""
    words = [t for t in doc[unit.first : first] if not (t.is_punct or t.is_space)]
    if words and words[0].ent_type_ not in {"PER", "PERSON"}:
        words = _after_marker(doc, unit, first, ctx)  # "Même son de cloche du côté de X, du syndicat Y :"
    if not words or len(words) > COLON_CLAUSE_TOKENS or words[0].ent_type_ not in {"PER", "PERSON"}:
        return None
    end = words[0].i
    while end < first and doc[end].ent_type_ in {"PER", "PERSON"} and (end == words[0].i or doc[end].ent_iob_ == "I"):
        end += 1
    speaker = ctx.resolver.speaker(words[0].idx, doc[end - 1].idx + len(doc[end - 1].text), doc[end - 1])
    return speaker if speaker.entity is not None else None


def _after_marker(doc: Any, unit: Unit, first: int, ctx: Context) -> list[Any]:
    """The words of the clause from the first person named right after a source marker ("du
    côté de", "selon"), or none."""
    text = cues.text_of(doc)
    markers = ctx.lex.source_markers + ctx.lex.source_after_verb
    for token in doc[unit.first : first]:
        if token.ent_type_ in {"PER", "PERSON"} and token.ent_iob_ == "B":
            before = text[doc[unit.first].idx : token.idx].rstrip().lower().replace("’", "'")
            if before.endswith(markers):
                return [t for t in doc[token.i : first] if not (t.is_punct or t.is_space)]
            return []
    return []


def signed(ctx: Context, end: int) -> Speaker | None:
    """A person's name right after the closing mark, on the same line and followed by a comma
    or nothing: the signature of a quote set apart ("« … » Olivier Truchot, journaliste, …")."""
    doc = ctx.doc
    i = end
    while i < len(doc) and doc[i].is_space and "\n" not in doc[i].text:
        i += 1
    if i >= len(doc) or doc[i].ent_type_ not in {"PER", "PERSON"} or doc[i].ent_iob_ != "B":
        return None
    text = cues.text_of(doc)
    if doc[i].idx > doc[end - 1].idx + len(doc[end - 1].text) + 2 or "\n" in text[doc[end - 1].idx : doc[i].idx]:
        return None
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    if j < len(doc) and doc[j].text not in {",", "("} and "\n" not in doc[j].text_with_ws:
        return None
    speaker = ctx.resolver.speaker(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), doc[j - 1])
    return speaker if speaker.entity is not None else None


def fill_gaps(ctx: Context, found: list[Found]) -> None:
    """Once every quote is found, in text order: a quote left without a speaker, or with a
    pronoun that named nobody, takes the speaker of the quote before it (of any kind: indirect
    quotes are found after the direct ones) when that one is at most FLOATING_SENTENCES back or
    nobody else was named since ("« … » et le « raccordement » est prévu à 17h, a indiqué un
    porte-parole d'EDF. ¶ « C'est la procédure habituelle »"). A mention pointing back to the
    source ("…, précise la même source") takes it whatever the distance."""
    resolver = ctx.resolver
    previous: Speaker | None = None
    previous_at: tuple[int, int] = (0, 0)  # unit, end offset
    for item in sorted(found, key=lambda f: f.quote.start):
        said = item.quote.speaker
        same = said is not None and said.entity is None and _same_source(ctx, said)
        if said is None:  # indirect speech nobody holds stays dropped (quotes.find_quotes)
            loose = item.quote.kind != "indirect"
        else:
            loose = said.entity is None and (same or _pronoun_mention(resolver, said))
        if loose and previous is not None:
            near = same or item.unit - previous_at[0] <= FLOATING_SENTENCES
            if near or not resolver.person_named_between(previous_at[1], item.quote.start):
                gender = None
                if said is not None and said.start is not None and said.end is not None:
                    gender = resolver.gender_of(said.start, said.end)
                if gender is None or resolver.entity_gender(previous.entity) in (None, gender):
                    start, end = (said.start, said.end) if said is not None else (None, None)
                    item.quote.speaker = replace(previous, start=start, end=end)
        if item.quote.speaker is not None:
            previous, previous_at = item.quote.speaker, (item.unit, item.quote.end)


def _pronoun_mention(resolver: Resolver, said: Speaker) -> bool:
    """A pronoun that stands for no one found, not even a role ("il" for "le juge")."""
    pronoun = said.start is not None and said.end is not None and resolver.is_pronoun(said.start, said.end)
    return pronoun and said.name.lower() in resolver.lex.person_pronouns


def _same_source(ctx: Context, said: Speaker) -> bool:
    if said.start is None or said.end is None:
        return False
    mention = quote_marks.normalise(ctx.article.text[said.start : said.end], ctx.lex.marks).lower()
    return any(words in mention for words in ctx.lex.same_source)
