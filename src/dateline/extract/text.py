"""Scraped text (no markup): a line classifier separates the article from leftovers."""

from __future__ import annotations

from ..article import Article, Block
from ..lang import LangPack


def extract(article: Article, packs: list[LangPack]) -> None:
    exact = {w for p in packs for w in p.resource("boilerplate")["exact"]}
    raw = article.raw_text or ""
    parts: list[str] = []
    pos = 0
    for line in (ln.strip() for ln in raw.splitlines()):
        if not line:
            continue
        if line.lower() in exact:
            article.removed.append(line)
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        article.blocks.append(Block(kind="paragraph", start=pos, end=pos + len(line)))
        parts.append(line)
        pos += len(line)
    article.text = "".join(parts)
