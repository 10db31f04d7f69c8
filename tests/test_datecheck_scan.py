"""The date check's fast scans find exactly what the plain regexes found: officeholder names
and role phrases as tries, coined terms and calendar dates through one prefilter scan."""

from __future__ import annotations

import random
import re

import pytest

from dateline import lang
from dateline.analyze import datecheck_calendar as calendar
from dateline.analyze import datecheck_officeholders as officeholders
from dateline.analyze import datecheck_terms as terms
from dateline.analyze.literal_scan import ignorecase_classes, trie
from dateline.analyze.regex_prefilter import finditer

ODD = ["ſ", "İ", "ı", "K", "\u00a0", "’", "-", "_", "\n", "é", "É", "x", "1"]


def _texts(words: list[str], count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(3, 40)):
            word = rng.choice(words)
            roll = rng.random()
            if roll < 0.2:
                word = word.upper()
            elif roll < 0.3:
                word = word.lower()
            elif roll < 0.4:
                word = word[: rng.randint(1, len(word))]  # a word cut short
            elif roll < 0.45:
                word = word.replace("s", "ſ").replace("i", "İ")
            parts.append(word)
            parts.append(rng.choice([" ", " ", ", ", "-", "", rng.choice(ODD), ". "]))
        out.append("".join(parts))
    return out


def _flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def test_trie_matches_what_the_flat_alternation_matches() -> None:
    words = ["mai", "mais", "maison", "Mai 68", "ma", "m", "premier ministre", "premier", "Ab-cd", "ab"]
    for flags in (0, re.IGNORECASE):
        if flags:
            words = sorted({w.lower() for w in words})  # equated siblings would be refused
        body = trie(words, flags)
        assert body is not None
        fast = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
        plain = re.compile(rf"(?<![\w-])(?:{_flat(words)})(?![\w-])", flags)
        for text in _texts(words, 300):
            assert _spans(fast, text) == _spans(plain, text), text


def test_trie_refuses_siblings_the_engine_equates() -> None:
    assert trie(["sa", "ſb"], re.IGNORECASE) is None  # ſ is s under IGNORECASE: order would matter
    assert trie(["sa", "ſb"]) is not None
    assert trie(["", "a"]) is None


def test_ignorecase_classes_are_the_engines() -> None:
    classes = ignorecase_classes({"s", "i", "k", "é"})
    assert classes is not None
    for char, rx in classes.items():
        members = set(rx[1:-1].replace("\\", ""))
        assert {"s": {"s", "S", "ſ"}, "k": {"k", "K", "\u212a"}, "é": {"é", "É"}}.get(char, members) == members
        assert all(re.fullmatch(re.escape(char), m, re.IGNORECASE) for m in members)


def test_officeholder_names_and_roles_scan_as_before() -> None:
    by_name, names = officeholders._names()
    plain_names = re.compile(rf"(?<![\w-])(?:{_flat(list(by_name))})(?![\w-])")
    for code in ("fr", "en"):
        data = lang.load(code).resource("datecheck")
        roles, meaning = officeholders._role_pattern(data)
        assert officeholders._role_pattern(data)[0] is roles  # built once
        plain_roles = re.compile(rf"(?<![\w-])(?:{_flat(list(meaning))})(?![\w-])", re.IGNORECASE)
        pool = list(by_name)[:300] + list(meaning) + ["le", "du", "X"]
        for text in _texts(pool, 150):
            assert _spans(names, text) == _spans(plain_names, text), text
            assert _spans(roles, text) == _spans(plain_roles, text), text


def test_coined_terms_scan_as_before() -> None:
    for code in ("fr", "en"):
        coined = lang.load(code).resource("datecheck").get("coined", {})
        compiled = terms._compiled(tuple(coined.items()))
        assert len(compiled.regexes) == len(coined)
        plain = [
            re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w-])", 0 if t != t.lower() else re.IGNORECASE) for t in coined
        ]
        for text in _texts([*coined, "Covid", "COVID-19", "x-covid", "#MeToo", "aids"], 300):
            found = [(c.start, c.end) for c in terms.clues(text, {"coined": coined})]
            wanted = [m.span() for m in (r.search(text) for r in plain) if m]
            assert found == wanted, text


def test_calendar_dates_scan_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    for code in ("fr", "en"):
        pack = lang.load(code)
        boiler, data = pack.resource("boilerplate"), pack.resource("datecheck")
        fast = calendar._scan(boiler, data)
        assert calendar._scan(boiler, data) is fast  # built once
        with monkeypatch.context() as patch:
            patch.setattr(calendar, "trie", lambda *_args: None)  # the flat alternations of before
            plain = calendar._build_scan(boiler, data)
        pool = [*boiler["months"], *boiler["weekdays"], *data["words"]["year_prefix"], *data["words"]["this"]]
        pool += ["1er", "12", "3", "31", "1999", "2020", "l'", "2101", "1.5", "Sept."]
        for text in _texts(pool, 300):
            starts = fast.prefilter.starts(text)
            for quick, slow, at in zip(fast.patterns, plain.patterns, starts, strict=True):
                want = [(m.span(), m.groupdict()) for m in slow.finditer(text)]
                assert [(m.span(), m.groupdict()) for m in quick.finditer(text)] == want, (slow.pattern, text)
                assert [(m.span(), m.groupdict()) for m in finditer(quick, text, at)] == want, (slow.pattern, text)
