"""HTML pages: trafilatura for the body, our metadata readers for everything around it.

The only module that imports trafilatura and htmldate (so they can be swapped or pinned in
one place). The page is parsed once; metadata.py and htmldate read the tree first, then
trafilatura (which prunes the tree it is given) extracts the body as XML, whose elements
give the block kinds: `<head>` heading, `<list>` list, `<quote>` quote_block, else paragraph.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .. import lang
from ..article import Article, Block, BlockKind
from ..errors import Code
from . import dates, markup, metadata
from . import fast as fast_path
from .bylines import key, squash
from .cues import compile_cues
from .cues import key as line_key

_KINDS: dict[str, BlockKind] = {"head": "heading", "list": "list", "quote": "quote_block"}
# Without any article signal (JSON-LD article, og:type article, a date) a page whose main
# text is shorter than this is an index or an error page: our 404 and home-page fixtures
# give 60-200 characters, our shortest undated article fixture (the hostile page in
# tests/test_extract_html.py) 330. Dated pages are never dropped by this rule.
_MIN_UNSIGNALLED_CHARS = 250
# See _body: a first-pass text at least this long is kept without trafilatura's fallbacks.
_FAST_ENOUGH_CHARS = 1000
# Byline and date lines sit within the first blocks of a body (at most the title, a
# kicker, the chapô, then byline and date).
_TOP_LINES = 4
_CLOSING = re.compile(r"</(?:html|body)\s*>\s*$", re.I)
# Caches and archives append comments after </html> (W3 Total Cache, web.archive.org timings).
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


@cache
def _packs() -> tuple[lang.LangPack, ...]:
    """Cues of every language: the page's language is identified after extraction."""
    return tuple(lang.load(code) for code in lang.supported())


def parse(html: str) -> HtmlElement | None:
    from trafilatura.utils import load_html

    tree = load_html(html)
    return tree if isinstance(tree, HtmlElement) else None


def stated_date(html: str, url: str | None) -> str | None:
    """The page's stated (published) date alone, without reading the body: the same
    readers `extract` uses, for date-only work such as the stated-date gate."""
    tree = parse(html)
    return _page_date(html, url, metadata.read(tree, url, _packs())) if tree is not None else None


def extract(article: Article, *, fast: bool = False) -> None:
    """Fill `article` from `article.html`. `fast`: the bulk-ingest path of fast.py (no
    trafilatura, no htmldate search; the page read up to fast.MAX_HTML_CHARS)."""
    html = article.html or ""
    tree = fast_path.read(article, html) if fast else parse(html)
    if tree is None:
        article.problem("extract", Code.NO_ARTICLE.value, "the HTML could not be parsed")
        return
    if html.strip() and not _CLOSING.search(_COMMENT.sub("", html[-5000:]).rstrip()):
        article.problem("extract", Code.TRUNCATED_HTML.value, "the page ends before </html>: read what was there")
    meta = metadata.read(tree, article.url, _packs())
    leftovers = markup.short_lines(meta.scope if meta.scope is not None else tree)
    # The fast path asks htmldate for its quick search only (no extensive search of the text).
    published = _page_date(tree if fast else html, article.url, meta, extensive=not fast)
    front = _front_page(meta, article.url, published)
    # A front or index page has no article whatever its body holds: the body is not extracted
    # (trafilatura is most of the cost of a page).
    cleaned = fast_path.body(tree, list(_packs())) if fast and not front else None
    body = [] if front else cleaned.paragraphs if cleaned is not None else _body(tree, article.url)

    article.title = meta.title
    article.kicker = meta.kicker
    article.section = meta.section
    article.authors = meta.authors
    article.media = meta.media
    if cleaned is not None:
        # What the markup did not say, the cleaner may have read in the lines.
        article.title = article.title or cleaned.title
        article.kicker = article.kicker or cleaned.kicker
        article.section = article.section or cleaned.section
        article.authors = article.authors or cleaned.authors
        article.media = article.media or cleaned.media
        article.page_dates.dateline = cleaned.dateline
        published = published or dates.url_date(article.url) or cleaned.dateline
    article.page_dates.published = published
    article.page_dates.modified = meta.dates.modified
    article.page_dates.url = dates.url_date(article.url)
    article.stated_date = published

    paragraphs = _drop_repeats(body, article, meta)
    if cleaned is None:
        paragraphs = _drop_boilerplate(paragraphs, article)
    if cleaned is not None and article.standfirst is None:
        article.standfirst = cleaned.standfirst
    reason = front or _no_article(meta, published, paragraphs)
    if reason:
        article.problem("extract", Code.NO_ARTICLE.value, reason)
        article.removed.extend(t for _, t in paragraphs)
        paragraphs = []
    _assemble(article, paragraphs)
    kept = {key(t) for _, t in paragraphs}
    known = {key(x) for x in (article.title, article.standfirst, article.kicker, *article.authors) if x}
    known |= {key(x) for m in article.media for x in (m.caption, m.credit) if x}
    body_key = key(article.text)
    for line in leftovers:
        k = key(line)
        if k and k not in kept and k not in known and k not in body_key and line not in article.removed:
            article.removed.append(line)


