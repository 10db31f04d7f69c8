"""JSON-LD (schema.org) blocks of an HTML page: the article node, its breadcrumbs.

Publishers describe the article in `<script type="application/ld+json">`; the keys are
schema.org vocabulary (headline, author, datePublished, ...), not words of any language.
Broken JSON is common (trailing commas, HTML comments, several objects pasted together): a
block that does not parse is skipped, never fatal.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from lxml.html import HtmlElement

# schema.org types that describe the article itself (CreativeWork subtypes used by news sites).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})
_COMMENT = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")


@dataclass
class LinkedData:
    """What the page's JSON-LD says about its article (empty fields when it says nothing)."""

    headline: str | None = None
    description: str | None = None
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    images: list[tuple[str | None, str | None]] = field(default_factory=list)  # (caption, credit)
    is_article: bool = False


def _nodes(value: Any) -> list[dict[str, Any]]:
    """Every dict node, flattening lists and @graph containers."""
    out: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return out


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower().rsplit("/", 1)[-1] for k in kinds if k}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str | int | float) and str(value).strip():
        text = str(value)
        return " ".join((unescape(text) if "&" in text else text).split())
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if _types(item) & {"organization", "newsmediaorganization"}:
                continue  # an organisation as author is the outlet, not a person (bylines.py decides)
            name = _text(item.get("name"))
        else:
            name = _text(item)
        if name and not name.startswith("http"):
            names.append(name)
    return names


def parse_blocks(tree: HtmlElement) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = _COMMENT.sub("", (script.text or "").strip())
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        nodes.extend(_nodes(data))
    return nodes


def read(tree: HtmlElement) -> LinkedData:
    linked = LinkedData()
    nodes = parse_blocks(tree)
    articles = [n for n in nodes if _types(n) & ARTICLE_TYPES]
    pages = [n for n in nodes if _types(n) & _PAGE_TYPES]
    main = articles[0] if articles else (pages[0] if pages else None)
    linked.is_article = bool(articles)
    for node in nodes:
        if "breadcrumblist" in _types(node) and not linked.breadcrumbs:
            linked.breadcrumbs = _crumbs(node.get("itemListElement"))
    if main is None:
        return linked
    linked.headline = _text(main.get("headline")) or _text(main.get("name"))
    linked.description = _text(main.get("description"))
    linked.published = _text(main.get("datePublished")) or _text(main.get("dateCreated"))
    linked.modified = _text(main.get("dateModified"))
    linked.section = _text(main.get("articleSection"))
    linked.authors = _names(main.get("author")) or _names(main.get("creator"))
    linked.publisher = _text(main.get("publisher"))
    images = main.get("image")
    for image in images if isinstance(images, list) else [images]:
        if isinstance(image, dict):
            caption = _text(image.get("caption")) or _text(image.get("description"))
            credit = _text(image.get("creditText")) or _text(image.get("copyrightHolder")) or _text(image.get("author"))
            if caption or credit:
                linked.images.append((caption, credit))
    return linked


def _crumbs(items: Any) -> list[str]:
    entries = items if isinstance(items, list) else []
    ranked: list[tuple[float, str]] = []
    for pos, item in enumerate(entries):
        if not isinstance(item, dict):
            continue
        name = _text(item.get("name")) or _text(item.get("item"))
        try:
            order = float(item.get("position", pos))
        except (TypeError, ValueError):
            order = float(pos)
        if name and not name.startswith("http"):
            ranked.append((order, name))
    return [name for _, name in sorted(ranked)]
