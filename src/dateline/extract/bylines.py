"""Titles and bylines as a careful reader states them.

Titles: `<title>` and og:title often end with the outlet ("Titre | Le Monde"); the outlet
part goes when it names the site (og:site_name, JSON-LD publisher, host name) or, after a
pipe, when it is a short tail (pipes separate sites, hyphens also occur inside titles).

Bylines: "Par Jean Dupont et Marie Martin" is two authors; roles ("envoyé spécial à Kiev",
"Staff Writer") are dropped; the outlet's own name (Le Monde on lemonde.fr) is not an author:
it says nobody signed the piece. Agencies credited on another outlet's page ("AFP" on a
regional daily) stay: the reader needs to know the copy is wire copy. Words (prefixes,
joiners, roles) come from lang/<code>/page.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..lang import LangPack

_SPACE = re.compile(r"\s+")
# Soft hyphens and zero-width characters: invisible in the browser, they split words
# ("can\xaddi\xadda\xadture" on soundofscience.fr in trafilatura-evaldata).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NON_WORD = re.compile(r"[\W_]+")
# A byline part longer than this many words is a sentence, not a name (names in the
# trafilatura-evaldata gold run to 4 words, "Les Membres du Choeur de Radio France" to 7).
_MAX_NAME_WORDS = 7
# Pipe tails this short are site names or desks ("Actualités | Ouest-France").
_MAX_TAIL_WORDS = 5
# Parenthesised parts of a byline are affiliations or sites, possibly cut ("(www.dw.com").
_URL = re.compile(r"(?:https?://|www\.)\S*")
_PAREN = re.compile(r"\([^)]*(?:\)|$)")
# A head this short before a pipe, with a long headline after it, is a section or blog name
# ("Gregory Szorc's Digital Home | Mercurial's Journey to ...", trafilatura-evaldata).
_MAX_HEAD_WORDS = 4
_MIN_REST_WORDS = 5


def squash(text: str | None) -> str:
    return _SPACE.sub(" ", _INVISIBLE.sub("", text or "")).strip()


def squashed_over(text: str, limit: int) -> bool:
    """Whether squash(text) is longer than `limit`, read from the start of the text only: the
    visible characters of a prefix are a lower bound (squash keeps every character that is
    neither space nor invisible). The date-line reader asks this of every line element, and
    a container's text can be the whole page."""
    if len(text) <= limit:
        return False
    visible = "".join(text[: 4 * limit].split())  # (str.split and the regex's \s: the same spaces)
    return len(_INVISIBLE.sub("", visible)) > limit or len(squash(text)) > limit


def key(text: str) -> str:
    """Comparison key: lower case, letters and digits only."""
    return _NON_WORD.sub("", text.lower())


def outlet_keys(names: Iterable[str | None], url: str | None) -> set[str]:
    """Keys of every name the outlet goes by: site name, publisher, host ("lemonde" from www.lemonde.fr)."""
    keys = {key(n) for n in names if n and key(n)}
    if url:
        host = urlsplit(url).hostname or ""
        parts = [p for p in host.split(".") if p not in {"www", "m", "amp", "edition"}]
        if len(parts) >= 2:
            keys.add(key(parts[-2]))
            keys.add(key("".join(parts[:-1])))
    keys.discard("")
    return keys


def _is_outlet(text: str, outlets: set[str]) -> bool:
    k = key(text)
    return bool(k) and any(
        k == o
        or (len(o) > 3 and k.startswith(o) and len(k) - len(o) <= 4)  # "Le Monde.fr" on lemonde
        or (len(k) > 4 and (o.startswith(k) or o.endswith(k)))  # "Google" on googleblog, "Guardian" on theguardian
        for o in outlets
    )


@dataclass(frozen=True)
class Separators:
    items: tuple[str, ...]

    @classmethod
    def of(cls, packs: tuple[LangPack, ...]) -> Separators:
        seps: list[str] = []
        for pack in packs:
            for sep in pack.resource("boilerplate")["title_separators"]:
                if sep not in seps:
                    seps.append(sep)
        return cls(tuple(seps))


# Markup inside a title is text to the parser (<title> holds no elements), never a headline.
_MARKUP = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)|<[^<>]*>", re.I | re.S)


