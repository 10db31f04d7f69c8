"""Language identification with py3langid (a maintained PyPI package that ships its model).

Short strings are unreliable ("The Pentagon chief denies" is classified Italian), so we
classify the longest text we have, and below `MIN_CHARS` we report no language rather than
a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

# Below this many letters py3langid's top guess is often wrong on headlines (seen on short
# English titles classified as Italian); 40 characters is about one short sentence.
MIN_CHARS = 40
# Only the first part of a long text is classified: identification is stable long before
# 5,000 characters, and py3langid's cost grows with length.
MAX_CHARS = 5000


@dataclass(frozen=True)
class Guess:
    code: str | None
    reason: str | None = None


def identify(text: str) -> Guess:
    sample = text[:MAX_CHARS]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < MIN_CHARS:
        return Guess(None, f"only {letters} letters of text; too little to identify its language")
    import py3langid

    code, _score = py3langid.classify(sample)
    return Guess(str(code))
