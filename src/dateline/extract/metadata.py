"""Page metadata from the HTML tree: title, outlet, standfirst, kicker, section, bylines,
dates (published and modified apart); figures.py reads captions and credits, markup.py the tree.

Reads a parsed lxml tree without changing it (html.py runs trafilatura afterwards, which
does). Sources in order of trust: JSON-LD (jsonld.py), `<meta>` (og:, article:, Dublin
Core), then the markup of the article element (itemprop, class names such as "byline" or
"figcaption"). Class and attribute names are HTML/schema.org vocabulary, not words of a
language; language cues (byline prefixes, roles, months) come from lang/<code>/page.toml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape

from lxml.html import HtmlElement

from ..article import Media
from ..lang import LangPack
from . import figures, jsonld
from .bylines import Bylines, Separators, clean_title, key, outlet_keys, squash
from .markup import OUTSIDE, Classed, classed, classes, elements, inside, main_scope, text_of
from .pagedates import MetaDates, read_dates

_NOT_BYLINE = frozenset({"nav", "aside", "footer"})
# Class/id fragments publishers use for each field (seen on the fr/en pages of the
# trafilatura-evaldata and htmldate corpora).
_STANDFIRST = re.compile(r"chapo|chapeau|standfirst|\blede\b|\bdek\b|summary|intro|subtitle|subheadline|deck", re.I)
_KICKER = re.compile(r"kicker|surtitre|sur-titre|overline|eyebrow|supertitle|uptitle", re.I)
_BYLINE = re.compile(r"byline|author|auteur|signature", re.I)
_CRUMBS = re.compile(r"breadcrumb|fil-?ariane|ariane", re.I)
# A cheap first sieve for the four patterns above: every class/id text one of them matches
# (case-insensitively) contains one of these lower-case fragments once case-folded, so each
# field's own pattern then runs over the few elements kept, not over every classed element
# of the page (~400 a page on the benchmark corpora, where each case-insensitive scan of
# them cost ~1.7 ms a page; this sieve costs ~0.3 ms and keeps ~20).
_FIELD_HINTS = re.compile(
    "chap|standfirst|lede|dek|summary|intro|title|subheadline|deck|kicker|titre|overline|eyebrow"
    "|byline|author|auteur|signature|breadcrumb|ariane"
)
# A byline element holds a few names, not a biography.
_MAX_BYLINE_CHARS = 120
# A kicker is a label ("ÉTATS-UNIS", "INTEMPÉRIES", "Analyse"); longer texts in kicker-classed
# elements were teasers on the French evaldata pages (lopinion.fr, mondediplo).
_MAX_KICKER_CHARS = 40
_MAX_KICKER_WORDS = 4
_MAX_SECTION_CHARS = 60
# A shorter <h1> is a logo or a section label ("Son", "Blog"), not a headline.
_MIN_H1_CHARS = 12
_WORD = re.compile(r"\w+")


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    outlets: set[str] = field(default_factory=set)
    description: str | None = None
    standfirst_element: str | None = None
    kicker: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    byline: str | None = None  # the byline line the authors came from, when it is in the markup
    dates: MetaDates = field(default_factory=MetaDates)
    media: list[Media] = field(default_factory=list)
    is_article: bool = False
    og_type: str = ""
    scope: HtmlElement | None = None  # the article element (or main, or body) the fields came from


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """First value of each `<meta>` keyed by property/name/itemprop, lower-cased."""
    tags: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            name = (meta.get(attr) or "").strip().lower()
            if name and name not in tags:
                # Some CMSs escape twice ("d&#039;actions" after parsing): unescape once more.
                tags[name] = unescape(content.strip()) if "&" in content else content.strip()
    return tags


def read(tree: HtmlElement, url: str | None, packs: Sequence[LangPack]) -> PageMeta:
    tags = meta_tags(tree)
    linked = jsonld.read(tree)
    scope = main_scope(tree)
    meta = PageMeta(scope=scope)
    page = _candidates(classed(tree))
    meta.site_name = tags.get("og:site_name") or tags.get("application-name") or linked.publisher
    meta.outlets = outlet_keys([meta.site_name, linked.publisher, tags.get("twitter:site", "").lstrip("@")], url)
    meta.title = _title(tree, scope, tags, linked, meta.outlets, Separators.of(tuple(packs)))
    meta.description = (
        squash(
            linked.description
            or tags.get("og:description")
            or tags.get("description")
            or tags.get("twitter:description")
        )
        or None
    )
    in_scope = _candidates(classed(scope))
    meta.standfirst_element = _first_text(in_scope, _STANDFIRST, limit=600, minimum=40)
    kicker = _first_text(in_scope, _KICKER, limit=_MAX_KICKER_CHARS, minimum=2)
    meta.kicker = kicker if kicker and len(kicker.split()) <= _MAX_KICKER_WORDS else None
    meta.section = _section(page, tags, linked, meta.title)
    meta.authors, meta.byline = _authors(
        tree, scope, in_scope, page, tags, linked, Bylines.of(tuple(packs)), meta.outlets
    )
    meta.dates = read_dates(tree, scope, tags, linked, packs)
    meta.media = figures.read(scope, linked, packs)
    meta.og_type = tags.get("og:type", "").strip().lower()
    # One <article> element is the page saying it holds one article (index pages hold many).
    single = scope.tag == "article" and sum(1 for a in tree.iter("article") if not inside(a, OUTSIDE)) == 1
    meta.is_article = (
        linked.is_article or meta.og_type.startswith("article") or meta.dates.published is not None or single
    )
    return meta


def _candidates(found: Classed) -> Classed:
    """The classed elements a field pattern may match, in document order."""
    return [(element, names) for element, names in found if _FIELD_HINTS.search(names.casefold())]


def _title(
    tree: HtmlElement,
    scope: HtmlElement,
    tags: dict[str, str],
    linked: jsonld.LinkedData,
    outlets: set[str],
    seps: Separators,
) -> str | None:
    """The headline as the page shows it: the article's `<h1>` when there is one, else the
    JSON-LD/og:/twitter: title, else `<title>`, without the site name."""
    in_scope = [t for t in (text_of(h) for h in scope.iter("h1")) if t]
    page = [t for t in (text_of(h) for h in tree.iter("h1") if not inside(h, OUTSIDE)) if t]
    h1 = in_scope[0] if in_scope else (page[0] if len(page) == 1 else None)
    element = tree.find(".//title")
    html_title = text_of(element) if element is not None else None
    metas = [linked.headline, tags.get("og:title"), tags.get("twitter:title")]
    words = set(_WORD.findall(" ".join(t for t in [*metas, html_title] if t).lower()))
    if h1 and len(h1) >= _MIN_H1_CHARS:
        own = set(_WORD.findall(h1.lower()))
        # An <h1> sharing under half its words with every stated title is a logo, a
        # section or a teaser ("Faire un don :", "WordPress.com" in trafilatura-evaldata).
        if not words or len(own & words) >= len(own) / 2:
            return clean_title(h1, outlets, seps)
    for raw in metas:
        title = clean_title(raw, outlets, seps)
        if title:
            return title
    title = clean_title(html_title, outlets, seps)
    return title or (page[0] if page else None)


def _first_text(scope: Classed, pattern: re.Pattern[str], *, limit: int, minimum: int) -> str | None:
    for element in elements(scope, pattern):
        if element.tag in {"body", "article", "main", "section"} or inside(element, OUTSIDE) or _in_comments(element):
            continue
        text = text_of(element)
        if minimum <= len(text) <= limit:
            return text
    return None


def _section(page: Classed, tags: dict[str, str], linked: jsonld.LinkedData, title: str | None) -> str | None:
    section = tags.get("article:section") or linked.section
    if section and not squash(section).isdigit():
        return squash(section)
    crumbs = linked.breadcrumbs
    if not crumbs:
        for element in elements(page, _CRUMBS):
            crumbs = [text_of(a) for a in element.iter("a")]
            crumbs = [c for c in crumbs if c]
            if crumbs:
                break
    # The first crumb is the home page, the last one often the article itself.
    useful = [c for c in crumbs[1:] if not title or key(c) != key(title)]
    last = useful[-1] if useful else None
    return last if last and len(last) <= _MAX_SECTION_CHARS and not last.isdigit() else None


def _authors(
    tree: HtmlElement,
    scope: HtmlElement,
    in_scope: Classed,
    page: Classed,
    tags: dict[str, str],
    linked: jsonld.LinkedData,
    bylines: Bylines,
    outlets: set[str],
) -> tuple[list[str], str | None]:
    candidates: list[str] = ["; ".join(linked.authors)] if linked.authors else []
    for name in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl"):
        if tags.get(name):
            candidates.append(tags[name])
    for element in scope.iterfind(".//*[@itemprop]"):
        if "author" in (element.get("itemprop") or "") and not _in_comments(element):
            inner = element.find(".//*[@itemprop='name']")
            candidates.append(text_of(inner if inner is not None else element))
    candidates += [text_of(a) for a in tree.iterfind(".//a[@rel='author']") if not _in_comments(a)]
    lines = _byline_lines(in_scope)
    line = next((x for x in lines if bylines.names(x, outlets)), None)
    for candidate in [*candidates, *lines]:
        names = bylines.names(candidate, outlets)
        if names:
            return names, line
    # Some pages put the byline above the <article> element.
    for candidate in _byline_lines(page, page_wide=True):
        names = bylines.names(candidate, outlets)
        if names:
            return names, candidate
    return [], line


def _byline_lines(candidates: Classed, *, page_wide: bool = False) -> list[str]:
    """Short texts of byline-classed elements; page-wide, not in nav, aside or footer (a
    byline often sits in the article's <header>, so header is allowed)."""
    lines: list[str] = []
    for element in elements(candidates, _BYLINE):
        if (page_wide and inside(element, _NOT_BYLINE)) or _in_comments(element):
            continue
        text = text_of(element)
        if 0 < len(text) <= _MAX_BYLINE_CHARS:
            lines.append(text)
    return lines


# Reader comment threads: "comment", "comments", "commentlist", "comment-author"... but not
# WordPress's page-wide "comments-open" body class.
_COMMENTS = re.compile(r"(?<![\w-])(?:comments?|commentlist|comment-[a-z]+|replies|reply)(?![\w-])", re.I)


def _in_comments(element: HtmlElement) -> bool:
    """Inside a reader comment thread (its authors are not the article's)."""
    return any(_COMMENTS.search(classes(e)) for e in (element, *element.iterancestors()))
