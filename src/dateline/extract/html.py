"""HTML pages: trafilatura for the body, htmldate for the date. The only module that
imports trafilatura (so it can be swapped or pinned in one place)."""

from __future__ import annotations

from ..article import Article, Block
from ..errors import Code
from . import dates


def extract(article: Article) -> None:
    import trafilatura
    from htmldate import find_date

    html = article.html or ""
    doc = trafilatura.bare_extraction(html, url=article.url, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict):
        article.problem("extract", Code.NO_ARTICLE.value, "trafilatura found no main text")
        return
    body = doc.text or ""
    pos = 0
    parts: list[str] = []
    for para in (p.strip() for p in body.split("\n")):
        if not para:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        article.blocks.append(Block(kind="paragraph", start=pos, end=pos + len(para)))
        parts.append(para)
        pos += len(para)
    article.text = "".join(parts)
    article.title = doc.title or None
    article.authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    published = find_date(html, url=article.url, extensive_search=True, original_date=True)
    article.page_dates.published = dates.normalise(published)
    article.page_dates.url = dates.url_date(article.url)
    article.stated_date = article.page_dates.published
