"""The timex step: every time expression of an article as a TIMEX3 (type, value, span).

`find(text, language, anchor, doc)` is the pure function behind the step: the language's
rules (time.toml, compiled by timex_rules.py) propose spans, the longest wins where they
overlap, each match becomes a JSON-able spec, and timex_resolve.py turns the spec into a
value against the anchor. Relative expressions keep their spec on `Timex.relative`, so
`reanchor(article, date)` can re-resolve them when the date check replaces the stated date.

Clause tense comes from the spaCy parse when one is given (the verb governing the
expression: its Tense/VerbForm morphology and its auxiliaries); without a parse the tense
is unknown and the resolver uses its documented defaults (nearest occurrence for a month or
a day, most recent one for a bare weekday).
"""

from __future__ import annotations

import re
from typing import Any

from .. import lang
from ..article import Article, Timex, TimexType
from ..errors import Code
from .nlp import parsed_text
from .regex_prefilter import finditer
from .timex_resolve import NEEDS_ANCHOR, resolve
from .timex_rules import Grammar, Rule, grammar, slot_base

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_TYPES: tuple[TimexType, ...] = ("DATE", "TIME", "DURATION", "SET")


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for ch in reversed(text.lower()):
        if ch not in _ROMAN:
            return None
        value = _ROMAN[ch]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def _digits(text: str) -> int | None:
    found = re.sub(r"\D", "", text)
    return int(found) if found else None


def _slot_value(g: Grammar, slot: str, text: str) -> Any:
    lex = g.lexicon
    if slot in ("year",):
        return _digits(text)
    if slot == "year2":
        two = _digits(text)
        return None if two is None else (1900 + two if two >= int(g.settings.get("year2_pivot", 30)) else 2000 + two)
    if slot in ("month", "day", "quarter", "half", "hour", "minute"):
        table = {"day": "ordinal", "quarter": "quarter", "half": "half", "month": "month"}.get(slot)
        if table is not None:
            found = lex.lookup(table, text)
            if found is not None:
                return found
        if slot == "hour" or slot == "minute":
            number = lex.number(text)
            return None if number is None else int(number)
        return _digits(text)
    if slot == "num":
        return lex.number(text)
    if slot == "decade":
        digits = re.sub(r"\D", "", text)
        if len(digits) == 4:
            return digits[:3]
        if len(digits) == 2:
            return ("19" if int(digits) >= int(g.settings.get("year2_pivot", 30)) else "20") + digits[0]
        return None
    if slot == "century":
        ordinal = lex.lookup("ordinal", text)
        if ordinal is not None:
            return ordinal
        number = _digits(text)
        return number if number is not None else _roman(re.sub(r"[^ivxlcIVXLC]", "", text))
    if slot == "ordinal":
        found = lex.lookup("ordinal", text)
        return found if found is not None else _digits(text)
    return lex.lookup(slot, text)


def _spec(g: Grammar, rule: Rule, match: re.Match[str]) -> dict[str, Any]:
    spec: dict[str, Any] = {k: v for k, v in rule.attrs.items() if k not in ("reject", "guard", "priority")}
    for name, text in match.groupdict().items():
        if text is None:
            continue
        slot = slot_base(name)
        value = _slot_value(g, slot, text)
        if value is None:
            continue
        if slot == "approx":
            spec["mod"] = value
        elif slot == "fuzzy":
            spec["fuzzy"] = True
        elif slot == "ref":
            spec["value"] = value
        elif slot == "eventrel":
            spec["dayrel"] = value
        elif slot == "year2":
            spec["year"] = value
        elif slot == "ordinal" and "num" not in spec:
            spec["num"] = value
        elif slot == "mod" and isinstance(value, dict):
            spec.update(value)
        else:
            spec[slot] = value
    return spec


