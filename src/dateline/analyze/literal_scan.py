"""Fast scans for many literal words: an alternation as a trie, and what IGNORECASE equates.

Python's regex engine tries the branches of `a|b|c` one after the other at every position
of the text, so a flat alternation of 770 officeholder names cost 1.3 ms per 4,000-character
article, a trie of the same names 0.1 ms (bench/RESULTS.md, "Timex and date check speed").
The trie matches exactly what the flat alternation sorted longest first matches: at one
position every word that matches lies on one path of the trie (siblings hold characters the
regex engine never equates), and along that path the longer words are tried first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache


def trie(words: Iterable[str], flags: int = 0) -> str | None:
    """A regex matching what `"|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))`
    matches, as a trie; None when two siblings could match one character (then the flat
    alternation's order matters and the caller keeps it)."""
    root: dict[str, dict[str, object]] = {}
    for word in words:
        if not word:
            return None
        node = root
        for ch in word:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}

    def render(node: dict[str, dict[str, object]]) -> str | None:
        chars = sorted(ch for ch in node if ch)
        if flags & re.IGNORECASE:
            for a, b in itertools.combinations(chars, 2):
                if re.fullmatch(re.escape(a), b, re.IGNORECASE):
                    return None
        parts = []
        for ch in chars:
            inner = render(node[ch])  # type: ignore[arg-type]
            if inner is None:
                return None
            parts.append(re.escape(ch) + inner)
        if "" in node:
            parts.append("")  # the word ending here: tried after every longer one
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return render(root) if root else None


@cache
def _universe() -> str:
    """Every code point but the surrogates: what a class compiled with IGNORECASE may match."""
    return "".join(map(chr, itertools.chain(range(0xD800), range(0xE000, 0x110000))))


def ignorecase_classes(chars: set[str]) -> dict[str, str] | None:
    """For each of `chars`, a character class (no flags needed) of exactly the characters
    the regex engine's IGNORECASE takes for it. None when two classes overlap without being
    the same, or one holds a digit or a space (callers treat those apart)."""
    if not chars:
        return {}
    pattern = "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
    found = set(re.findall(pattern, _universe(), re.IGNORECASE))
    members = {c: frozenset({c, *(x for x in found if re.fullmatch(re.escape(c), x, re.IGNORECASE))}) for c in chars}
    classes = set(members.values())
    for one, other in itertools.combinations(classes, 2):
        if one & other:
            return None
    if any(re.match(r"[\d\s]", x) for group in classes for x in group):
        return None
    return {c: "[" + "".join(re.escape(x) for x in sorted(group)) + "]" for c, group in members.items()}