def _front_page(meta: metadata.PageMeta, url: str | None, published: str | None) -> str | None:
    """Why this page is a website's front or index page (known before its body is read), or None."""
    if meta.is_article:
        return None
    # og:type "website" alone is weak (arteradio.com articles carry it), so it needs no date too.
    if (meta.og_type == "website" and published is None) or (url is not None and urlsplit(url).path in {"", "/"}):
        return "no article on this page: it presents itself as a website's front or index page"
    return None


def _no_article(meta: metadata.PageMeta, published: str | None, paragraphs: list[tuple[BlockKind, str]]) -> str | None:
    """Why this page has no article (an index or error page with little text), or None."""
    if meta.is_article:
        return None
    if published is None and sum(len(t) for _, t in paragraphs) < _MIN_UNSIGNALLED_CHARS:
        return "no article on this page: no article metadata, no date and little text"
    return None


def _page_date(
    html: str | HtmlElement, url: str | None, meta: metadata.PageMeta, *, extensive: bool = True
) -> str | None:
    """The best published date: htmldate (extensive, original date) for the day, with the
    time and zone of our metadata when they agree on the day; our word-date reader when
    htmldate finds nothing (its regexes miss "1er", "août", "févr.").

    htmldate gets the HTML string, not our tree: it also searches the raw markup, and on
    the tree it scored 0.901 instead of 0.903 on the htmldate corpus (bench/pubdate.py).
    The fast path (`extensive=False`) gives it the bounded tree (htmldate copies a tree
    before pruning it) and only its quick search."""
    from htmldate import find_date

    ours = meta.dates.published
    source = meta.dates.source
    if ours and (
        (source == "jsonld" and _local_offset(ours))
        or (source in {"jsonld", "meta"} and dates.same_day(dates.url_date(url), ours))
    ):
        # Cheap metadata settles it: a JSON-LD date in local time (see below), or a meta date
        # the URL confirms. On the htmldate corpus this skips htmldate on 270 of 1,000 pages
        # with the same accuracy (0.906 overall, 0.927 French).
        return ours
    day = find_date(html, url=url, extensive_search=extensive, original_date=True)
    if isinstance(day, str) and day:
        if ours and meta.dates.source == "text" and day[8:10] == "01" and ours[:4] == day[:4]:
            # htmldate fills a day it could not read with 01 ("1er août 2019" -> 2019-01-01);
            # our date line names the day.
            return ours
        if ours and meta.dates.source == "jsonld" and _local_offset(ours):
            # A JSON-LD timestamp in the publisher's local zone names the day as printed;
            # On the htmldate corpus htmldate's day differed on 7 such pages: the JSON-LD day
            # was right on 5 (elpais, handelsblatt x2, foxnews, engadget), htmldate on 2.
            return ours
        return ours if dates.same_day(ours, day) else day
    return ours


def _local_offset(value: str) -> bool:
    """An ISO datetime with a non-UTC offset ("…T18:37:32+01:00")."""
    return len(value) > 19 and value[19:].lstrip(".0123456789")[:6] not in {"", "+00:00", "-00:00"}


