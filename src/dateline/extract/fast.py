"""The fast HTML extractor for bulk ingest (`--fast`): one lxml parse, no trafilatura, no htmldate.

html.py runs it in place of trafilatura's passes and htmldate's search when asked; the rest
(metadata readers, front-page and no-article rules, title/byline/chapô de-duplication, the
`removed` lines) is the normal path's. What differs:

1. `read`: lxml alone, on a bounded page (MAX_HTML_CHARS, MAX_ELEMENTS below; a problem is
   recorded on the article when a bound applied).
2. `page_lines`: the visible text of the body as lines, the way html-text (the converter behind
   the scrapinghub scraped-text benchmark) lays a page out: block elements break lines,
   paragraphs and headings are separated by blank lines, the page's <title> comes first. The
   containers that are never the article (script, style, nav, header and footer outside the
   article element, aside, form, hidden elements…) are skipped.
3. `body`: our scraped-text cleaner (text.py: line roles, main run of prose, its metadata)
   reads those lines; its paragraphs and headings are the body, and what it read around the
   run (title, authors, kicker, standfirst, date line) fills the fields the markup left empty.
4. The published date: html.py's rules (JSON-LD, meta tags and the page's own date line of
   metadata.py, checked against htmldate) with htmldate's quick search only, not its
   extensive search of the text; else the date in the URL, else the cleaner's date line.

Quality and speed beside the normal path: bench/RESULTS.md, "Fast extraction".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from ..article import Article, BlockKind, Media
from ..errors import Code
from ..lang import LangPack
from .bylines import squash

# Bounds on the work one page can cost (a problem on the article says when one applied).
# Pages are cut at MAX_HTML_CHARS before parsing (at a tag start), which bounds the parse
# (~25 ms for 1.2 MB; a 1 MB cut lost 0.006 body F1 on scrapinghub); the tree is then cut
# after MAX_ELEMENTS elements in document order, which bounds the metadata readers, the line
# builder and htmldate (they visit every element: ~0.35 s on the 35,000 elements of the
# largest aut-example page); the cleaner gets MAX_LINES lines.
# Evidence, 1,374 news pages of scrapinghub, trafilatura-evaldata and the htmldate corpus:
# sizes median 106 kB (inline scripts), 17 above 1 MB (largest 1.59 MB); elements median 727,
# 99th percentile 2,840, 8 above 4,000 (largest 9,748); lines median 102, 99th percentile 830
# (a 600-line cap and a 1,000-line cap give the same scrapinghub body F1, 0.937).
# On aut-example.warc.gz the archive.org listings and forum threads have 4,600-35,000
# elements and 2,700-21,000 lines; they took ~70 % of the ingest CPU.
MAX_HTML_CHARS = 2_000_000
MAX_ELEMENTS = 4_000
MAX_LINES = 600

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
_PARAGRAPH = frozenset({"blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "p", "pre", "ul"})
# Tag -> whether it is a paragraph (True) or only breaks a line (False).
_BLOCK = {**dict.fromkeys(_LINE, False), **dict.fromkeys(_PARAGRAPH, True)}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_PARSER = etree.HTMLParser(  # type: ignore[call-arg]  # (default_doctype: lxml has it, its stubs not)
    remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup calls Python for each
# element the code touches (~2 ms a page, 0.1 s on a 1.2 MB page), to pick form and input
# classes we never use.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))


def read(article: Article, html: str) -> HtmlElement | None:
    """The page's tree, bounded (see MAX_HTML_CHARS, MAX_ELEMENTS), or None."""
    tree = parse(_bound(article, html))
    if tree is not None:
        _prune(article, tree)
    return tree


def _bound(article: Article, html: str) -> str:
    """All of the page up to MAX_HTML_CHARS, else the text before the last tag that starts
    under the limit."""
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


def _prune(article: Article, tree: HtmlElement) -> None:
    """Drop every element after the first MAX_ELEMENTS in document order."""
    total = int(tree.xpath("count(//*)"))
    if total <= MAX_ELEMENTS:
        return
    first_cut = next(islice(tree.iter(), MAX_ELEMENTS, None))
    node = first_cut
    while node is not None and node is not tree:
        parent = node.getparent()
        if parent is None:
            break
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent
    parent = first_cut.getparent()
    if parent is not None:
        parent.remove(first_cut)
    article.problem(
        "extract",
        Code.TRUNCATED_HTML.value,
        f"fast extraction read the first {MAX_ELEMENTS:,} of {total:,} HTML elements of this page",
    )


def bound_lines(article: Article, text: str) -> str:
    """Scraped text (text/plain records in fast mode) cut after MAX_LINES lines."""
    cut = -1
    for _ in range(MAX_LINES):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            return text
    article.problem(
        "extract", Code.TRUNCATED_HTML.value, f"fast extraction read the first {MAX_LINES:,} lines of this text"
    )
    return text[:cut]


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
        if inline:  # (most block ends have no text pending: no join, no regex)
            joined = "".join(inline)
            inline.clear()
            line = "" if joined.isspace() else squash(joined)
            if line:
                out.append(line)
        if blank and out and out[-1]:
            out.append("")

    # lxml's walker, not recursion (hostile pages nest elements thousands deep) nor a Python
    # stack of elements and tails (twice the CPU: this walk reads every element of the page).
    # A skipped element still gets its "end" event, right after its "start": only its tail
    # counts. Comments (none after our parser, but any tree) give their tail too.
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    articles = 0  # open <article>/<main> elements around the current one
    skipped = False
    for event, element in walker:
        if event == "start":
            tag = element.tag if isinstance(element.tag, str) else ""
            if (
                not tag
                or tag in _SKIP
                or (tag in _OUTER and not articles)
                # hidden (the attribute, ARIA, or an inline style)
                or element.get("hidden") is not None
                or element.get("aria-hidden") == "true"
                or ((style := element.get("style")) and _HIDDEN_STYLE.search(style))
            ):
                walker.skip_subtree()
                skipped = True
                continue
            paragraph = _BLOCK.get(tag)
            if paragraph is not None:
                flush(paragraph)
                if len(out) > MAX_LINES:
                    break
            if element.text:
                inline.append(element.text)
            if tag in _ARTICLE:
                articles += 1
            continue
        if event == "end":
            if skipped:
                skipped = False
            else:
                tag = element.tag
                paragraph = _BLOCK.get(tag)
                if paragraph is not None:
                    flush(paragraph)
                    if len(out) > MAX_LINES:
                        break
                if tag in _ARTICLE:
                    articles -= 1
            if element is root:
                break
        if element.tail:
            inline.append(element.tail)
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
