"""Where each of many regexes can match: one scan of the text instead of one per regex.

Running every timex rule's regex over the whole text cost 20 ms per 4,000-character article
(55 French rules, each trying every position: bench/RESULTS.md, "Timex and date check
speed"). Here the beginnings any match of a pattern can have are read off the compiled
pattern itself (Python's regex parser; no second word list to keep in step with the data):
up to PREFIX_CHARS characters, each a set of characters (a literal with every character the
regex engine's IGNORECASE takes for it, a digit, a run of spaces). All patterns' beginnings
form one trie, scanned once per text behind the patterns' shared zero-width guard (the timex
rules' word boundary by default); each pattern is then tried only where one of its beginnings
occurs. The timex rules and the date check's calendar and coined-term scans use it.

Exactness: the positions found are a superset of those where the pattern can match, and
`regex.match(text, p)` at each of them in order, skipping those inside the previous match,
is what `regex.finditer` does (tests/test_timex_trigger.py compares both on every rule and
the corpora, tests/test_datecheck_scan.py on the date check's patterns). A pattern whose
beginning cannot be bounded (it could start with any character) or that could match the
empty string runs over the whole text as before.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from .literal_scan import ignorecase_classes

try:  # the regex parser of the standard library (re/_parser.py since 3.11)
    _P: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python without it: every rule scans the whole text
    _P = _C = None

# Characters of a rule's beginning the trie holds. 6 tells "le 12 " from "le mois" and a
# month name from a word that starts like one; longer buys little (most rules continue with
# a long word list) and grows the trie. MAX_BEGINNINGS bounds one rule's share of the trie
# (the French "duration" rule, {num} {unit}, needs about 1,500 at 6 characters).
PREFIX_CHARS = 6
MAX_BEGINNINGS = 20_000
# Ranges wider than this ([a-z] is 26) are taken as "any character" rather than spelled out.
MAX_RANGE = 64

DIGIT = "\\d"
SPACE = "\\s"
# The rules' guard (timex_rules.grammar): a match starting with a letter or digit must not
# continue a word, an address or a path.
GUARD = r"(?:(?<![\w@/])|(?=\W))"

Atom = frozenset[str]  # the characters one position may hold: literals, DIGIT, SPACE
Beginning = tuple[Atom, ...]
_ANY: Atom = frozenset()
_SPACE: Atom = frozenset({SPACE})


@cache
def _char(ch: str) -> str:
    if re.match(r"\d", ch):
        return DIGIT  # the trie scans \d: every digit, so the digits of the data need no listing
    if re.match(r"\s", ch):
        return SPACE
    return ch


def _class(items: Sequence[tuple[Any, Any]]) -> Atom:
    """The characters of a regex class, or _ANY when it is negated or too wide."""
    found: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            found.add(_char(chr(av)))
        elif op is _C.RANGE and av[1] - av[0] <= MAX_RANGE:
            found.update(_char(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            found.add(DIGIT)
        elif op is _C.CATEGORY and av is _C.CATEGORY_SPACE:
            found.add(SPACE)
        else:
            return _ANY
    return frozenset(found)


# Beginnings of a piece of pattern: (atoms, complete) pairs, complete when the piece can
# match exactly those characters (so what follows the piece continues the beginning).
Starts = set[tuple[Beginning, bool]]


def _element(op: Any, av: Any, room: int) -> Starts:
    if op is _C.LITERAL:
        return {((frozenset({_char(chr(av))}),), True)}
    if op is _C.IN:
        atom = _class(av)
        return {((atom,), True)} if atom else {((), False)}
    if op is _C.BRANCH:
        out: Starts = set()
        for alternative in av[1]:
            out |= _sequence(alternative.data, room)
        return out
    if op is _C.SUBPATTERN:
        return _sequence(av[3].data, room)
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _sequence(av.data, room)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        low, high, item = av
        if high == 0:
            return {((), True)}
        once = _sequence(item.data, room)
        if once == {((_SPACE,), True)}:
            out = {((_SPACE,), True)}  # \s+: the trie's SPACE is already a run of spaces
        else:
            out = {(head, complete and high == 1) for head, complete in once}
        if low == 0:
            out.add(((), True))
        return out
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return {((), True)}  # zero width: a boundary or a look-around constrains nothing here
    return {((), False)}  # any character, a back-reference: the beginning stops here


def _sequence(items: Sequence[tuple[Any, Any]], room: int) -> Starts:
    if not items:
        return {((), True)}
    if room <= 0:
        return {((), False)}
    out: Starts = set()
    rest = items[1:]
    for head, complete in _element(items[0][0], items[0][1], room):
        if not complete or len(head) >= room:
            out.add((head[:room], complete and len(head) <= room and not rest))
            continue
        for tail, done in _sequence(rest, room - len(head)):
            out.add((head + tail, done))
        if len(out) > MAX_BEGINNINGS:
            raise OverflowError
    return out


def beginnings(
    pattern: str, flags: int = re.IGNORECASE, guard_pattern: str = GUARD
) -> tuple[set[Beginning], set[Beginning]] | None:
    """Every way a match of `pattern` can begin (atom sets), split by whether the guard
    stands before it: (guarded, unguarded). None when any character could begin a match
    (or the pattern can match the empty string)."""
    if _P is None:
        return None
    parsed = _P.parse(pattern, flags)
    data = parsed.data
    branches = [alt.data for alt in data[0][1][1]] if len(data) == 1 and data[0][0] is _C.BRANCH else [data]
    guard = _guard_repr(guard_pattern)
    parts: list[tuple[bool, Sequence[tuple[Any, Any]]]] = []
    for items in branches:
        guarded = bool(items) and repr(items[0]) == guard
        parts.append((guarded, items[1:] if guarded else items))
    for room in range(PREFIX_CHARS, 0, -1):
        out: tuple[set[Beginning], set[Beginning]] = (set(), set())
        try:
            for guarded, items in parts:
                found = _sequence(items, room)
                if any(not head for head, _ in found):
                    return None
                out[0 if guarded else 1].update(head for head, _ in found)
        except OverflowError:
            continue
        return out
    return None


@cache
def _guard_repr(guard: str) -> str:
    return repr(_P.parse(guard).data[0])


def _expand(beginning: Beginning, canon: dict[str, str]) -> Iterable[tuple[str, ...]]:
    """Atom sets to atom sequences (one atom per position); runs of SPACE become one."""
    for combo in itertools.product(*(sorted(canon.get(a, a) for a in atom) for atom in beginning)):
        out: list[str] = []
        for atom in combo:
            if not (atom == SPACE and out and out[-1] == SPACE):
                out.append(atom)
        yield tuple(out)


@dataclass
class _Node:
    children: dict[str, _Node]
    rules: set[int]


@dataclass(frozen=True)
class Prefilter:
    """One scan (two when some rule has an alternative without the guard) finds, for every
    rule, the positions where it may match."""

    scanners: tuple[tuple[re.Pattern[str], tuple[frozenset[int], ...]], ...]  # regex, group -> rules
    everywhere: frozenset[int]  # rules tried at every position (unbounded beginnings)
    count: int

    def starts(self, text: str) -> list[list[int] | None]:
        """Per rule: the ascending positions to try, or None: scan the whole text."""
        out: list[list[int] | None] = [None if i in self.everywhere else [] for i in range(self.count)]
        for scanner, marks in self.scanners:
            for m in scanner.finditer(text):
                at = m.start()
                for i in marks[m.lastindex or 0]:
                    found = out[i]
                    if found is not None:
                        found.append(at)
        if len(self.scanners) > 1:
            out = [None if found is None else sorted(set(found)) for found in out]
        return out


def build(patterns: Sequence[str], flags: int = re.IGNORECASE, guard: str = GUARD) -> Prefilter:
    """The prefilter of compiled patterns (a grammar's rules, guard included). `guard` is the
    zero-width test the patterns begin with; the scan applies it once for all of them."""
    everywhere: set[int] = set()
    per_rule: list[tuple[set[Beginning], set[Beginning]]] = []
    for i, pattern in enumerate(patterns):
        found = beginnings(pattern, flags, guard)
        if found is None:
            everywhere.add(i)
            found = (set(), set())
        per_rule.append(found)
    chars = {a for pair in per_rule for side in pair for b in side for atom in b for a in atom}
    chars -= {DIGIT, SPACE}
    closures = ignorecase_classes(chars)
    if closures is None:
        return Prefilter((), frozenset(range(len(patterns))), len(patterns))
    scanners = []
    for side, head in ((0, guard), (1, "")):
        root = _Node({}, set())
        for i, pair in enumerate(per_rule):
            for b in pair[side]:
                for path in _expand(b, closures):
                    node = root
                    for atom in path:
                        node = node.children.setdefault(atom, _Node({}, set()))
                    node.rules.add(i)
        marks: list[frozenset[int]] = [frozenset()]
        body = _render(root, frozenset(), marks)
        if body is not None:
            # Every character a beginning can start with, as one class tested first: the trie's
            # first branch is then tried only there (it would fail anyway elsewhere), which
            # halves the scan (most places that pass the guard are spaces and punctuation).
            first = "".join(atom[1:-1] if atom.startswith("[") else atom for atom in sorted(root.children))
            scanners.append((re.compile(f"{head}(?=[{first}])(?={body})"), tuple(marks)))
    return Prefilter(tuple(scanners), frozenset(everywhere), len(patterns))


def _atom_regex(atom: str) -> str:
    if atom == DIGIT:
        return r"\d"
    if atom == SPACE:
        return r"\s+"
    return atom  # already a character class (canonical form)


def _render(node: _Node, above: frozenset[int], marks: list[frozenset[int]]) -> str | None:
    """The trie as a regex: children first (the deepest beginning wins), then an empty
    group marking this node; siblings hold disjoint characters, so one path can match."""
    rules = above | node.rules
    parts = []
    for atom in sorted(node.children):
        inner = _render(node.children[atom], rules, marks)
        if inner is not None:
            parts.append(_atom_regex(atom) + inner)
    if node.rules:
        marks.append(rules)
        parts.append("()")
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def finditer(regex: re.Pattern[str], text: str, starts: list[int] | None) -> Iterable[re.Match[str]]:
    """`regex.finditer(text)` tried only at `starts` (all positions when None)."""
    if starts is None:
        yield from regex.finditer(text)
        return
    end = 0
    for at in starts:
        if at < end:
            continue
        m = regex.match(text, at)
        if m is None:
            continue
        if m.end() == at:
            # An empty match: finditer's next try is subtle there; do exactly what it does.
            yield from regex.finditer(text, at)
            return
        yield m
        end = m.end()
