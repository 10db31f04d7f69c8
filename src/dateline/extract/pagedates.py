"""Dates an HTML page states about itself, published and modified kept apart.

Cheap sources first, in order of trust: JSON-LD datePublished/dateModified, `<meta>`
(article:published_time, og:updated_time, Dublin Core, parse.ly, sailthru...), `<time
datetime>` in the article, then a date written in words in the article's date line
("Publié le 1er août 2019 à 14h30"), read with the months of every lang pack. Values keep
the time and zone when the page gives them. html.py decides how these and htmldate combine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from lxml.html import HtmlElement

from ..lang import LangPack
from . import dates, jsonld
from .bylines import squash, squashed_over

# `<meta>` names, most specific first (property/name/itemprop values, lower-cased).
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "publication_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "dc.date",
    "dcterms.date",
    "date",
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "article:updated_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
)
_DATE_CLASS = re.compile(r"date|time|publi|posted|meta|byline|signature|dateline", re.I)
_LINE_TAGS = frozenset({"p", "span", "div", "time", "small", "em", "li"})
_MODIFIED_CLASS = re.compile(r"modif|update|maj", re.I)
# A date line is short: "Publié le 1er août 2019 à 14h30, mis à jour le 2 août à 9h".
_MAX_DATELINE_CHARS = 160


@dataclass
class MetaDates:
    published: str | None = None
    modified: str | None = None
    source: str | None = None  # where `published` came from: jsonld, meta, time, text
    line: str | None = None  # the date line's text, when the date came from one


def to_iso(value: str | None) -> str | None:
    """ISO 8601 from the forms pages use: ISO with or without zone, RFC 2822, YYYYMMDD."""
    if not value:
        return None
    value = value.strip()
    iso = dates.normalise(value)
    if iso is None and value[:1].isalpha():
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        iso = parsed.isoformat() if 1990 <= parsed.year <= 2100 else None
    if iso is not None and not 1990 <= int(iso[:4]) <= 2100:
        return None
    return iso


_READERS: dict[tuple[str, ...], DateWords] = {}


class DateWords:
    """Word dates of several languages, with their published/modified cues."""

    @classmethod
    def of(cls, packs: tuple[LangPack, ...]) -> DateWords:
        codes = tuple(p.code for p in packs)
        if codes not in _READERS:
            _READERS[codes] = cls(packs)
        return _READERS[codes]

    def __init__(self, packs: Sequence[LangPack]) -> None:
        self.readers = [
            dates.TextDates(p.resource("boilerplate")["months"], p.resource("page")["ordinal_suffixes"]) for p in packs
        ]
        self.modified_cues = [c for p in packs for c in p.resource("page")["modified_cue"]]
        self.published_cues = tuple(c for p in packs for c in p.resource("page")["published_cue"])

    def find(self, text: str) -> str | None:
        found = [r.find(text) for r in self.readers]
        values = [f for f in found if f]
        return values[0] if values else dates.numeric_day_first(text)

    def split(self, text: str) -> tuple[str, str]:
        """(published part, modified part) of a date line, cut at the first modified cue."""
        lower = text.lower()
        cuts = [lower.find(c) for c in self.modified_cues if c in lower]
        if not cuts:
            return text, ""
        at = min(cuts)
        return text[:at], text[at:]


def read_dates(
    tree: HtmlElement,
    scope: HtmlElement,
    tags: dict[str, str],
    linked: jsonld.LinkedData,
    packs: Sequence[LangPack],
) -> MetaDates:
    found = MetaDates()
    found.published = to_iso(linked.published)
    found.modified = to_iso(linked.modified)
    if found.published:
        found.source = "jsonld"
    if found.published is None:
        found.published = next((v for v in (to_iso(tags.get(n)) for n in PUBLISHED_META) if v), None)
        found.source = "meta" if found.published else None
    if found.modified is None:
        found.modified = next((v for v in (to_iso(tags.get(n)) for n in MODIFIED_META) if v), None)
    if found.published is None:
        _from_time_elements(tree, scope, found, DateWords.of(tuple(packs)))
    if found.published is None:
        _from_date_line(scope, found, DateWords.of(tuple(packs)))
    return found


def _from_time_elements(tree: HtmlElement, scope: HtmlElement, found: MetaDates, words: DateWords) -> None:
    for element in [*scope.iter("time"), *tree.iterfind(".//*[@itemprop='datePublished']")]:
        value = to_iso(element.get("datetime") or element.get("content"))
        if value is None:  # <time>12 févr. 2020</time>: no machine value, read the words
            text = squash(element.text_content())
            value = words.find(text) if 0 < len(text) <= _MAX_DATELINE_CHARS else None
        if value is None:
            continue
        hint = f"{element.get('itemprop') or ''} {element.get('class') or ''}"
        if _MODIFIED_CLASS.search(hint) or "dateModified" in hint:
            found.modified = found.modified or value
        elif found.published is None:
            found.published, found.source = value, "time"


def _from_date_line(scope: HtmlElement, found: MetaDates, words: DateWords) -> None:
    for element in scope.iter():
        tag = element.tag
        if not isinstance(tag, str) or tag in {"script", "style", "article", "main", "body"}:
            continue
        # (most elements have neither attribute: no string to build and search)
        names, ident = element.get("class"), element.get("id")
        classed = (names is not None or ident is not None) and _DATE_CLASS.search(f"{names or ''} {ident or ''}")
        if not classed and tag not in _LINE_TAGS:
            continue
        raw = element.text_content()
        if squashed_over(raw, _MAX_DATELINE_CHARS):
            continue
        text = squash(raw)
        if not text:
            continue
        if not classed and not text.lower().startswith(words.published_cues):
            continue  # an unclassed line is a date line only when it says so ("Publié le ...")
        published, modified = words.split(text)
        value = words.find(published)
        if value:
            found.published, found.source, found.line = value, "text", text
            found.modified = found.modified or (words.find(modified) if modified else None)
            return