def clean_title(raw: str | None, outlets: set[str], separators: Separators) -> str | None:
    title = squash(_MARKUP.sub(" ", raw or ""))
    if not title:
        return None
    changed = True
    while changed:
        changed = False
        for sep in separators.items:
            if sep not in title:
                continue
            head, tail = title.rsplit(sep, 1)
            if _is_outlet(tail, outlets) or (sep.strip() == "|" and _short_tail(head, tail)):
                title, changed = head.strip(), True
                break
            first, rest = title.split(sep, 1)
            if _is_outlet(first, outlets) or (sep.strip() == "|" and _short_head(first, rest)):
                title, changed = rest.strip(), True
                break
    return title or None


def _short_head(head: str, rest: str) -> bool:
    """A section or blog name before a pipe ("Local News | Brothel ... busted in Boston")."""
    return len(head.split()) <= _MAX_HEAD_WORDS and len(rest.split()) >= _MIN_REST_WORDS


def _short_tail(head: str, tail: str) -> bool:
    return len(tail.split()) <= _MAX_TAIL_WORDS and len(head.split()) >= 3


_BYLINES: dict[tuple[str, ...], Bylines] = {}


class Bylines:
    """Split and clean author strings with the cues of the given languages."""

    @classmethod
    def of(cls, packs: tuple[LangPack, ...]) -> Bylines:
        """One compiled reader per set of languages (regexes are built once per process)."""
        codes = tuple(p.code for p in packs)
        if codes not in _BYLINES:
            _BYLINES[codes] = cls(packs)
        return _BYLINES[codes]

    def __init__(self, packs: Sequence[LangPack]) -> None:
        prefixes: list[str] = []
        joiners: list[str] = []
        roles: list[str] = []
        for pack in packs:
            page = pack.resource("page")
            prefixes += page["byline_prefix"]
            joiners += page["author_joiners"]
            roles += page["author_roles"]
        prefix = "|".join(re.escape(p.strip()) for p in sorted(set(prefixes), key=len, reverse=True))
        self.prefix = re.compile(rf"^(?:{prefix})(?:\s*:)?\s+", re.IGNORECASE)
        self.inner = re.compile(rf"(?<=\w)\s+(?:{prefix})(?:\s*:)?\s+(?=\w)", re.IGNORECASE)
        self.prefix_keys = {key(p) for p in prefixes}
        joined = "|".join(re.escape(j) for j in sorted(set(joiners), key=len, reverse=True))
        self.split = re.compile(rf"\s*(?:[;,|/•·]|\s(?:{joined})\s)\s*", re.IGNORECASE)
        self.roles = sorted({r.lower() for r in roles}, key=len, reverse=True)

    def names(self, raw: str | None, outlets: set[str]) -> list[str]:
        text = squash(raw)
        if not text:
            return []
        text = self.prefix.sub("", _URL.sub(" ", text))
        out: list[str] = []
        for part in self.split.split(text):
            name = self._name(part, outlets)
            if name and key(name) not in {key(n) for n in out}:
                out.append(name)
        return out

    def _name(self, part: str, outlets: set[str]) -> str | None:
        part = _PAREN.sub(" ", part)
        inner = list(self.inner.finditer(part))
        if inner:  # "View all posts by Daniel Lemire", "Recipe by ..."
            part = part[inner[-1].end() :]
        name = self.prefix.sub("", squash(part)).strip(" -–—:()[]\"'«»")
        if key(name) in self.prefix_keys:
            return None
        if not name or "@" in name or "://" in name or any(c.isdigit() for c in name):
            return None
        lower = name.lower()
        if any(lower == r or lower.startswith(r + " ") for r in self.roles):
            return None  # a role or desk ("envoyé spécial à Kiev", "Staff Writer")
        role = next((r for r in self.roles if lower.endswith(" " + r)), None)
        if role is not None:  # "Guardian staff reporter": what precedes the role is a desk or outlet
            rest = name[: len(name) - len(role)].strip()
            if _is_outlet(rest, outlets) or len(rest.split()) < 2:
                return None
            name, lower = rest, rest.lower()
        if not any(c.isupper() for c in name) or len(name.split()) > _MAX_NAME_WORDS:
            return None  # names are capitalised; a long lower-case part is a sentence
        if _is_outlet(name, outlets):
            return None
        return name
