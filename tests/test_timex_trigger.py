"""The timex prefilter never skips a place where a rule matches: its matches equal finditer's.

Texts are drawn (fixed seed) from every word of the language's time.toml, digits,
punctuation, odd spaces and characters IGNORECASE equates with Latin letters (ſ, İ, K),
in every casing; then the corpora (slow)."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from conftest import need_shared
from dateline import lang
from dateline.analyze.regex_prefilter import beginnings, build, finditer
from dateline.analyze.timex_rules import Grammar, grammar
from dateline.evaluate import timeml

CODES = ("fr", "en")
ODD = ["ſ", "İ", "ı", "K", "\u00a0", "\u202f", "’", "ʼ", "'", "-", "‑", "/", "@", "\n", "٣", "é", "É"]
PUNCT = [" ", " ", " ", "  ", ", ", ". ", " (", ") ", "; ", " - ", "\n", "/", "'", "’"]


def _words(code: str) -> list[str]:
    data = lang.load(code).resource("time")
    words: list[str] = [str(w) for table in data["words"].values() for w in table]
    words += [str(w) for w in data["numbers"]] + [str(w) for w in data.get("multipliers", {})]
    for rule in data["rule"]:  # the literal words of the patterns themselves
        words += re.findall(r"[^\W\d_]{2,}", rule["pattern"])
    return sorted(set(words))


def _variant(word: str, rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.15:
        word = word.upper()
    elif pick < 0.3:
        word = word.title()
    elif pick < 0.4:
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    elif pick < 0.45:
        word = word.replace("s", "ſ").replace("i", "İ").replace("k", "K")
    return word


def _texts(code: str, count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    words = _words(code)
    out = []
    for _ in range(count):
        parts: list[str] = []
        for _ in range(rng.randint(5, 60)):
            roll = rng.random()
            if roll < 0.6:
                parts.append(_variant(rng.choice(words), rng))
            elif roll < 0.85:
                parts.append(str(rng.choice([rng.randint(0, 40), rng.randint(1, 2100), rng.randint(0, 99999)])))
            elif roll < 0.95:
                parts.append(rng.choice(ODD))
            else:
                parts.append(rng.choice(["xx", "Paris", "a", "l", "de", "ab12", "@", "h"]))
            parts.append(rng.choice(PUNCT) if rng.random() < 0.8 else "")
        out.append("".join(parts))
    return out


def _same(g: Grammar, text: str) -> None:
    starts = g.prefilter.starts(text)
    for rule, at in zip(g.rules, starts, strict=True):
        fast = [(m.span(), m.groupdict()) for m in finditer(rule.regex, text, at)]
        full = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
        assert fast == full, (rule.id, text)


@pytest.mark.parametrize("code", CODES)
def test_prefilter_keeps_every_match_on_drawn_texts(code: str) -> None:
    g = grammar(code)
    matched = 0
    for text in _texts(code, 200):
        _same(g, text)
        matched += sum(1 for rule in g.rules for _ in rule.regex.finditer(text))
    assert matched > 500  # the drawn texts do exercise the rules


@pytest.mark.parametrize("code", CODES)
def test_prefilter_tries_few_rules_and_bounds_most(code: str) -> None:
    g = grammar(code)
    # Every rule's beginnings are bounded today; a rule that is not still works (scans all).
    assert len(g.prefilter.everywhere) <= 2, [g.rules[i].id for i in g.prefilter.everywhere]
    text = "Le chat dort sur le canapé. The cat sleeps on the sofa. " * 20
    starts = g.prefilter.starts(text)
    assert sum(len(s) for s in starts if s is not None) < len(text) // 20


def test_beginnings_follow_the_pattern() -> None:
    found = beginnings(r"(?:(?<![\w@/])|(?=\W))(?:le )?(?P<d>\d\d?) mai")
    assert found is not None
    guarded, unguarded = found
    assert not unguarded
    firsts = {b[0] for b in guarded}
    assert frozenset({"l"}) in firsts and frozenset({"\\d"}) in firsts
    assert beginnings(r".*mai") is None  # could begin anywhere: the rule scans the whole text
    assert beginnings(r"(?:mai)?") is None  # could match nothing
    # a top-level alternative without the guard is scanned without it
    found = beginnings(r"(?:(?<![\w@/])|(?=\W))midi|minuit")
    assert found is not None and found[0] and found[1]


def test_empty_match_falls_back_to_finditer() -> None:
    regex = re.compile(r"a?")
    text = "baab a"
    fast = [m.span() for m in finditer(regex, text, [0, 1, 4])]
    assert fast[: len([m for m in fast if m[0] < 1])] == [(0, 0)]
    assert fast == [m.span() for m in regex.finditer(text)]


def test_prefilter_of_hand_made_rules() -> None:
    guard = r"(?:(?<![\w@/])|(?=\W))"
    patterns = [guard + p + r"(?![\w])" for p in (r"(?:le )?\d+ mai", r"mai \d{4}", r"(?:à )?midi")]
    prefilter = build(patterns)
    text = "Le 3 mai 2020 à midi, puis l'émail 4 mai 1999; MAI 2021 et amidi"
    for pattern, at in zip(patterns, prefilter.starts(text), strict=True):
        regex = re.compile(pattern, re.IGNORECASE)
        assert [m.span() for m in finditer(regex, text, at)] == [m.span() for m in regex.finditer(text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "folder"),
    [("en", ("timex", "en-te3", "tbaq")), ("en", ("timex", "en-te3", "platinum")), ("fr", ("timex", "fr-ftib"))],
)
def test_prefilter_keeps_every_match_on_the_corpora(code: str, folder: tuple[str, ...]) -> None:
    root = need_shared("benchmarks", *folder)
    g = grammar(code)
    for path in sorted(root.rglob("*.tml")):
        _same(g, timeml.read(path).text)
