"""Compile a language's `time.toml` into matching rules for time expressions.

The data file holds every word and every pattern; this module knows only what the *names*
of the pattern slots mean. A pattern is a regular expression in which `{slot}` stands for
a named group built from the word table of the same name (`{month}` becomes an alternation
of every month name and abbreviation, longest first) or from a `[macros]` entry of the file.
What a matched slot means is fixed here, language-free:

    year, year2, month, day, weekday, dayrel, num, unit, season, pod, mod, dir,
    hour, minute, ampm, decade, century, ordinal, quarter, half

Each rule adds constants (`type`, `value`, `sign`, `mod`, `unit`, ...) that the resolver
reads; see timex_resolve.py for what every key does. Words get their accent-free spelling,
both apostrophes and optional hyphens automatically, so the data lists each word once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import lang
from .regex_prefilter import Prefilter
from .regex_prefilter import build as build_prefilter

# Slots whose words come from a table of the same name in [words].
LEXICAL = (
    "month",
    "weekday",
    "dayrel",
    "eventrel",
    "holiday",
    "unit",
    "season",
    "pod",
    "mod",
    "dir",
    "ampm",
    "ordinal",
    "quarter",
    "half",
    "approx",
    "fuzzy",
    "ref",
)
# Every slot with a meaning; other {names} are plain macros (non-capturing).
SLOTS = frozenset({*LEXICAL, "year", "year2", "day", "hour", "minute", "num", "decade", "century"})
_SLOT = re.compile(r"\{([A-Za-z_]\w*)\}")


def fold(text: str) -> str:
    """Lower case without accents and with one kind of apostrophe: the lookup key of a word."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[’ʼ`´]", "'", re.sub(r"[\s\u00a0]+", " ", text)).strip()


def word_regex(word: str) -> str:
    """A tolerant regex for one lexicon entry: either apostrophe, optional hyphen, any spaces,
    accents optional (the accent-free spelling is added as an alternative by the caller)."""
    out: list[str] = []
    for ch in word:
        if ch in "'’":
            out.append("['’ʼ]")
        elif ch == "-":
            out.append(r"[-‑\s]?")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    """Word tables of one language, keyed by folded spelling."""

    tables: dict[str, dict[str, Any]]
    numbers: dict[str, float]
    multipliers: dict[str, int]
    joiners: tuple[str, ...]

    def lookup(self, table: str, text: str) -> Any:
        key = fold(text).rstrip(".")
        words = self.tables.get(table, {})
        if key in words:
            return words[key]
        return words.get(key + ".")

    def number(self, text: str) -> float | None:
        """Digits ("30,4", "1.5") or number words ("vingt-quatre", "two hundred")."""
        raw = text.strip()
        digits = raw.replace("\u00a0", "").replace(" ", "")
        if re.fullmatch(r"\d+", digits):
            return float(digits)
        if re.fullmatch(r"\d+[.,]\d+", digits):
            return float(digits.replace(",", "."))
        total = current = 0.0
        tokens = [p for p in re.split(r"[-\s]+", fold(raw)) if p and p not in self.joiners]
        if not tokens:
            return None
        parts: list[str] = []
        i = 0
        while i < len(tokens):  # longest known run first: "quatre vingt dix" before "quatre"
            for j in range(len(tokens), i, -1):
                run = " ".join(tokens[i:j])
                if run in self.numbers or j == i + 1:
                    parts.append(run)
                    i = j
                    break
        for part in parts:
            if part in self.multipliers:
                current = max(current, 1) * self.multipliers[part]
                if self.multipliers[part] >= 1000:
                    total, current = total + current, 0.0
            elif part in self.numbers:
                current += self.numbers[part]
            else:
                return None
        return float(total + current)


@dataclass(frozen=True)
class Rule:
    id: str
    regex: re.Pattern[str]
    attrs: dict[str, Any]


@dataclass(frozen=True)
class Grammar:
    code: str
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    settings: dict[str, Any]
    # Where each rule may match, found in one scan of the text (regex_prefilter.py).
    prefilter: Prefilter