def clause_tense(doc: Any, start: int, end: int, future_aux: frozenset[str]) -> str | None:
    """past / present / future / infinitive of the verb governing the span, or None when unknown."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    via_noun = False  # "l'assassinat de X, vendredi": the weekday dates the noun, not the verb
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end:
            break
        if token.head.i == token.i:
            return None
        if not span.start <= token.i < span.end and token.pos_ in ("NOUN", "PROPN"):
            via_noun = True
        token = token.head
    else:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in token.children if c.pos_ == "AUX" or (c.dep_.startswith("aux") and c.pos_ != "PART")]
    passive = [a for a in auxes if a.dep_ in ("aux:pass", "auxpass")]
    if passive and not [a for a in auxes if a not in passive]:
        token, auxes = passive[0], []  # "est prévue": the tense is the auxiliary's
    if any(a.lemma_.lower() in future_aux or "Fut" in a.morph.get("Tense") for a in auxes):
        return "future"
    tense = token.morph.get("Tense")
    if "Fut" in tense:
        return "future"
    if token.lemma_.lower() in future_aux and any(c.morph.get("VerbForm") == ["Inf"] for c in token.children):
        return "future"
    if "Past" in tense or "Imp" in tense or any("Past" in a.morph.get("Tense") for a in auxes):
        return "past"
    if any("Imp" in a.morph.get("Tense") for a in auxes):
        return "past"
    if "Cnd" in token.morph.get("Mood"):
        return None
    if token.morph.get("VerbForm") == ["Inf"] and not auxes and not via_noun:
        return "infinitive"  # "is set to resume Monday", "doit se rendre jeudi": often planned
    if "Pres" in tense or any("Pres" in a.morph.get("Tense") for a in auxes):
        return "present"
    return None


def _candidates(g: Grammar, text: str) -> list[tuple[int, int, Rule, re.Match[str]]]:
    found: list[tuple[int, int, Rule, re.Match[str]]] = []
    # Each rule is tried only where one scan says it may match (same matches as finditer).
    for rule, starts in zip(g.rules, g.prefilter.starts(text), strict=True):
        for m in finditer(rule.regex, text, starts):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rule, m))
    # Longest first; at equal length the earlier rule in the file (its priority) wins.
    order = {id(r): i for i, r in enumerate(g.rules)}
    found.sort(key=lambda c: (-(c[1] - c[0]), -int(c[2].attrs.get("priority", 0)), order[id(c[2])], c[0]))
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    for cand in found:
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[0])
    return [c for c in taken if not c[2].attrs.get("reject")]


def _guarded(doc: Any, start: int, end: int) -> bool:
    """A bare number that modifies the noun after it ("2000 soldats") is a count, not a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return bool(token.dep_ == "nummod" and token.head.i > token.i)


def find(text: str, language: str, anchor: str | None, doc: Any = None) -> list[Timex]:
    """Every time expression of `text`, resolved against the ISO date `anchor`.

    `doc` is an optional spaCy Doc of the same text, used for clause tense. A language
    without time data gives an empty list (the step records why)."""
    if language not in lang.supported():
        return []
    g = grammar(language)
    future_aux = frozenset(str(w).lower() for w in g.settings.get("future_aux", []))
    present_dir = int(g.settings.get("present_direction", 0))
    year_tense = bool(g.settings.get("year_by_tense", False))
    default_dir = int(g.settings.get("default_direction", 0))
    infinitive_future = bool(g.settings.get("infinitive_future", False))
    limit = 0
    if doc is not None:
        doc_text = parsed_text(doc)
        if not text.startswith(doc_text[:200]):
            doc = None  # a parse of another text would give wrong tenses
        else:
            limit = len(doc_text)
    out: list[Timex] = []
    for start, end, rule, match in _candidates(g, text):
        if doc is not None and rule.attrs.get("guard") == "number" and end <= limit and _guarded(doc, start, end):
            continue
        spec = _spec(g, rule, match)
        kind = spec.get("type", "DATE")
        if kind not in _TYPES:
            kind = "DATE"
        spec["type"] = kind
        if doc is not None and end <= limit:
            tense = clause_tense(doc, start, end, future_aux)
            if tense:
                spec["tense"] = tense
        if present_dir:
            spec["present_dir"] = present_dir
        if year_tense:
            spec["year_tense"] = True
        if infinitive_future and spec.get("tense") == "infinitive":
            spec["infinitive_future"] = True
        if default_dir and ("month" in spec or "season" in spec or "holiday" in spec):
            spec["default_dir"] = default_dir
        if spec.get("hour") is not None and not _DATE_SLOTS & spec.keys():
            spec["follow"] = True  # a bare clock time belongs to the last day the text named
        suffix = str(g.settings.get("period_suffix", ""))
        if suffix and ("decade" in spec or "century" in spec):
            spec["suffix"] = suffix  # FTiB writes "196X" and "18XX" where TimeBank writes "196" and "18"
        mod = spec.pop("mod", None)
        out.append(Timex(type=kind, value=None, start=start, end=end, text=text[start:end], mod=mod, relative=spec))
    _resolve_all(out, anchor)
    return out