def _body(tree: HtmlElement, url: str | None) -> list[tuple[BlockKind, str]]:
    """(kind, text) of each body element trafilatura keeps.

    trafilatura's own algorithm first, without its fallbacks (readability, jusText); the
    full run with fallbacks only when that text is short. The fallbacks cost half of the
    extraction time and, on the benchmarks, change the result only for pages where the
    first pass found under 1,000 characters: with cut-offs from 1,000 to 3,000 body F1
    (0.964 scrapinghub) and segment F1 (0.941 French, 0.927 fr+en evaldata) equal the full
    run's, without (cut-off 0) scrapinghub loses 0.018. Over all 1,375 pages of the three
    corpora (scrapinghub, evaldata, htmldate), the full run changed the text of 64 of the 255
    pages whose first pass was under 1,000 characters, of none of the 103 between 1,000 and
    1,500 (so the cut-off went from 1,500 to 1,000: 103 runs of ~18 ms saved) and of 3 of the
    335 between 1,500 and 3,000.
    """
    import trafilatura

    # favor_precision: +0.004 body F1 on scrapinghub (0.964 vs 0.960) and +0.010 segment F1
    # on the French trafilatura-evaldata pages (0.941 vs 0.931), bench/extraction_html.py.
    options: dict[str, bool] = {"favor_precision": True, "include_comments": False, "include_tables": True}
    # bare_extraction works on a copy of the tree it is given, so both passes read `tree` as parsed.
    doc = trafilatura.bare_extraction(tree, url=url, fast=True, **options)  # type: ignore[arg-type]
    if len(getattr(doc, "text", None) or "") < _FAST_ENOUGH_CHARS:
        doc = trafilatura.bare_extraction(tree, url=url, **options)  # type: ignore[arg-type]
    root = getattr(doc, "body", None)
    if root is None:
        return []
    out: list[tuple[BlockKind, str]] = []
    for element in root:
        kind = _KINDS.get(str(element.tag), "paragraph")
        if element.tag == "list":
            lines = [squash(" ".join(item.itertext())) for item in element.iter("item")]
            text = "\n".join(line for line in lines if line)
        elif element.tag == "table":
            rows = [" | ".join(squash(" ".join(c.itertext())) for c in row) for row in element.iter("row")]
            text = "\n".join(r for r in rows if r.strip(" |"))
        elif element.tag == "graphic":
            continue
        else:
            text = squash(" ".join(element.itertext()))
        if text:
            out.append((kind, text))
    return out


def _drop_repeats(
    body: list[tuple[BlockKind, str]], article: Article, meta: metadata.PageMeta
) -> list[tuple[BlockKind, str]]:
    """No title as the first paragraph; the chapô as standfirst, not twice."""
    paragraphs = list(body)
    if paragraphs and meta.title and key(paragraphs[0][1]) == key(meta.title):
        article.removed.append(paragraphs.pop(0)[1])
    # The byline and date lines are metadata, not body, when trafilatura keeps them on top.
    lines = {key(x) for x in (meta.byline, meta.dates.line) if x}
    for kind, text in list(paragraphs[:_TOP_LINES]):
        if key(text) in lines:
            paragraphs.remove((kind, text))
            article.removed.append(text)
    first = key(paragraphs[0][1]) if paragraphs else ""
    if meta.standfirst_element:
        # The publisher's chapô element is the lede; when trafilatura also kept it as the
        # first paragraph it stays there too (the benchmarks' gold bodies include it).
        article.standfirst = meta.standfirst_element
    elif meta.description and not _repeats(meta.description, first, meta.title):
        article.standfirst = meta.description
    return paragraphs


def _drop_boilerplate(paragraphs: list[tuple[BlockKind, str]], article: Article) -> list[tuple[BlockKind, str]]:
    """Lines trafilatura keeps that the scraped-text cleaner's lexicons call boilerplate: a
    "Lire aussi : <headline>" link whose quoted headline the quote step then read as a quote
    (first French held-out gold), sharing and subscription lines."""
    cues = compile_cues(list(_packs()))
    kept = []
    for kind, text in paragraphs:
        if kind == "paragraph" and cues.is_boilerplate(line_key(text), len(text.split())):
            article.removed.append(text)
        else:
            kept.append((kind, text))
    return kept


def _repeats(description: str, first: str, title: str | None) -> bool:
    """A description that is the first paragraph (or its truncation) or the title is no lede."""
    d = key(description.rstrip(".… "))
    if not d or (title and d == key(title)):
        return True
    return bool(first) and (first.startswith(d[: max(40, len(d) - 5)]) or d.startswith(first))


def _assemble(article: Article, paragraphs: list[tuple[BlockKind, str]]) -> None:
    parts: list[str] = []
    pos = 0
    for kind, text in paragraphs:
        if parts:
            parts.append("\n\n")
            pos += 2
        article.blocks.append(Block(kind=kind, start=pos, end=pos + len(text)))
        parts.append(text)
        pos += len(text)
    article.text = "".join(parts)
