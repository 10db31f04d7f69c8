"""The quantities step: numbers with the noun they count.

"5200 soldats" (value 5200), "3000 à 3500 soldats" (value 3000, high 3500), "170.000 soldats"
(French thousands separators: ".", a space, a no-break or narrow no-break space), "1,5 million
de dollars", "deux responsables", "une centaine de soldats" (approximate: the round value 100).
Vague quantities ("des dizaines de roquettes", "plusieurs centaines d'autres") have value and
high null: the order of magnitude stays in `text`; a number would claim a precision the writer
did not give. A unit that points back ("d'autres") takes the unit of the previous quantity in
the same paragraph ("5200 soldats … plusieurs centaines d'autres" counts soldats).

Years, dates, clock times, durations and ordinals are not quantities (the timex step owns
them): a number after a year cue ("en 2003") or a month, before a month or a time unit, glued to
letters ("1er", "20h30") or to a colon is left alone, and a number needs a unit.
With a parse on `article.nlp` the unit must be a noun (or a symbol); without one (a language
without a model), a word that is not a function word. One regex pass: linear in the text.
"""

from __future__ import annotations

import re
from typing import Any

from ..article import Article, Quantity
from ..errors import Code, DatelineError
from . import quantity_data
from .quantity_data import QuantityData

_WORD = re.compile(r"[^\W\d_][\w\-]*(?:['’](?=\w))?", re.UNICODE)
_PREV_WORD = re.compile(r"([^\W\d_][\w\-]*)['’]?\s*$", re.UNICODE)
_UNIT_POS = frozenset({"NOUN"})
_AFTER_LINK_POS = frozenset({"NOUN", "PROPN"})
# Characters looked at before a number for a year cue ("en", "depuis"): enough for one word.
_LOOKBEHIND = 24


class Quantities:
    name = "quantities"
    version = 1
    requires: tuple[str, ...] = ("text", "language")
    assigns: tuple[str, ...] = ("quantities",)

    def __call__(self, article: Article) -> Article:
        try:
            data = quantity_data.load(article.language or "")
        except DatelineError as exc:
            article.problem(self.name, Code.STEP_SKIPPED.value, exc.message)
            return article
        article.quantities = find(article.text, data, article.nlp)
        return article


def find(text: str, data: QuantityData, doc: Any = None) -> list[Quantity]:
    """Every quantity in `text`; `doc` (a spaCy Doc of a prefix of text, or None) checks units."""
    out: list[Quantity] = []
    # End of the parsed prefix (doc.text would rebuild the whole text).
    limit = doc[-1].idx + len(doc[-1].text) if doc is not None and len(doc) else 0
    for match in data.pattern.finditer(text):
        parsed = _value(match, data)
        if parsed is None:
            continue
        value, high, after_link = parsed
        if match.group("num") is not None and _is_time(text, match, data):
            continue
        use_doc = doc if doc is not None and match.end() < limit else None
        may_link = bool(match.group("num") and (match.group("m1") or match.group("m2")))
        if match.group("num") is not None and _year_opening(text, match):
            continue
        unit = _unit(
            text,
            match.end(),
            data,
            use_doc,
            after_link=after_link,
            may_link=may_link,
            symbol=match.group("pre"),
            count=value or 0,
        )
        if unit is None:
            continue
        word, end = unit
        if word.lower() in data.anaphoric:
            word = _antecedent(text, out, match.start(), data) or word
        out.append(
            Quantity(value=value, unit=word, start=match.start(), end=end, text=text[match.start() : end], high=high)
        )
    return out


def _number(text: str | None, mult: str | None, data: QuantityData) -> float | None:
    if not text:
        return None
    value = data.digits_value(text) if text[0].isdigit() else data.words_value(text)
    if value is None:
        return None
    if mult:
        value *= data.multipliers[" ".join(mult.lower().split())]
    return value


def _plain(value: float | None) -> float | None:
    """Whole numbers as int, so the JSON reads 5200, not 5200.0."""
    if value is not None and value == int(value):
        return int(value)
    return value


