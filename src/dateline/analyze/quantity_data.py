"""The quantities step's language knowledge (lang/<code>/quantities.toml), compiled once.

One regular expression per language finds the three shapes of a quantity, in this order:
`vague` ("des dizaines de", "plusieurs centaines d'"), `approx` ("une centaine de") and
`num` (digits or number words, an optional multiplier, an optional range). The unit is read
after the match by analyze/quantities.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import lang


def _alt(items: list[str]) -> str:
    """A regex alternation, longest first, where a space matches any run of spaces."""
    ordered = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in ordered)


@dataclass(frozen=True)
class QuantityData:
    code: str
    pattern: re.Pattern[str]
    thousands: str
    decimal: str
    numbers: dict[str, float]
    multipliers: dict[str, float]
    approximate: dict[str, float]
    one: frozenset[str]
    link: frozenset[str]
    symbols: tuple[str, ...]
    not_units: frozenset[str]
    not_after: frozenset[str]
    anaphoric: frozenset[str]
    function_words: frozenset[str]

    def digits_value(self, text: str) -> float:
        for sep in self.thousands:
            text = text.replace(sep, "")
        return float(text.replace(self.decimal, "."))

    def words_value(self, text: str) -> float | None:
        """Value of number words ("trois mille cinq cents" -> 3500; compounds listed whole)."""
        parts = [p for p in re.split(r"[\s\-]+", text.lower()) if p]
        values: list[float] = []
        i = 0
        while i < len(parts):
            for n in (3, 2, 1):
                joined = "-".join(parts[i : i + n])
                if len(parts[i : i + n]) == n and joined in self.numbers:
                    values.append(self.numbers[joined])
                    i += n
                    break
            else:
                i += 1  # a joiner ("et")
        if not values:
            return None
        total = current = 0.0
        for v in values:
            if v == 100:
                current = (current or 1) * 100
            elif v >= 1000:
                total += (current or 1) * v
                current = 0
            else:
                current += v
        return total + current


def _number_pattern(raw: dict[str, Any], words: str) -> str:
    seps = "".join(re.escape(s) for s in raw["thousands"])
    dec = re.escape(str(raw["decimal"]))
    # Digits are not part of a word ("COVID-19"), a clock time ("20:30", "20h30"), a date
    # ("06/01") or a decimal written the other way round; grouped thousands need exactly three
    # digits.
    grouped = rf"\d{{1,3}}(?:[{seps}]\d{{3}})+(?:{dec}\d+)?"
    digits = rf"(?<![\w.,:/])(?<![^\W\d]-)(?:{grouped}|\d+(?:{dec}\d+)?)(?![\w]|[.,:/]\d)"
    joiners = _alt(list(raw["joiners"]))
    wordnum = rf"\b(?:{words})(?:(?:[\s\-]+|\s+(?:{joiners})\s+)(?:{words}))*\b"
    return rf"(?:{digits}|{wordnum})"


@cache
def load(code: str) -> QuantityData:
    """Compiled quantity data for a language (raises DatelineError when the language is unknown)."""
    raw = lang.load(code).resource("quantities")
    numbers = {str(k).lower(): float(v) for k, v in raw["numbers"].items()}
    multipliers = {str(k).lower(): float(v) for k, v in raw["multipliers"].items()}
    approximate = {str(k).lower(): float(v) for k, v in raw["approximate"].items()}
    number = _number_pattern(raw, _alt(list(numbers)))
    mult = _alt(list(multipliers))
    link = _alt(list(raw["link"]))
    one = _alt(list(raw["one"]))
    prefix = _alt(list(raw["prefix_symbols"]))
    vague = (
        rf"(?P<vague>(?:\b(?:{_alt(list(raw['vague']['quantifiers']))})\s+)?"
        rf"(?:\b(?:{_alt(list(raw['vague']['collectives']))})\s+(?:{link})(?=\s|\w)\s*)+)"
    )
    nouns = _alt(list(approximate))
    # The link is optional: "a dozen rockets" has none, "une centaine de soldats" has one.
    approx = rf"(?P<approx>(?P<a_n>\b(?:{one})\b|{number})\s+(?P<a_noun>\b(?:{nouns}))\b(?:\s+(?:{link})(?=\s|\w))?)"
    num = (
        rf"(?P<num>(?P<pre>(?:{prefix})\s?)?(?P<n1>{number})(?:\s+(?P<m1>\b(?:{mult})\b))?"
        rf"(?:\s*(?P<rng>\b(?:{_alt(list(raw['range']))}))\s*(?P<n2>{number})(?:\s+(?P<m2>\b(?:{mult})\b))?)?)"
    )
    pattern = re.compile(f"{vague}|{approx}|{num}", re.IGNORECASE)
    return QuantityData(
        code=code,
        pattern=pattern,
        thousands="".join(raw["thousands"]),
        decimal=str(raw["decimal"]),
        numbers=numbers,
        multipliers=multipliers,
        approximate=approximate,
        one=frozenset(w.lower() for w in raw["one"]),
        link=frozenset(w.lower().replace("’", "'") for w in raw["link"]),
        symbols=tuple(sorted(raw["symbols"], key=len, reverse=True)),
        not_units=frozenset(w.lower() for w in raw["not_units"]),
        not_after=frozenset(w.lower().replace("’", "'") for w in raw["not_after"]),
        anaphoric=frozenset(w.lower() for w in raw["anaphoric"]),
        function_words=frozenset(w.lower().replace("’", "'") for w in raw["function_words"]),
    )