# Slots that name a day or a period: a clock time with none of them follows the text's last day.
_DATE_SLOTS = frozenset(
    {"year", "month", "day", "weekday", "dayrel", "unit", "season", "value", "decade", "century", "holiday"}
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


def _resolve_all(timexes: list[Timex], anchor: str | None) -> None:
    """Resolve in text order: absolute ones once, relative ones against `anchor`, and bare
    clock times ("à 20 h 30") against the last day named before them (FTiB dev files: the
    evening of an announced event, not of the publication day), else against `anchor`."""
    last: dict[str, str] = {}
    for timex in timexes:
        spec = timex.relative
        if spec is None:
            continue
        bare, why = resolve(spec, None)
        if not (bare is None and why == NEEDS_ANCHOR):
            timex.value, timex.reason, timex.relative, timex.anchor = bare, why, None, None
        else:
            _resolve_one(timex, spec, anchor, last)
        _remember(timex, last)


def _remember(timex: Timex, last: dict[str, str]) -> None:
    """Keep the last day and the last quarter the text named (discourse anchors)."""
    if timex.value and timex.type in ("DATE", "TIME"):
        day = _DAY.match(timex.value)
        if day:
            last["day"] = day.group(0)
        if _QUARTER.match(timex.value) and not (timex.relative or {}).get("sign"):
            last["quarter"] = timex.value


def _resolve_one(timex: Timex, spec: dict[str, Any], anchor: str | None, last: dict[str, str]) -> None:
    last_day = last.get("day")
    if spec.get("sign") and spec.get("unit") == "Y" and "quarter" in last and float(spec.get("num") or 1).is_integer():
        # "a year earlier" in a text about quarterly results is that quarter a year before
        # (TimeBank: "a year ago" after "the third quarter" is 1988-Q3, not 1988).
        year, quarter = last["quarter"].split("-Q")
        timex.value = f"{int(year) + int(spec['sign']) * int(spec.get('num') or 1):04d}-Q{quarter}"
        timex.reason, timex.anchor = None, anchor
        return
    if spec.get("event"):
        timex.value, timex.reason, timex.anchor = None, "anchored on an event whose date the text does not give", None
        return
    follow = spec.get("follow")
    if follow == "strict" and last_day is None:
        timex.value, timex.reason, timex.anchor = None, "relative to a day the text has not named yet", None
        return
    base = last_day if follow and last_day else anchor
    timex.value, timex.reason = resolve(spec, base)
    timex.anchor = base


def reanchor(article: Article, anchor: str) -> None:
    """Re-resolve every relative timex of the article against the ISO date `anchor`."""
    last: dict[str, str] = {}
    for timex in article.timexes:
        spec = timex.relative
        if spec is not None:
            _resolve_one(timex, spec, anchor, last)
        _remember(timex, last)


class Timexes:
    """Tag and normalise the time expressions of `article.text` (TIMEX3, TimeML values)."""

    name = "timex"
    version = 1
    requires: tuple[str, ...] = ("text", "language")
    assigns: tuple[str, ...] = ("timexes",)

    def __call__(self, article: Article) -> Article:
        code = article.language
        if code not in lang.supported():
            article.problem(self.name, Code.LANGUAGE_UNSUPPORTED.value, lang.unsupported_message(code))
            return article
        anchor = article.reference_date()
        article.timexes = find(article.text, code, anchor, article.nlp)
        if anchor is None and any(t.relative is not None for t in article.timexes):
            article.problem(
                self.name,
                Code.NO_DATE.value,
                "no reference date: relative time expressions keep a null value until one is known",
            )
        return article
