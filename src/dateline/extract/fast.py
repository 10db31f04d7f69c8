"""The fast HTML extractor for bulk ingest (`--fast`): one lxml parse, no trafilatura, no htmldate.

html.py runs it in place of trafilatura's passes and htmldate's search when asked; the rest
(metadata readers, front-page and no-article rules, title/byline/chapô de-duplication, the
`removed` lines) is the normal path's. What differs:

1. `parse`: lxml alone on the first `MAX_HTML_CHARS` of the page (cut at a tag boundary; a
   problem is recorded on the article when the page was longer).
2. `page_lines`: the visible text of the body as lines, the way html-text (the converter behind
   the scrapinghub scraped-text benchmark) lays a page out: block elements break lines,
   paragraphs and headings are separated by blank lines, the page's <title> comes first. The
   containers that are never the article (script, style, nav, header and footer outside the
   article element, aside, form, hidden elements…) are skipped.
3. `body`: our scraped-text cleaner (text.py: line roles, main run of prose, its metadata)
   reads those lines; its paragraphs and headings are the body, and what it read around the
   run (title, authors, kicker, standfirst, date line) fills the fields the markup left empty.
4. `page_date`: the published date from JSON-LD, meta tags and the page's own date line
   (metadata.py), else the date in the URL, else the cleaner's date line: no htmldate search.

Quality and speed beside the normal path: bench/RESULTS.md, "Fast extraction".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from ..article import Article, BlockKind, Media
from ..errors import Code
from ..lang import LangPack
from . import dates
from .bylines import squash

# Pages are cut here before parsing (characters). On aut-example.warc.gz the 129 HTML
# records have a median of 8 kB; the six above 300 kB are archive.org listings and forum
# threads, not articles, and took ~70 % of the ingest CPU. The largest page of the
# benchmark corpora (scrapinghub, trafilatura-evaldata, htmldate: 1,375 news pages) is
# under this size, so no benchmark article is cut (bench/extraction_html.py --fast).
MAX_HTML_CHARS = 300_000
# Lines handed to the scraped-text cleaner. A news page gives a few hundred (scrapinghub
# html-text inputs: median ~150, largest ~1,900); the archive.org forum listing gives
# ~19,000 and its cleaning alone took ~1 s.
MAX_LINES = 3_000

# Never the article, whatever their position.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "button",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "textarea",
        "input",
        "form",
        "nav",
        "aside",
        "dialog",
        "head",
        "map",
    }
)
# Page furniture when outside the article element: inside <article> a <header> holds the
# headline and byline, a <footer> the tags and credits (the cleaner sorts those out).
_OUTER = frozenset({"header", "footer"})
_ARTICLE = frozenset({"article", "main"})
# Line layout (after html-text's, which the cleaner was tuned on): these break a line...
_LINE = frozenset(
    {
        "article",
        "br",
        "dd",
        "details",
        "div",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "section",
        "summary",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "address",
    }
)
# ... and these also leave a blank line around them (a new block for the cleaner).
_PARAGRAPH = frozenset(
    {"blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "ul"}
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup calls Python for each
# element the code touches (~2 ms a page, 0.1 s on a 1.2 MB page), to pick form and input
# classes we never use.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))


def bound(article: Article, html: str) -> str:
    """The part of the page the fast path reads: all of it up to MAX_HTML_CHARS, else the
    text before the last tag that starts under the limit (a problem says so)."""
    if len(html) <= MAX_HTML_CHARS:
        return html
    cut = html.rfind("<", 0, MAX_HTML_CHARS)
    cut = cut if cut > MAX_HTML_CHARS // 2 else MAX_HTML_CHARS
    article.problem(
        "extract",
        Code.TRUNCATED_HTML.value,
        f"fast extraction read the first {cut:,} of {len(html):,} characters of this page",
    )
    return html[:cut]


def parse(html: str) -> HtmlElement | None:
    """The page's tree (lxml, comments and processing instructions dropped), or None."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = etree.fromstring(html, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def page_date(meta_published: str | None, url: str | None) -> str | None:
    """JSON-LD, meta tags or the page's date line (metadata.py), else the URL's date."""
    return meta_published or dates.url_date(url)


def _hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style) and bool(_HIDDEN_STYLE.search(style or ""))


def page_lines(tree: HtmlElement) -> list[str]:
    """The page's visible text as lines ("" between blocks), its <title> first."""
    out: list[str] = []
    title = tree.find(".//title")
    if title is not None and title.text:
        out += [squash(title.text), ""]
    body = tree.find(".//body")
    root = body if body is not None else tree
    inline: list[str] = []

    def flush(blank: bool) -> None:
        line = squash("".join(inline))
        inline.clear()
        if line:
            out.append(line)
        if blank and out and out[-1]:
            out.append("")

    # An explicit stack, not recursion: hostile pages nest elements thousands deep.
    # Entries: (element, depth inside <article>/<main>) to visit, or a str tail to add after
    # closing a block.
    stack: list[tuple[HtmlElement, int] | tuple[str, str]] = [(root, 0)]
    while stack:
        if len(out) > MAX_LINES:
            break
        entry = stack.pop()
        if isinstance(entry[0], str):
            kind, tail = entry  # ("close-line" | "close-para" | "tail", text)
            if kind == "tail":
                inline.append(str(tail))
            else:
                flush(kind == "close-para")
            continue
        element, in_article = entry
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP or (tag in _OUTER and not in_article) or _hidden(element):
            continue
        if tag in _LINE or tag in _PARAGRAPH:
            flush(tag in _PARAGRAPH)
        if element.text:
            inline.append(element.text)
        inside = in_article or tag in _ARTICLE
        if tag in _LINE or tag in _PARAGRAPH:
            stack.append(("close-para" if tag in _PARAGRAPH else "close-line", ""))
        for child in reversed(element):
            if child.tail:
                stack.append(("tail", child.tail))
            stack.append((child, 1 if inside else 0))
    flush(False)
    return out[:MAX_LINES]


@dataclass
class Body:
    """What the cleaner found: the body blocks, and the fields it read around them."""

    paragraphs: list[tuple[BlockKind, str]] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    kicker: str | None = None
    standfirst: str | None = None
    section: str | None = None
    dateline: str | None = None
    media: list[Media] = field(default_factory=list)


def body(tree: HtmlElement, packs: list[LangPack]) -> Body:
    """The body as the scraped-text cleaner reads the page's lines."""
    from . import text

    lines = page_lines(tree)
    scratch = Article(raw_text="\n".join(lines))
    text.extract(scratch, packs)
    found = Body(
        title=scratch.title,
        authors=scratch.authors,
        kicker=scratch.kicker,
        standfirst=scratch.standfirst,
        section=scratch.section,
        dateline=scratch.page_dates.dateline,
        media=scratch.media,
    )
    for block in scratch.blocks:
        found.paragraphs.append((block.kind, scratch.text[block.start : block.end]))
    return found