def _value(match: re.Match[str], data: QuantityData) -> tuple[float | None, float | None, bool] | None:
    """(value, high, whether a link word "de" was consumed) or None when nothing parses."""
    if match.group("vague") is not None:
        return None, None, True
    if match.group("approx") is not None:
        count = match.group("a_n")
        base = 1.0 if count.lower() in data.one else _number(count, None, data)
        if base is None:
            return None
        return _plain(base * data.approximate[match.group("a_noun").lower()]), None, True
    m1, m2 = match.group("m1"), match.group("m2")
    low = _number(match.group("n1"), m1 or m2, data)  # "3 à 4 millions": the multiplier applies to both
    if low is None:
        return None
    high = _number(match.group("n2"), m2 or m1, data) if match.group("n2") else None
    if high is not None and high <= low:
        return None  # "2003 - 11" or a list, not a range
    return _plain(low), _plain(high), False


def _year_opening(text: str, match: re.Match[str]) -> bool:
    """A bare year opening a sentence or a line ("2020 reunites…" on the politico page of
    trafilatura-evaldata) is a date, whatever the parse makes of the next word."""
    n1 = match.group("n1")
    if match.group("n2") or match.group("m1") or not (n1.isdigit() and len(n1) == 4 and 1800 <= int(n1) <= 2100):
        return False
    before = text[: match.start()].rstrip(" \u00a0\u202f")
    return not before or before[-1] in ".!?\n:"


def _is_time(text: str, match: re.Match[str], data: QuantityData) -> bool:
    """A year after its cue ("en 2003"), or a year or day next to a month ("le 8 décembre 2011")."""
    before = _PREV_WORD.search(text, max(0, match.start() - _LOOKBEHIND), match.start())
    if before is None:
        return False
    word = before.group(1).lower()
    return word in data.not_after or word in data.not_units


def _unit(
    text: str,
    pos: int,
    data: QuantityData,
    doc: Any,
    *,
    after_link: bool,
    may_link: bool,
    symbol: str | None,
    count: float,
) -> tuple[str, int] | None:
    """The unit after position `pos` and where it ends, or None when the number counts nothing.
    `after_link`: the match ended on a link word ("des dizaines de"); `may_link`: a multiplier
    was read and a link word may follow ("1,5 million de dollars"); `count`: the number counted
    (0 when vague): above one, a noun the parse marks singular is a modifier, not the unit."""
    if symbol:
        return symbol.strip(), pos
    i = pos
    while i < len(text) and text[i] in " \u00a0\u202f":
        i += 1
    for sym in data.symbols:
        if text.startswith(sym, i) and (i + len(sym) == len(text) or not text[i + len(sym)].isalnum()):
            return sym, i + len(sym)
    word = _WORD.match(text, i)
    if word is None:
        return None
    w = word.group().lower().replace("’", "'")
    linked = after_link
    if may_link and w in data.link:
        linked = True
        i = word.end()
        while i < len(text) and text[i] == " ":
            i += 1
        word = _WORD.match(text, i)
        if word is None:
            return None
        w = word.group().lower()
    if w in data.not_units:
        return None
    if w in data.anaphoric:
        after = _noun_after(doc, word.start(), word.end())
        return after if after is not None else (word.group(), word.end())  # "deux autres coauteurs"
    if doc is None:
        if w in data.function_words:
            return None
        return (word.group(), word.end()) if word.group()[0].islower() or linked else None
    # With a parse, the parts of speech decide ("3,000 more troops": "more" is an adjective
    # before the noun, although it is a function word when no parse is there).
    span = doc.char_span(word.start(), word.end(), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    allowed = _AFTER_LINK_POS if linked else _UNIT_POS
    token = span[0]
    if token.pos_ == "ADJ" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ in _UNIT_POS:
        token = doc[token.i + 1]  # "3000 nouveaux soldats"; never "trois dernières années"
        if token.lower_ in data.not_units or (count > 1 and "Sing" in token.morph.get("Number")):
            return None
        return token.text, token.idx + len(token.text)
    if token.pos_ not in allowed:
        return None
    if count > 1 and "Sing" in token.morph.get("Number"):
        return None  # "two natural gas [plants]", "the 2019 resource [report]": a modifier, not a count
    return word.group(), word.end()


def _noun_after(doc: Any, start: int, end: int) -> tuple[str, int] | None:
    """The noun right after the word at [start, end) in the parse, if there is one."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    if nxt is None or nxt.pos_ not in _UNIT_POS:
        return None
    return nxt.text, nxt.idx + len(nxt.text)


def _antecedent(text: str, found: list[Quantity], start: int, data: QuantityData) -> str | None:
    """The unit of the previous quantity in the same paragraph, if any."""
    for previous in reversed(found):
        if "\n\n" in text[previous.end : start]:
            return None
        if previous.unit.lower() not in data.anaphoric:
            return previous.unit
    return None
