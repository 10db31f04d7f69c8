"""Reading an lxml HTML tree: visible text (never script content), class/id lookups, the
article element, and the short lines extraction dropped (for `Article.removed`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from .bylines import key, squash

SKIP = frozenset({"script", "style", "noscript", "template", "svg", "button", "iframe", "object"})
OUTSIDE = frozenset({"nav", "aside", "footer", "header"})


def text_of(element: HtmlElement) -> str:
    """Visible text of an element: never script, style or template content."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if isinstance(node.tag, str) and node.tag.lower() in SKIP:
            return
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return squash(" ".join(parts))


def classes(element: HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def main_scope(tree: HtmlElement) -> HtmlElement:
    """The article element with the most text, else <main>, else the body."""
    articles = [a for a in tree.iter("article") if not inside(a, OUTSIDE)]
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))  # a size, so script text does not matter
    main = next(tree.iter("main"), None)
    if main is not None:
        return main
    body = tree.find(".//body")
    return body if body is not None else tree


def inside(element: HtmlElement, tags: frozenset[str]) -> bool:
    return any(isinstance(p.tag, str) and p.tag.lower() in tags for p in element.iterancestors())


Classed = list[tuple[HtmlElement, str]]


def classed(scope: HtmlElement) -> Classed:
    """Elements with a class or id, with that text: one pass, then filtered per field
    (scanning the tree once per field cost ~5 ms a page on scrapinghub)."""
    out: Classed = []
    for element in scope.xpath("descendant-or-self::*[@class or @id]"):
        if element.tag not in SKIP:
            out.append((element, f"{element.get('class') or ''} {element.get('id') or ''}"))
    return out


def elements(scope: HtmlElement | Classed, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    for element, names in scope if isinstance(scope, list) else classed(scope):
        if pattern.search(names):
            yield element


_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "section", "article", "figure", "table", "h1", "h2", "h3", "h4"})
_LEAF_TAGS = frozenset({"a", "li", "span", "p", "div", "h2", "h3", "h4", "h5", "h6", "label", "strong", "em"})
# Lines up to this length are share buttons, related-story links, labels; longer text is prose.
_MAX_LEFTOVER_CHARS = 100
_MAX_LEFTOVERS = 60


def short_lines(scope: HtmlElement) -> list[str]:
    """Short text lines of the article element, to report those extraction dropped."""
    lines: list[str] = []
    seen: set[str] = set()
    for element in scope.iter(*_LEAF_TAGS):
        if len(lines) >= _MAX_LEFTOVERS:
            break
        if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element):
            continue
        parent = element.getparent()
        if (
            parent is not None
            and parent.tag in _LEAF_TAGS
            and not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in parent)
        ):
            continue  # an inline element counted with its parent line
        text = text_of(element)
        k = key(text)
        if text and len(text) <= _MAX_LEFTOVER_CHARS and k not in seen:
            seen.add(k)
            lines.append(text)
    return lines
