"""Name spans the statistical tagger gets wrong in news text, found from the tokens: a name cut
at a hyphen ("Météo" + "-France") or before a lower-case word of a known name ("Le Canard" +
"enchaîné"), and a person's name after a minister's portfolio, which the
French model tags as one organisation with the title ("ministre de la Culture Rachida Dati",
"Économie Bruno Le Maire").
"""

from __future__ import annotations

from ..article import EntityLabel
from .entity_data import EntityData
from .entity_roles import Tokens, role_length

# Function words between a role noun and its portfolio ("ministre de l'Économie"), at most.
_PORTFOLIO_GAP = 2
# Longest portfolio, in words ("europe et des affaires étrangères").
_PORTFOLIO_WORDS = 5


def hyphen_tail(tokens: Tokens, last: int, label: EntityLabel) -> int:
    """The end of a name the tagger cut at a hyphen: "Météo" before "-France", and for a person
    "Andrea" before " Assor-Doukhan" (a double surname; seen in the French gold, where the cut
    name then lost the gender its apposition gives)."""
    doc = tokens.doc
    k = last
    if (
        label == "PER"
        and k + 2 < len(doc)
        and doc[k - 1].whitespace_
        and doc[k].pos_ == "PROPN"
        and doc[k].text[:1].isupper()
        and not doc[k].whitespace_
        and doc[k + 1].text == "-"
    ):
        k += 1  # the first part of the double surname; the loop below takes "-Doukhan"
    while k < len(doc) and not doc[k - 1].whitespace_:
        part = doc[k].text
        if part == "-" and k + 1 < len(doc) and not doc[k].whitespace_ and doc[k + 1].text[:1].isupper():
            k += 2
        elif part[:1] == "-" and part[1:2].isupper():
            k += 1
        else:
            break
    return k if k - last > 1 or doc[last].text[:1] == "-" else last


def titled_names(tokens: Tokens, data: EntityData) -> list[tuple[int, int]]:
    """Token spans [first, last) of the names that follow a role noun and its portfolio: at
    least two capitalised words, with lower-case particles inside ("Dominique de Villepin")."""
    doc = tokens.doc
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        n = role_length(tokens, data, i)
        if not n:
            i += 1
            continue
        j = i + n
        gap = 0
        while j < len(tokens) and gap < _PORTFOLIO_GAP and tokens.pos[j] in ("ADP", "DET"):
            j, gap = j + 1, gap + 1
        portfolio = _portfolio_at(tokens, data, j)
        if not gap or not portfolio:
            i += 1
            continue
        first = last = j + portfolio
        while last < len(tokens):
            word = doc[last].text
            if word[:1].isupper() and word[:1].isalpha():
                last += 1
            elif (
                last > first
                and tokens.pos[last] in ("ADP", "DET")
                and last + 1 < len(tokens)
                and doc[last + 1].text[:1].isupper()
            ):
                last += 1  # "Dominique de Villepin", "Bruno Le Maire"
            else:
                break
        if last - first >= 2:
            found.append((first, last))
        i = max(i + 1, last)
    return found


def _portfolio_at(tokens: Tokens, data: EntityData, j: int) -> int:
    """How many tokens from j spell a portfolio of the language data ("culture", "europe et des
    affaires étrangères"), longest first; 0 when none does."""
    for k in range(_PORTFOLIO_WORDS, 0, -1):
        if j + k <= len(tokens) and " ".join(tokens.key(m) for m in range(j, j + k)) in data.portfolios:
            return k
    return 0


def known_tail(tokens: Tokens, data: EntityData, first: int, last: int) -> int:
    """The end of a name the tagger cut short of a name the gazetteer knows ("Le Canard" of
    "Le Canard enchaîné"): the known name must start where the tagged one starts."""
    start = tokens.start(first)
    tagged = tokens.text[start : tokens.end(last - 1)]
    for name in data.labels:
        if len(name) > len(tagged) and name.startswith(tagged + " ") and tokens.text.startswith(name, start):
            end = start + len(name)
            while last < len(tokens) and tokens.end(last) <= end:
                last += 1
            return last
    return last


# Lower-case words a tagged name may be missing before its acronym: "Coalition nationale [pour
# le changement] (CNC)". Five covers the French and English names of the gold sets.
_ACRONYM_LOOKAHEAD = 5
# Words this short and in lower case are function words, left out of an acronym ("pour", "le").
_FUNCTION_WORD = 4


def acronym_tail(tokens: Tokens, first: int, last: int) -> int:
    """The end of a name the tagger cut before the lower-case words its acronym spells out:
    "Coalition nationale" before "pour le changement (CNC)"."""
    for k in range(last, min(len(tokens), last + _ACRONYM_LOOKAHEAD + 1)):
        if tokens.low[k] == "(" and k + 2 < len(tokens) and tokens.low[k + 2] in {")", ","}:
            acronym = tokens.doc[k + 1].text
            if k > last and acronym.isupper() and _initials(tokens, first, k) == acronym:
                return k
            return last
        if not tokens.doc[k].is_alpha and tokens.doc[k].text not in {"'", "’"} and not tokens.low[k].endswith("'"):
            return last
    return last


def _initials(tokens: Tokens, first: int, last: int) -> str:
    words = (tokens.doc[i].text.split("'")[-1].split("’")[-1] for i in range(first, last))
    return "".join(w[0].upper() for w in words if w and (w[0].isupper() or len(w) > _FUNCTION_WORD))