def _alternation(words: list[str], cased: set[str]) -> str:
    variants: dict[str, bool] = {}
    for word in words:
        exact = word in cased
        variants[word] = exact
        plain = _strip_accents(word)
        if plain != word:
            variants[plain] = exact
    parts = []
    for word in sorted(variants, key=len, reverse=True):
        rx = word_regex(word)
        parts.append(f"(?-i:{rx})" if variants[word] else rx)
    return "|".join(parts)


def _lexical_tables(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for name, table in data["words"].items():
        tables[name] = {fold(k): v for k, v in table.items()}
    return tables


def _spaces(pattern: str) -> str:
    """Pattern shorthand: a space is any run of spaces, "' " an apostrophe and optional spaces."""
    pattern = re.sub(r"'( ?)", lambda m: "['’ʼ]" + ("\\s*" if m.group(1) else ""), pattern)
    return pattern.replace(" ", r"\s+")


@cache
def grammar(code: str) -> Grammar:
    """The compiled rules of one language (once per process)."""
    data = lang.load(code).resource("time")
    words: dict[str, dict[str, Any]] = data["words"]
    cased = set(data.get("case_sensitive", []))
    numbers = {fold(k).replace("-", " "): float(v) for k, v in data["numbers"].items()}
    multipliers = {fold(k): int(v) for k, v in data.get("multipliers", {}).items()}
    joiners = tuple(fold(j) for j in data.get("number_joiners", []))
    macros: dict[str, str] = {}
    for name in LEXICAL:
        if name in words:
            macros[name] = _alternation(list(words[name]), cased)
    starts_only = set(data.get("number_starts_only", []))
    next_words = _alternation(
        [w for w in [*data["numbers"], *data.get("multipliers", {})] if w not in starts_only], cased
    )
    joiner = "|".join(word_regex(j) for j in data.get("number_joiners", [])) or "(?!)"
    first_words = _alternation(
        [w for w in [*data["numbers"], *data.get("multipliers", {})] if w not in starts_only], cased
    )
    starters = _alternation(sorted(starts_only), cased) or "(?!)"
    multipliers_rx = _alternation(list(data.get("multipliers", {})), cased) or "(?!)"
    macros["numword"] = (
        rf"(?:{starters})(?:[-\s]+(?:{multipliers_rx}))?(?![-\s]+(?:{first_words})\b)"
        rf"|(?:{first_words})(?:[-\s]+(?:(?:{joiner})[-\s]+)?(?:{next_words}))*"
    )
    macros.update({name: _spaces(body) for name, body in data["macros"].items()})
    # The built-in number slot: digits (with decimals or thin-space thousands) or words.
    macros.setdefault("num", r"\d+(?:[.,]\d+)?|{numword}")

    def expand(pattern: str, depth: int = 0, capture: bool = True) -> str:
        if depth > 5:
            return pattern

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            body = macros.get(slot_base(name).lstrip("_"))
            if body is None:
                raise ValueError(f"time.toml: unknown slot {{{name}}}")
            inner = expand(body, depth + 1, capture)
            if not capture or name.startswith("_") or slot_base(name) not in SLOTS:
                return f"(?:{inner})"
            return f"(?P<{name}>{inner})"

        return _SLOT.sub(sub, pattern)

    rules: list[Rule] = []
    for i, rule in enumerate(data["rule"]):
        pattern = expand(_spaces(rule["pattern"]), capture=not rule.get("reject"))
        attrs = {k: v for k, v in rule.items() if k not in ("pattern", "id")}
        # Whole words only: a match starting with a letter or digit must not continue a word.
        regex = re.compile(rf"(?:(?<![\w@/])|(?=\W)){pattern}(?![\w])", re.IGNORECASE)
        rules.append(Rule(id=str(rule.get("id", i)), regex=regex, attrs=attrs))
    return Grammar(
        code=code,
        lexicon=Lexicon(_lexical_tables(data), numbers, multipliers, joiners),
        rules=tuple(rules),
        settings=dict(data["settings"]),
        prefilter=build_prefilter([r.regex.pattern for r in rules]),
    )


def slot_base(name: str) -> str:
    """`day_2` and `day` are the same slot (a pattern may use a slot twice with a suffix)."""
    return re.sub(r"_\d+$", "", name)
